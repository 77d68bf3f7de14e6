// Applying a previewed directory import: exactly what was previewed, and never over a console edit made since.
import { describe, expect, it } from "vitest";
import { cryptoRandom, systemClock } from "../../../functions/adapters/system.ts";
import { applyDirectoryImport, previewDirectoryImport } from "../../../functions/core/directory-admin.ts";
import { freshTable } from "../../support/dynamo.ts";
import { member } from "../../support/factories.ts";
import { movableClock } from "../../support/local-stack.ts";

const csv = (text: string) => ({ name: "directorio.csv", bytes: new TextEncoder().encode(text) });
const file = csv(
  "Country,Name,Email\nARG,María Fernández,maria.fernandez@trabajo.gob.ar\nBRA,João Silva,joao.silva@trabalho.gov.br\n",
);

const withDirectory = async (clock: { now(): Date } = systemClock) => {
  const { repository } = await freshTable();
  await repository.putMembers([member("ARG"), member("BRA")]);
  return { repository, clock, random: cryptoRandom };
};

describe("applying a directory import", () => {
  it("applies what was previewed, and applying it again changes nothing more", async () => {
    const ports = await withDirectory();
    const { id } = await previewDirectoryImport(ports, file);
    await applyDirectoryImport(ports, id);
    const arg = await ports.repository.getMember("ARG");
    expect(arg?.contacts.map((c) => c.email)).toContain("maria.fernandez@trabajo.gob.ar");
    await applyDirectoryImport(ports, id);
    expect(await ports.repository.getMember("ARG")).toEqual(arg);
  });

  it("refuses, whole, to overwrite contacts someone edited in the console after the preview", async () => {
    const ports = await withDirectory();
    const { id } = await previewDirectoryImport(ports, file);
    const before = (await ports.repository.getMember("BRA"))!;
    const edited = [{ ...before.contacts[0]!, name: "Ana Souza" }];
    expect(await ports.repository.updateMemberContacts("BRA", edited, before.contacts)).toBe(true);

    await expect(applyDirectoryImport(ports, id)).rejects.toMatchObject({
      status: 409,
      code: "directory_changed",
      message: expect.stringContaining("BRA"),
    });
    expect((await ports.repository.getMember("BRA"))?.contacts).toEqual(edited);
    // Nothing else was applied either: ARG is as it was.
    expect(await ports.repository.getMember("ARG")).toEqual(member("ARG"));
  });

  it("keeps the preview of a spreadsheet too big for one DynamoDB item, and applies it", async () => {
    const ports = await withDirectory();
    // 12,000 rows naming no member: the preview lists each one, far past DynamoDB's 400 KB an item.
    const unknown = Array.from({ length: 12_000 }, (_, i) => `Atlantis ${i},p${i}@example.org`).join("\n");
    const big = csv(`Country,Email\nARG,maria.fernandez@trabajo.gob.ar\n${unknown}\n`);
    const { id, plan } = await previewDirectoryImport(ports, big);
    expect(plan.counts).toMatchObject({ ok: 1, errors: 12_000 });
    expect(await applyDirectoryImport(ports, id)).toEqual(plan.counts);
    expect((await ports.repository.getMember("ARG"))?.contacts.map((c) => c.email)).toEqual([
      "maria.fernandez@trabajo.gob.ar",
    ]);
  });

  it("refuses a preview past its day, even while DynamoDB has not yet deleted it", async () => {
    const clock = movableClock();
    const ports = await withDirectory(clock);
    const { id } = await previewDirectoryImport(ports, file);
    clock.advance(25 * 3600 * 1000);
    await expect(applyDirectoryImport(ports, id)).rejects.toMatchObject({
      status: 404,
      code: "import_not_found",
      message: expect.stringContaining("expired"),
    });
    expect(await ports.repository.getMember("ARG")).toEqual(member("ARG"));
  });
});
