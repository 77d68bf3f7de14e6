// Reading the Secretariat's spreadsheets (.xlsx, or .csv as Excel writes it in any locale) into rows
// of text, and writing the directory back out.
import { loadExcel } from "./excel.ts";
import { csvRecord } from "./report/inputs-csv.ts";
import { overLimit, SPREADSHEET_LIMITS } from "./spreadsheet-limits.ts";
import { readXlsxRows } from "./xlsx-rows.ts";

export type Rows = string[][];

/** Excel on Windows writes CSV in the machine's code page; anything not valid UTF-8 is read as Windows-1252. */
const decodeText = (bytes: Uint8Array): string => {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
};

const guessDelimiter = (text: string): string => {
  const sample = text
    .slice(0, 64 * 1024)
    .split(/\r?\n/)
    .slice(0, 20)
    .join("\n");
  const counts = [",", ";", "\t"].map((d) => ({ d, n: sample.split(d).length }));
  return counts.sort((a, b) => b.n - a.n)[0]?.d ?? ",";
};

/**
 * The rows of an upload, within SPREADSHEET_LIMITS: a file past one is refused with a BadRequest naming
 * it; a file that is not a spreadsheet throws a plain error.
 */
export const readSpreadsheet = async (bytes: Uint8Array, filename: string): Promise<Rows> => {
  if (bytes.length > SPREADSHEET_LIMITS.fileBytes) throw overLimit("fileBytes");
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK": an .xlsx is a zip file
  if (isZip || /\.xlsx$/i.test(filename)) return readXlsxRows(bytes);
  return readCsvRows(decodeText(bytes));
};

/**
 * RFC 4180 as Excel writes it, read line by line against the limits: a file of line breaks or commas
 * never becomes a million arrays. (csv-parse built an error object for every line whose length differs
 * from the first, which its relaxed mode then ignored: 100,000 blank lines took seconds.)
 */
const readCsvRows = (text: string): Rows => {
  const delimiter = guessDelimiter(text);
  const rows: Rows = [];
  let cells = 0;
  let record: string[] = [];
  let field = "";
  const endField = () => {
    record.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    let last = record.length;
    while (last > 0 && record[last - 1] === "") last--;
    record = record.slice(0, last);
    if (last) {
      if (rows.length >= SPREADSHEET_LIMITS.rows) throw overLimit("rows");
      if (last > SPREADSHEET_LIMITS.columns) throw overLimit("columns");
      cells += last;
      if (cells > SPREADSHEET_LIMITS.cells) throw overLimit("cells");
    }
    // Blank lines keep their place (messages name rows as the spreadsheet numbers them), up to the limit.
    if (rows.length < SPREADSHEET_LIMITS.rows) rows.push(record);
    record = [];
  };
  let at = 0;
  while (at < text.length) {
    const c = text[at];
    if (c === '"' && field === "") {
      // A quoted field: to its closing quote, "" standing for one quote; line breaks are part of it.
      let end = at + 1;
      for (;;) {
        const quote = text.indexOf('"', end);
        if (quote < 0) throw new Error("A quoted field is never closed");
        field += text.slice(end, quote);
        if (text[quote + 1] === '"') {
          field += '"';
          end = quote + 2;
        } else {
          at = quote + 1;
          break;
        }
      }
    } else if (c === delimiter) {
      endField();
      at++;
    } else if (c === "\n" || c === "\r") {
      endRecord();
      at += c === "\r" && text[at + 1] === "\n" ? 2 : 1;
    } else {
      // Up to the next delimiter, line break or quote, at once.
      let end = at + 1;
      while (end < text.length && !/[\r\n"]/.test(text[end] as string) && text[end] !== delimiter) end++;
      field += text.slice(at, end);
      at = end;
    }
  }
  if (field !== "" || record.length) endRecord();
  return rows;
};

/** CSV as the Inputs report writes it: a BOM (so Excel shows accents), every field quoted and defused. */
export const toCsv = (rows: Rows): Uint8Array =>
  new TextEncoder().encode("\uFEFF" + rows.map(csvRecord).join(""));

export type XlsxOptions = {
  /**
   * The first columns and the header cannot be edited (the sheet is protected without a password: it
   * stops a slip, not a person; whoever reads the file back checks it anyway).
   */
  lockedColumns?: number;
  /** Wide columns whose text wraps (long texts a person reads and edits in place). */
  wrap?: boolean;
};

export const toXlsx = async (
  sheetName: string,
  rows: Rows,
  options: XlsxOptions = {},
): Promise<Uint8Array> => {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column) => (column.width = options.wrap ? 48 : 24));
  if (options.wrap)
    sheet.eachRow((row) => row.eachCell((cell) => (cell.alignment = { wrapText: true, vertical: "top" })));
  if (options.lockedColumns !== undefined) {
    const width = Math.max(...rows.map((r) => r.length));
    for (let r = 2; r <= rows.length; r++)
      for (let c = options.lockedColumns + 1; c <= width; c++)
        sheet.getCell(r, c).protection = { locked: false };
    await sheet.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
};
