import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planDirectoryImport } from "../../../functions/core/directory-import.ts";
import { loadExcel } from "../../../functions/core/excel.ts";
import { readSpreadsheet, toXlsx } from "../../../functions/core/spreadsheet.ts";
import { SPREADSHEET_LIMITS } from "../../../functions/core/spreadsheet-limits.ts";
import { defaultDirectoryPath, readDirectoryFile } from "../../../functions/local/content.ts";
import {
  farColumnCells,
  hugeSharedStrings,
  lastRowCell,
  zipBomb,
} from "../../support/hostile-spreadsheets.ts";

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

  it("reads an .xlsx as Excel shows it: merged cells, dates, rich text, formulas' values, links' text", async () => {
    const workbook = new (await loadExcel()).Workbook();
    workbook.addWorksheet("Empty");
    const sheet = workbook.addWorksheet("Directorio");
    sheet.getCell("A1").value = "Directorio de puntos focales";
    sheet.mergeCells("A1:C1");
    sheet.getRow(3).values = ["País", "Correo", "Desde", "Cuenta", "Nombre", "Activo", "Suma", "Web"];
    sheet.getCell("A4").value = "Argentina";
    sheet.mergeCells("A4:A5"); // one country over its two contacts
    sheet.getCell("B4").value = "maria@example.org";
    sheet.getCell("B5").value = "juan@example.org";
    sheet.getCell("C4").value = new Date(Date.UTC(2024, 2, 5));
    sheet.getCell("C4").numFmt = "dd/mm/yyyy";
    sheet.getCell("D4").value = 3.5;
    sheet.getCell("E4").value = {
      richText: [{ text: "Dr. ", font: { bold: true } }, { text: "Pérez & <Co>" }],
    };
    sheet.getCell("F4").value = true;
    sheet.getCell("G4").value = { formula: "1+1", result: 2 };
    sheet.getCell("H4").value = { text: "sitio", hyperlink: "https://example.org" };
    sheet.getCell("J9").style = { font: { bold: true } }; // formatted, empty: not a row of the file
    const rows = await readSpreadsheet(new Uint8Array(await workbook.xlsx.writeBuffer()), "d.xlsx");
    expect(rows).toEqual([
      ["Directorio de puntos focales", "Directorio de puntos focales", "Directorio de puntos focales"],
      [],
      ["País", "Correo", "Desde", "Cuenta", "Nombre", "Activo", "Suma", "Web"],
      ["Argentina", "maria@example.org", "2024-03-05", "3.5", "Dr. Pérez & <Co>", "true", "2", "sitio"],
      ["Argentina", "juan@example.org"],
    ]);
  });

  it("refuses, naming the limit, a small .xlsx that names far-away cells or inflates hugely", async () => {
    const refusal = (bytes: Uint8Array) => readSpreadsheet(bytes, "hostile.xlsx").catch((e: unknown) => e);
    expect(await refusal(farColumnCells())).toMatchObject({
      status: 400,
      code: "spreadsheet_too_many_columns",
      message: expect.stringContaining("column BL"),
    });
    expect(await refusal(lastRowCell())).toMatchObject({
      code: "spreadsheet_too_many_rows",
      message: expect.stringContaining(String(SPREADSHEET_LIMITS.rows)),
    });
    // Refused from what the zip declares, before inflating anything.
    expect(await refusal(await zipBomb())).toMatchObject({ code: "spreadsheet_unpacks_too_large" });
    expect(await refusal(await hugeSharedStrings())).toMatchObject({
      code: "spreadsheet_packed_too_tightly",
    });
    // Headers that understate what a part inflates to are caught as it inflates.
    expect(String(await refusal(await zipBomb(220, true)))).toMatch(/larger than its header says/);
    expect(String(await refusal(await hugeSharedStrings(1_500_000, true)))).toMatch(/larger than its header/);
  });

  it("reads quoted CSV fields as Excel writes them: delimiters, quotes and line breaks inside", async () => {
    const text =
      'Country;Name;Email\r\nARG;"Fernández; María ""Mari""";"maria@example.org"\r\n;"two\nlines";x\r\n';
    expect(await readSpreadsheet(new TextEncoder().encode(text), "d.csv")).toEqual([
      ["Country", "Name", "Email"],
      ["ARG", 'Fernández; María "Mari"', "maria@example.org"],
      ["", "two\nlines", "x"],
    ]);
  });

  it("refuses a CSV past the limits as it reads it", async () => {
    const rows = (n: number) => new TextEncoder().encode("Country,Email\n" + "ARG,a@example.org\n".repeat(n));
    await expect(readSpreadsheet(rows(SPREADSHEET_LIMITS.rows), "d.csv")).rejects.toMatchObject({
      code: "spreadsheet_too_many_rows",
    });
    expect(await readSpreadsheet(rows(SPREADSHEET_LIMITS.rows - 1), "d.csv")).toHaveLength(
      SPREADSHEET_LIMITS.rows,
    );
    const wide = new TextEncoder().encode("Country,Email" + ",".repeat(100) + "x\n");
    await expect(readSpreadsheet(wide, "d.csv")).rejects.toMatchObject({
      code: "spreadsheet_too_many_columns",
    });
    // Blank lines and empty trailing cells are not values: any number of them costs nothing.
    const blank = new TextEncoder().encode(
      "Country,Email,,,\nARG,a@example.org" + ",".repeat(200) + "\n".repeat(100_000),
    );
    expect(await readSpreadsheet(blank, "d.csv")).toHaveLength(SPREADSHEET_LIMITS.rows);
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

  it("makes a contact of each address in a cell holding several, pairing names when they match", () => {
    const plan = planDirectoryImport(
      [
        ["Country", "Name", "Email", "Language"],
        ["Chile", "Ana Soto; Luis Rojas", "ana@mintrab.cl; luis@mintrab.cl", "Español"],
        ["Peru", "Rosa Díaz", "rosa@trabajo.gob.pe, Mesa de partes <mesa@trabajo.gob.pe>", "es"],
      ],
      directory,
    );
    if (!plan.ok) throw new Error(plan.error);
    const contacts = (code: string) =>
      plan.value.members.find((m) => m.code === code)?.contacts.map((c) => [c.name, c.email]);
    expect(contacts("CHL")).toEqual([
      ["Ana Soto", "ana@mintrab.cl"],
      ["Luis Rojas", "luis@mintrab.cl"],
    ]);
    expect(contacts("PER")).toEqual([
      ["Rosa Díaz", "rosa@trabajo.gob.pe"],
      ["Rosa Díaz", "mesa@trabajo.gob.pe"],
    ]);
    expect(plan.value.counts.ok).toBe(4);
  });

  it("reads a language named in any of the four languages, or by its code", () => {
    const names = [
      "Português",
      "Inglés",
      "Anglais",
      "Portuguese",
      "francés",
      "Spanish",
      "PT",
      "en-US",
      "Espanhol",
    ];
    const plan = planDirectoryImport(
      [["Country", "Email", "Language"], ...names.map((n, i) => ["Chile", `c${i}@mintrab.cl`, n])],
      directory,
    );
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.value.members[0]?.contacts.map((c) => c.language)).toEqual([
      "pt",
      "en",
      "en",
      "pt",
      "fr",
      "es",
      "pt",
      "en",
      "es",
    ]);
  });

  it("lists the members the file leaves unchanged", () => {
    const plan = planDirectoryImport(
      [
        ["Country", "Email"],
        ["Chile", "ana@mintrab.cl"],
      ],
      directory,
    );
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.value.unchanged).toHaveLength(directory.length - 1);
    expect(plan.value.unchanged).not.toContain("CHL");
    expect(plan.value.unchanged).toContain("ARG");
  });
});
