// Loading content/ as a plan: what would change, applied only where confirmed, never over an edit made
// in the console since the last load unless asked; seeding only an empty database.
import { describe, expect, it } from "vitest";
import {
  applyContentLoad,
  planContentLoad,
  seedEmptyDatabase,
  type Content,
} from "../../../functions/core/content-load.ts";
import { freshTable } from "../../support/dynamo.ts";
import { campaign, member, question, questionnaire } from "../../support/factories.ts";
import { movableClock } from "../../support/local-stack.ts";

const shipped = questionnaire([question("q1", "yes-no")]);
const content = (overrides: Partial<Content> = {}): Content => ({
  members: [member("ARG"), member("BRA"), member("CHL")],
  questionnaires: [shipped],
  ...overrides,
});

const emptyDatabase = async () => {
  const { repository } = await freshTable();
  return { repository, clock: movableClock(new Date("2027-01-10T12:00:00Z")) };
};

/** A database the first start seeded from `content()`. */
const seeded = async () => {
  const ports = await emptyDatabase();
  expect(await seedEmptyDatabase(ports, content())).toBe("seeded");
  return ports;
};

/** As the console's contact editor writes: only the member's contacts, guarded by what it read. */
const editInConsole = async (ports: Awaited<ReturnType<typeof seeded>>, code: string, email: string) => {
  const before = (await ports.repository.getMember(code))!;
  const contacts = [{ ...before.contacts[0]!, email }];
  expect(await ports.repository.updateMemberContacts(code, contacts, before.contacts)).toBe(true);
};

const change = (plan: Awaited<ReturnType<typeof planContentLoad>>, id: string) =>
  plan.items.find((i) => i.id === id);

describe("seeding from content/", () => {
  it("fills an empty database once, and leaves it alone on every later start", async () => {
    const ports = await seeded();
    expect((await ports.repository.listMembers()).map((m) => m.code)).toEqual(["ARG", "BRA", "CHL"]);
    expect(await ports.repository.getQuestionnaire(shipped.id, shipped.version)).toEqual(shipped);

    await editInConsole(ports, "ARG", "new@trabajo.example.org");
    const other = content({ members: [member("ARG", { note: "from a newer content/" })] });
    expect(await seedEmptyDatabase(ports, other)).toBe("kept");
    expect((await ports.repository.getMember("ARG"))?.contacts[0]?.email).toBe("new@trabajo.example.org");
    expect((await ports.repository.getMember("ARG"))?.note).toBeUndefined();
  });

  it("does not seed a database that already has a directory, even one never loaded", async () => {
    const ports = await emptyDatabase();
    await ports.repository.putMembers([member("URY")]);
    expect(await seedEmptyDatabase(ports, content())).toBe("kept");
    expect((await ports.repository.listMembers()).map((m) => m.code)).toEqual(["URY"]);
  });
});

describe("the load plan", () => {
  it("says which members content/ adds, changes (with which fields) and removes, and writes nothing", async () => {
    const ports = await seeded();
    const next = content({
      members: [
        member("ARG", { timeZone: "America/Argentina/Buenos_Aires" }),
        member("BRA", {
          contacts: [
            { ...member("BRA").contacts[0]!, name: "Renamed" },
            {
              id: "second",
              name: "Second",
              email: "second@example.org",
              role: "focal-point",
              revoked: false,
            },
          ],
        }),
        member("PER"),
      ],
    });
    const plan = await planContentLoad(ports, next);
    expect(change(plan, "ARG")).toEqual({
      kind: "member",
      id: "ARG",
      change: "changed",
      fields: ["timeZone"],
      editedSinceLoad: false,
    });
    expect(change(plan, "BRA")).toMatchObject({
      fields: ["contacts (+second@example.org, ~fp.bra@example.org)"],
    });
    expect(change(plan, "CHL")).toMatchObject({ change: "removed", editedSinceLoad: false });
    expect(change(plan, "PER")).toMatchObject({ change: "added", editedSinceLoad: false });
    expect(change(plan, `${shipped.id}@1`)).toMatchObject({ change: "unchanged" });
    expect(plan.lastLoadedAt).toBe("2027-01-10T12:00:00.000Z");
    expect((await ports.repository.getMember("ARG"))?.timeZone).toBeUndefined();
    expect(await ports.repository.getMember("PER")).toBeUndefined();
  });

  it("marks what was changed since the last load, and tells a new questionnaire version from a conflicting one", async () => {
    const ports = await seeded();
    await editInConsole(ports, "BRA", "new@trabalho.example.org");
    const plan = await planContentLoad(
      ports,
      content({
        questionnaires: [
          questionnaire([question("q1", "yes-no")], { version: 2 }),
          questionnaire([question("q1", "multiple-choice", { options: "topics" })]),
        ],
      }),
    );
    expect(change(plan, "BRA")).toMatchObject({ change: "changed", editedSinceLoad: true });
    expect(change(plan, "ARG")).toMatchObject({ change: "unchanged", editedSinceLoad: false });
    expect(plan.items.filter((i) => i.kind === "questionnaire")).toEqual([
      { kind: "questionnaire", id: `${shipped.id}@2`, change: "new" },
      { kind: "questionnaire", id: `${shipped.id}@1`, change: "conflicting" },
    ]);
  });

  it("counts campaigns, which a load never touches", async () => {
    const ports = await seeded();
    await ports.repository.createCampaign(campaign());
    expect((await planContentLoad(ports, content())).campaigns).toBe(1);
  });
});

describe("applying the load", () => {
  it("applies only the confirmed items and says which were left", async () => {
    const ports = await seeded();
    const next = content({
      members: [member("ARG", { note: "a" }), member("BRA", { note: "b" }), member("CHL")],
    });
    ports.clock.advance(60_000);
    const out = await applyContentLoad(ports, next, { confirm: ["BRA"], by: "secretariat@example.org" });
    expect(out).toEqual({ applied: ["BRA"], refused: [], notConfirmed: ["ARG"] });
    expect((await ports.repository.listAudit())[0]).toMatchObject({
      actor: "secretariat@example.org",
      action: "loaded content/: BRA",
    });
    expect((await ports.repository.getMember("BRA"))?.note).toBe("b");
    expect((await ports.repository.getMember("ARG"))?.note).toBeUndefined();
    // BRA is content/'s again: loading it once more is not a console edit.
    expect(change(await planContentLoad(ports, next), "BRA")).toMatchObject({ change: "unchanged" });
    expect(change(await planContentLoad(ports, next), "ARG")).toMatchObject({ editedSinceLoad: false });
  });

  it("refuses to replace a console edit unless told to overwrite", async () => {
    const ports = await seeded();
    await editInConsole(ports, "ARG", "new@trabajo.example.org");
    const next = content({ members: [member("ARG", { note: "a" }), member("BRA"), member("CHL")] });

    const refused = await applyContentLoad(ports, next, { confirm: "all" });
    expect(refused.applied).toEqual([]);
    expect(refused.refused).toEqual([
      {
        id: "ARG",
        reason:
          "ARG was changed in the console since the last load; give --overwrite to replace it with content/",
      },
    ]);
    expect((await ports.repository.getMember("ARG"))?.contacts[0]?.email).toBe("new@trabajo.example.org");
    // Refused once, still an edit: a second load without --overwrite refuses it again.
    expect(change(await planContentLoad(ports, next), "ARG")).toMatchObject({ editedSinceLoad: true });

    const overwritten = await applyContentLoad(ports, next, { confirm: ["ARG"], overwrite: true });
    expect(overwritten.applied).toEqual(["ARG"]);
    expect(await ports.repository.getMember("ARG")).toEqual(member("ARG", { note: "a" }));
  });

  it("removes a member content/ no longer lists only when it is as loaded, or on --overwrite", async () => {
    const ports = await seeded();
    await ports.repository.putMembers([member("URY")]); // added outside any load
    const next = content({ members: [member("ARG"), member("BRA")] });
    const out = await applyContentLoad(ports, next, { confirm: "all" });
    expect(out.applied).toEqual(["CHL"]);
    expect(out.refused.map((r) => r.id)).toEqual(["URY"]);
    expect((await ports.repository.listMembers()).map((m) => m.code)).toEqual(["ARG", "BRA", "URY"]);
  });

  it("adds a new questionnaire version and never replaces a stored one", async () => {
    const ports = await seeded();
    const v2 = questionnaire([question("q2", "yes-no")], { version: 2 });
    const conflicting = questionnaire([question("q1", "multiple-choice", { options: "topics" })]);
    const out = await applyContentLoad(ports, content({ questionnaires: [v2, conflicting] }), {
      confirm: "all",
      overwrite: true,
    });
    expect(out.applied).toEqual([`${shipped.id}@2`]);
    expect(out.refused.map((r) => r.id)).toEqual([`${shipped.id}@1`]);
    expect(await ports.repository.getQuestionnaire(shipped.id, 1)).toEqual(shipped);
    expect(await ports.repository.getQuestionnaire(shipped.id)).toEqual(v2);
  });

  it("refuses ids that are not in the plan, writing nothing", async () => {
    const ports = await seeded();
    await expect(
      applyContentLoad(ports, content({ members: [member("ARG", { note: "a" })] }), {
        confirm: ["ARG", "XYZ"],
      }),
    ).rejects.toMatchObject({ status: 400, code: "not_in_plan", message: expect.stringContaining("XYZ") });
    expect((await ports.repository.getMember("ARG"))?.note).toBeUndefined();
  });
});
