// The About sheet: what the document is, which campaign and questionnaire, when, and how to read it.
import { formatDateTime } from "../../format.ts";
import type { InputsReport, Translate } from "../model.ts";
import { numberedRows, type Row, type Sheet, type SheetEnd, type Value } from "../workbook.ts";

export const aboutSheet = (report: InputsReport, t: Translate): Sheet => ({
  name: t("report.sheet.about"),
  columns: [{ width: 28 }, { width: 90 }],
  rows: function* (): Generator<Row, SheetEnd> {
    const s = numberedRows();
    const rows: [string, Value][] = [
      [t("report.document"), t("report.cover-title")],
      [t("report.campaign"), report.title],
      [t("report.campaign-id"), report.campaignId],
      ...(report.meeting ? ([[t("report.meeting"), report.meeting]] as [string, Value][]) : []),
      [t("report.questionnaire"), report.questionnaire.title],
      [t("report.questionnaire-id"), report.questionnaire.id],
      [t("report.version"), report.questionnaire.version],
      [t("report.generated-at"), formatDateTime(report.generatedAt, report.lang, report.timeZone)],
      [t("report.generated-at-utc"), report.generatedAt],
      [t("report.invited"), report.invited],
      [t("report.answered"), report.answered],
    ];
    yield s.header([t("report.sheet.about"), ""]);
    for (const [k, v] of rows) yield s.add([k, v]);
    yield s.blank();
    for (const key of ["report.note-latest", "report.note-blank", "report.note-top", "report.note-text"])
      yield s.add(["", t(key)]);
    return { formats: [] };
  },
});
