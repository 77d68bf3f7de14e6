// The Comments sheet: every free-text answer but the achievements, with its question and member.
import type { InputsReport, Translate } from "../model.ts";
import { groupName } from "../strings.ts";
import { numberedRows, type Row, type Sheet, type SheetEnd } from "../workbook.ts";

export const commentsSheet = (report: InputsReport, t: Translate): Sheet => ({
  name: t("report.sheet.comments"),
  columns: [{ width: 24 }, { width: 40 }, { width: 26 }, { width: 9 }, { width: 16 }, { width: 90 }],
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
    ]);
    for (const text of report.texts) {
      if (text.question.id === report.achievements?.question.id) continue;
      for (const a of text.answers)
        yield s.add([
          text.question.section,
          text.question.label,
          a.member,
          a.code,
          groupName(t, a.group),
          a.text,
        ]);
    }
    return { filter: s.filter(6), formats: [] };
  },
});
