// SpreadsheetML for a sheet's rows and conditional formats, as strings: a cell costs one short string
// instead of exceljs' row, cell and style objects.
//
// User text goes in as inline strings only, so a cell holding text is never a formula whatever it
// starts with; characters XML cannot carry are dropped, so no answer can make Excel repair the file.
import { fitCell } from "../../core/report/safe-text.ts";
import {
  BANDED,
  BAR,
  HEAT_HIGH,
  HEAT_LOW,
  type ConditionalFormat,
  type RowKind,
  type Value,
} from "../../core/report/workbook.ts";

export const columnLetter = (n: number): string => {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

// What text cannot hold as is: characters XML 1.0 cannot carry at all (a pasted control character
// would make Excel repair the file), the three XML escapes, and Excel's own _xHHHH_ escapes, which
// it would otherwise decode (a literal "_x0041_" would read "A").
// eslint-disable-next-line no-control-regex -- control characters are what it is there to find
const XML_SPECIALS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>]|_x[0-9A-Fa-f]{4}_/g;
// eslint-disable-next-line no-control-regex -- the same, as one class of characters: a quicker first look
const MAYBE_SPECIAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>_]/;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
export const xmlText = (text: string): string =>
  MAYBE_SPECIAL.test(text)
    ? text.replace(XML_SPECIALS, (c) => (c.length > 1 ? `_x005F${c}` : (ESCAPES[c] ?? "")))
    : text;
/** Whether a text starts or ends with white space, which a cell keeps only when told to. */
const SPACE = /\s/;
const edgeSpace = (text: string) => SPACE.test(text.charAt(0)) || SPACE.test(text.charAt(text.length - 1));

/** Days since 1899-12-30, as Excel counts dates and times. */
const excelDate = (d: Date) => d.getTime() / 86_400_000 + 25_569;

/** The style id of a cell, by its column, its row's kind and the number format it carries, if any. */
export type StyleOf = (column: number, kind: RowKind, numFmt: string | undefined) => number;

/** One row's XML, or "" for a row with nothing to show (a blank line of the sheet). */
export const rowXml = (
  row: number,
  values: Value[],
  kind: RowKind,
  styleId: StyleOf,
  letter: (column: number) => string,
): string => {
  let xml = "";
  for (let column = 0; column < values.length; column++) {
    const v = values[column];
    const ref = `${letter(column)}${row}`;
    if (typeof v === "string" && v !== "") {
      const text = xmlText(fitCell(v));
      const space = edgeSpace(text) ? ' xml:space="preserve"' : "";
      xml += `<c r="${ref}" s="${styleId(column, kind, undefined)}" t="inlineStr"><is><t${space}>${text}</t></is></c>`;
      continue;
    }
    let n: number | undefined;
    let numFmt: string | undefined;
    if (typeof v === "number") n = v;
    else if (v instanceof Date) n = excelDate(v);
    else if (v && typeof v === "object") ({ value: n, numFmt } = v);
    if (n !== undefined && Number.isFinite(n))
      xml += `<c r="${ref}" s="${styleId(column, kind, numFmt)}"><v>${n}</v></c>`;
    else if (BANDED.has(kind)) xml += `<c r="${ref}" s="${styleId(column, kind, numFmt)}"/>`;
  }
  return xml ? `<row r="${row}">${xml}</row>` : "";
};

/**
 * Conditional formats as Excel 2007 defines them, and nothing else: exceljs would point every data
 * bar at an Excel 2010 extension it never writes, a dangling reference Excel may repair.
 */
export const conditionalFormatXml = (f: ConditionalFormat, priority: number): string => {
  if (f.kind === "data-bar") {
    const col = columnLetter(f.column);
    return (
      `<conditionalFormatting sqref="${col}${f.fromRow}:${col}${f.toRow}">` +
      `<cfRule type="dataBar" priority="${priority}"><dataBar>` +
      `<cfvo type="num" val="0"/><cfvo type="num" val="${f.max}"/><color rgb="${BAR}"/></dataBar></cfRule>` +
      `</conditionalFormatting>`
    );
  }
  return (
    `<conditionalFormatting sqref="${columnLetter(f.fromColumn)}${f.fromRow}:${columnLetter(f.toColumn)}${f.toRow}">` +
    `<cfRule type="colorScale" priority="${priority}"><colorScale>` +
    `<cfvo type="num" val="${f.min}"/><cfvo type="num" val="${f.max}"/>` +
    `<color rgb="${HEAT_LOW}"/><color rgb="${HEAT_HIGH}"/></colorScale></cfRule>` +
    `</conditionalFormatting>`
  );
};
