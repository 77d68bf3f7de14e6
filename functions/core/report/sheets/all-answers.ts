// The All answers sheet: one row per respondent, one column per question part, as the CSV has them.
import type { InputsReport, Translate } from "../model.ts";
import { allAnswersHeaders, translationCells, translationHeaders } from "../strings.ts";
import { memberCells } from "./common.ts";
import { DATE_TIME, numberedRows, type Row, type Sheet, type SheetEnd } from "../workbook.ts";

export const allAnswersSheet = (report: InputsReport, t: Translate): Sheet => ({
  name: t("report.sheet.all-answers"),
  columns: [
    { width: 28 },
    { width: 9 },
    { width: 16 },
    { width: 16 },
    { width: 18, numFmt: DATE_TIME },
    { width: 24 },
    { width: 9 },
    ...report.columns.map((c) => ({
      width:
        c.itemId !== undefined || c.part === "amount" ? 12 : Math.min(60, Math.max(16, c.header.length / 2)),
    })),
    ...report.freeTextColumns.flatMap(() => [{ width: 60 }, { width: 30 }]),
  ],
  frozen: { x: 2, y: 1 },
  rows: function* (): Generator<Row, SheetEnd> {
    const s = numberedRows();
    // Every answer as written, then each free text in the report's language (as the CSV has them).
    const headers = [...allAnswersHeaders(t, report), ...translationHeaders(t, report)];
    yield s.header(headers);
    for (const r of report.respondents)
      yield s.add([
        ...memberCells(t, r),
        new Date(r.submittedAt),
        r.submittedBy,
        r.version,
        ...r.cells(),
        ...translationCells(t, report, r),
      ]);
    return { filter: s.filter(headers.length), formats: [] };
  },
});
