import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planDirectoryImport } from "../../../functions/core/directory-import.ts";
import { readSpreadsheet, toXlsx } from "../../../functions/core/spreadsheet.ts";
import { defaultDirectoryPath, readDirectoryFile } from "../../../functions/local/content.ts";

const directory = readDirectoryFile(defaultDirectoryPath).members;
const fixture = readFileSync(new URL("../../fixtures/secretariat-directory-messy.csv", import.meta.url));

const planOf = async (bytes: Uint8Array, name: string) => {
  const plan = planDirectoryImport(await readSpreadsheet(bytes, name), directory);
  if (!plan.ok) throw new Error(plan.error);
  return plan.value;
};

describe("importing the Secretariat's spreadsheet", () => {
  it("finds the header row under title rows and reads a semicolon CSV", async () => {
    const plan = await planOf(fixture, "directorio.csv");
    expect(plan.headerRow).toBe(4);
  });

  it("matches members by code, by name in any language, with or without accents, and by close spelling", async () => {
    const plan = await planOf(fixture, "directorio.csv");
    const matched = plan.rows.filter((r) => r.status === "ok").map((r) => r.memberCode);
    expect(matched).toEqual(["ARG", "BRA", "PER", "HTI", "TTO", "KNA", "USA", "ARG", "COSATE"]);
    expect(plan.rows.find((r) => r.row === 12)?.message).toBe('Row 12: "Argentna" read as Argentina.');
  });

  it("trims and normalises what it keeps", async () => {
    const plan = await planOf(fixture, "directorio.csv");
    const maria = plan.members.find((m) => m.code === "ARG")?.contacts[0];
    expect(maria).toMatchObject({
      name: "María Fernández",
      email: "maria.fernandez@example.org",
      role: "Directora de Relaciones Internacionales",
      language: "es",
    });
    expect(plan.members.find((m) => m.code === "PER")?.contacts[0]?.language).toBe("es");
  });

  it("says in plain words what it will not import, row by row", async () => {
    const plan = await planOf(fixture, "directorio.csv");
    expect(plan.rows.filter((r) => r.status !== "ok").map((r) => r.message)).toEqual([
      "Row 13 repeats row 5 (Argentina, maria.fernandez@example.org); imported once.",
      'Row 14: "Narnia" matches no member of the directory; not imported.',
      'Row 15: "ana.rojas@example" is not a valid email address; not imported.',
    ]);
    expect(plan.counts).toEqual({ ok: 9, errors: 2, duplicates: 1, members: 8 });
  });

  it("keeps the contact ids of addresses already in the directory, so invitations stay attached", async () => {
    const plan = await planOf(fixture, "directorio.csv");
    const bra = plan.members.find((m) => m.code === "BRA");
    expect(bra?.contacts.map((c) => c.id)).toEqual(["focal-point"]);
    expect(plan.removed).toContainEqual({ memberCode: "BRA", email: "alternate.bra@example.org" });
  });

  it("reads an .xlsx with the same result", async () => {
    const rows = (await readSpreadsheet(fixture, "directorio.csv")).map((r) => r.map(String));
    const xlsx = await toXlsx("Directorio", rows);
    const plan = await planOf(xlsx, "directorio.xlsx");
    expect(plan.counts).toEqual({ ok: 9, errors: 2, duplicates: 1, members: 8 });
  });

  it("reads a CSV saved by Excel on Windows in its own code page", async () => {
    const latin1 = Buffer.from("País,Correo\r\nPerú,rosa@example.org\r\n", "latin1");
    const plan = await planOf(latin1, "old.csv");
    expect(plan.rows[0]).toMatchObject({ status: "ok", memberCode: "PER" });
  });

  it("refuses a sheet without a recognisable header, saying what it needs", () => {
    const plan = planDirectoryImport(
      [
        ["a", "b"],
        ["c", "d"],
      ],
      directory,
    );
    expect(plan.ok ? "" : plan.error).toMatch(/No header row found/);
  });
});
