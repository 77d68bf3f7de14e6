// The Comments sheet: every free-text answer but the achievements, with its question and member.
import type { InputsReport, Translate } from "../model.ts";
import { groupName, shownText } from "../strings.ts";
import { numberedRows, type Row, type Sheet, type SheetEnd } from "../workbook.ts";

export const commentsSheet = (report: InputsReport, t: Translate): Sheet => ({
  name: t("report.sheet.comments"),
  columns: [
    { width: 24 },
    { width: 40 },
    { width: 26 },
    { width: 9 },
    { width: 16 },
    { width: 90 },
    { width: 40 },
    { width: 90 },
  ],
  frozen: { x: 0, y: 1 },
  rows: function* (): Generator<Row, SheetEnd> {
    const s = numberedRows();
    yield s.header([
      t("report.section"),
      t("report.question"),
      t("report.member"),
      t("report.code"),
      t("report.group"),
      t("report.answer"),
      t("report.translation.column"),
      t("report.translation.column-original"),
    ]);
    for (const text of report.texts) {
      if (text.question.id === report.achievements?.question.id) continue;
      for (const a of text.answers) {
        // The answer in the report's language where it can be, what it is, and the words as written.
        const shown = shownText(t, report.lang, a);
        yield s.add([
          text.question.section,
          text.question.label,
          a.member,
          a.code,
          groupName(t, a.group),
          shown.text,
          shown.note,
          shown.original?.text,
        ]);
      }
    }
    return { filter: s.filter(8), formats: [] };
  },
});
