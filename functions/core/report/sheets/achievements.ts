// The Expected achievements sheet: each member's answer to the achievements question.
import type { InputsReport, Translate } from "../model.ts";
import { completionLine, groupName, shownText } from "../strings.ts";
import { numberedRows, type Row, type Sheet, type SheetEnd } from "../workbook.ts";
import { subregionIndex } from "./common.ts";

export const achievementsSheet = (report: InputsReport, t: Translate): Sheet => ({
  name: t("report.sheet.achievements"),
  columns: [
    { width: 28 },
    { width: 9 },
    { width: 16 },
    { width: 16 },
    { width: 100 },
    { width: 40 },
    { width: 100 },
  ],
  frozen: { x: 1, y: 1 },
  rows: function* (): Generator<Row, SheetEnd> {
    const a = report.achievements;
    const s = numberedRows();
    yield s.header([
      t("report.member"),
      t("report.code"),
      t("report.group"),
      t("report.subregion"),
      a?.question.label ?? t("report.answer"),
      t("report.translation.column"),
      t("report.translation.column-original"),
    ]);
    const subregions = subregionIndex(report, t);
    for (const x of a?.answers ?? []) {
      const shown = shownText(t, report.lang, x);
      yield s.add([
        x.member,
        x.code,
        groupName(t, x.group),
        subregions.get(x.code),
        shown.text,
        shown.note,
        shown.original?.text,
      ]);
    }
    const filter = s.filter(7);
    if (a) {
      yield s.blank();
      yield s.note(completionLine(t, a.completion));
    }
    return { filter, formats: [] };
  },
});
