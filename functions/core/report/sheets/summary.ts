// The Summary sheet: the campaign, response rates by group and subregion, completion by question.
import { formatDateTime } from "../../format.ts";
import type { InputsReport, Translate } from "../model.ts";
import { groupName, historyLines, subregionName } from "../strings.ts";
import { numberedRows, pct, type Row, type Sheet, type SheetEnd } from "../workbook.ts";
import { rate } from "./common.ts";

export const summarySheet = (report: InputsReport, t: Translate): Sheet => ({
  name: t("report.sheet.summary"),
  columns: [{ width: 60 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 36 }],
  rows: function* (): Generator<Row, SheetEnd> {
    const s = numberedRows();
    yield s.title(t("report.cover-title"));
    yield s.add([report.title]);
    if (report.meeting) yield s.add([report.meeting]);
    yield s.add([
      `${t("report.updated")}: ${formatDateTime(report.generatedAt, report.lang, report.timeZone)}`,
    ]);
    yield s.add([
      `${t("report.questionnaire")}: ${report.questionnaire.title} (${report.questionnaire.id}, v${report.questionnaire.version})`,
    ]);
    // "Updated <date>": the edition's earlier issues and what each changed, as the cover of a re-issue says.
    const history = historyLines(t, report);
    if (history.length) {
      yield s.blank();
      yield s.title(t("report.history.title"));
      for (const line of history) yield s.add([line]);
    }
    yield s.blank();
    yield s.title(t("report.by-group"));
    yield s.header([t("report.group"), t("report.invited"), t("report.answered"), t("report.response-rate")]);
    for (const g of report.groups)
      yield s.add([groupName(t, g.group), g.invited, g.answered, pct(rate(g.answered, g.invited))]);
    yield s.add(
      [t("report.total"), report.invited, report.answered, pct(rate(report.answered, report.invited))],
      "segment",
    );
    if (report.subregions.length) {
      yield s.blank();
      yield s.title(t("report.by-subregion"));
      yield s.header([
        t("report.subregion"),
        t("report.invited"),
        t("report.answered"),
        t("report.response-rate"),
      ]);
      for (const r of report.subregions)
        yield s.add([subregionName(t, r.subregion), r.invited, r.answered, pct(rate(r.answered, r.invited))]);
    }
    yield s.blank();
    yield s.title(t("report.by-question"));
    yield s.note(t("report.by-question-note"));
    yield s.header([
      t("report.question"),
      t("report.answered"),
      t("report.not-answered"),
      t("report.not-asked"),
      t("report.section"),
    ]);
    for (const q of report.questions)
      yield s.add([q.label, q.answered, q.notAnswered, q.notAsked, q.section]);
    return { formats: [] };
  },
});
