// The Respondents sheet: who answered, when and by whom, with the respondent section's answers; then who did not.
import type { InputsReport, Translate } from "../model.ts";
import { memberCells } from "./common.ts";
import { DATE_TIME, numberedRows, type Row, type Sheet, type SheetEnd } from "../workbook.ts";

/** Where the respondent section's answers are among the columns of every answer. */
const contactIndexes = (report: InputsReport) =>
  report.contactColumns.map((c) => report.columns.findIndex((col) => col.questionId === c.questionId));

export const respondentsSheet = (report: InputsReport, t: Translate): Sheet => ({
  name: t("report.sheet.respondents"),
  columns: [
    { width: 28 },
    { width: 9 },
    { width: 16 },
    { width: 16 },
    { width: 14 },
    { width: 18, numFmt: DATE_TIME },
    { width: 24 },
    { width: 9 },
    ...report.contactColumns.map(() => ({ width: 26 })),
  ],
  frozen: { x: 1, y: 1 },
  rows: function* (): Generator<Row, SheetEnd> {
    const s = numberedRows();
    const headers = [
      t("report.member"),
      t("report.code"),
      t("report.group"),
      t("report.subregion"),
      t("report.status"),
      t("report.submitted-at-utc"),
      t("report.submitted-by"),
      t("report.version"),
      ...report.contactColumns.map((c) => c.header),
    ];
    yield s.header(headers);
    const contacts = contactIndexes(report);
    for (const r of report.respondents)
      yield s.add([
        ...memberCells(t, r),
        t("report.status-answered"),
        new Date(r.submittedAt),
        r.submittedBy,
        r.version,
        ...r.cells(contacts),
      ]);
    for (const m of report.nonRespondents)
      yield s.add([...memberCells(t, m), t("report.status-not-answered")]);
    return { filter: s.filter(headers.length), formats: [] };
  },
});
