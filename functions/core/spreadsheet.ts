// Reading the Secretariat's spreadsheets (.xlsx, or .csv as Excel writes it in any locale) into rows
// of text, and writing the directory back out.
import type ExcelJS from "exceljs";
import { loadExcel } from "./excel.ts";
import { parse } from "csv-parse/sync";
import { csvRecord } from "./report/inputs-csv.ts";

export type Rows = string[][];

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text; // hyperlinks
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue); // formulas: their value
    if ("error" in value) return "";
  }
  return String(value);
};

/** Excel on Windows writes CSV in the machine's code page; anything not valid UTF-8 is read as Windows-1252. */
const decodeText = (bytes: Uint8Array): string => {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
};

const guessDelimiter = (text: string): string => {
  const sample = text.split(/\r?\n/).slice(0, 20).join("\n");
  const counts = [",", ";", "\t"].map((d) => ({ d, n: sample.split(d).length }));
  return counts.sort((a, b) => b.n - a.n)[0]?.d ?? ",";
};

export const readSpreadsheet = async (bytes: Uint8Array, filename: string): Promise<Rows> => {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK": an .xlsx is a zip file
  if (isZip || /\.xlsx$/i.test(filename)) {
    const workbook = new (await loadExcel()).Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
    if (!sheet) return [];
    const rows: Rows = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, 1); c++) cells.push(cellText(row.getCell(c).value));
      rows.push(cells);
    }
    return rows;
  }
  const text = decodeText(bytes);
  return parse(text, {
    delimiter: guessDelimiter(text),
    relax_column_count: true,
    skip_empty_lines: false,
  }) as Rows;
};

/** CSV as the Inputs report writes it: a BOM (so Excel shows accents), every field quoted and defused. */
export const toCsv = (rows: Rows): Uint8Array =>
  new TextEncoder().encode("\uFEFF" + rows.map(csvRecord).join(""));

export const toXlsx = async (sheetName: string, rows: Rows): Promise<Uint8Array> => {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column) => (column.width = 24));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
};
