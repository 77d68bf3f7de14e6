// Every answer as CSV: UTF-8 with a byte-order mark so Excel shows accents, RFC 4180 quoting, no formulas.
import type { Cell, InputsReport, Translate } from "./model.ts";
import { csvText } from "./safe-text.ts";
import { allAnswersHeaders, groupName, memo, subregionName } from "./strings.ts";

const BOM = "\uFEFF";
const NEEDS_QUOTES = /[",\r\n]/;

/** One field: numbers as written, text neutralised against formulas and quoted when RFC 4180 needs it. */
export const csvField = (value: Cell): string => {
  if (value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = csvText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const line = (cells: Cell[]) => cells.map(csvField).join(",");

/**
 * The file is written in two passes over the same records: the first only counts their bytes, the
 * second writes them into one buffer of exactly that size. Memory then holds the file once, never
 * its text and its bytes, nor its bytes twice.
 */
export const renderInputsCsv = (report: InputsReport, translate: Translate): Uint8Array => {
  const t = memo(translate);
  const header = line(allAnswersHeaders(t, report));
  const records = function* () {
    yield `${BOM}${header}\r\n`;
    for (const r of report.respondents) {
      yield `${line([
        r.name,
        r.code,
        groupName(t, r.group),
        subregionName(t, r.subregion),
        r.submittedAt,
        r.submittedBy,
        r.version,
        ...r.cells(),
      ])}\r\n`;
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
