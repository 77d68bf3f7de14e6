// Every answer as CSV: UTF-8 with a byte-order mark so Excel shows accents, every field quoted, no formulas.
import { stringify } from "csv-stringify/sync";
import type { Cell, InputsReport, Translate } from "./model.ts";
import { csvText } from "./safe-text.ts";
import {
  allAnswersHeaders,
  groupName,
  memo,
  subregionName,
  translationCells,
  translationHeaders,
} from "./strings.ts";

const BOM = "\uFEFF";

const fieldText = (value: Cell): string => {
  if (value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return csvText(value);
};

/**
 * One CRLF-ended record. Every field is quoted, empty ones too: a spreadsheet whose list separator
 * is `;` (Excel in es, pt-BR, fr) then finds no separator outside quotes, so `x;=1+1` stays one
 * cell instead of giving one that starts with `=`. Each text is also defused on its own (csvText).
 */
export const csvRecord = (cells: Cell[]): string =>
  stringify([cells.map(fieldText)], { quoted: true, quoted_empty: true, record_delimiter: "\r\n" });

/**
 * The file is written in two passes over the same records: the first only counts their bytes, the
 * second writes them into one buffer of exactly that size. Memory then holds the file once, never
 * its text and its bytes, nor its bytes twice.
 */
export const renderInputsCsv = (report: InputsReport, translate: Translate): Uint8Array => {
  const t = memo(translate);
  const header = csvRecord([...allAnswersHeaders(t, report), ...translationHeaders(t, report)]);
  const records = function* () {
    yield `${BOM}${header}`;
    for (const r of report.respondents) {
      yield csvRecord([
        r.name,
        r.code,
        groupName(t, r.group),
        subregionName(t, r.subregion),
        r.submittedAt,
        r.submittedBy,
        r.version,
        ...r.cells(),
        ...translationCells(t, report, r),
      ]);
    }
  };
  let size = 0;
  for (const record of records()) size += Buffer.byteLength(record);
  const out = Buffer.alloc(size);
  let offset = 0;
  for (const record of records()) offset += out.write(record, offset);
  if (offset !== size) throw new Error(`CSV of ${size} bytes came out as ${offset}`);
  return out;
};
