// Every answer as CSV: UTF-8 with a byte-order mark so Excel shows accents, RFC 4180 quoting, no formulas.
import type { Cell, InputsReport, Translate } from "./model.ts";
import { csvText } from "./safe-text.ts";
import { groupName, memo, subregionName } from "./strings.ts";

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

export const renderInputsCsv = (report: InputsReport, translate: Translate): Uint8Array => {
  const t = memo(translate);
  const lines = [
    line([
      t("report.member"),
      t("report.code"),
      t("report.group"),
      t("report.subregion"),
      t("report.submitted-at-utc"),
      t("report.submitted-by"),
      t("report.version"),
      ...report.columns.map((c) => c.header),
    ]),
  ];
  for (const r of report.respondents) {
    lines.push(
      line([
        r.name,
        r.code,
        groupName(t, r.group),
        subregionName(t, r.subregion),
        r.submittedAt,
        r.submittedBy,
        r.version,
        ...r.cells,
      ]),
    );
  }
  return new TextEncoder().encode(`${BOM}${lines.join("\r\n")}\r\n`);
};
