// The Receipt codes sheet: each member compiled with its submission and receipt code, then the codes superseded since the previous issue.
import { formatDateTime } from "../../format.ts";
import type { InputsReport, Translate } from "../model.ts";
import { fill } from "../strings.ts";
import { numberedRows, type Row, type Sheet, type SheetEnd } from "../workbook.ts";

/** Lines a reader checks a receipt against; the annex's words, shared with the HTML appendix. */
export const supersededLine = (report: InputsReport, t: Translate) => {
  const previous = report.receipts?.previousIssue;
  if (!previous) return t("report.superseded-first");
  const date = formatDateTime(previous, report.lang, report.timeZone);
  return fill(t(report.receipts?.superseded.length ? "report.superseded" : "report.superseded-none"), {
    date,
  });
};

export const receiptsSheet = (report: InputsReport, t: Translate): Sheet => ({
  name: t("report.sheet.receipts"),
  columns: [{ width: 28 }, { width: 9 }, { width: 11 }, { width: 18 }],
  frozen: { x: 1, y: 1 },
  rows: function* (): Generator<Row, SheetEnd> {
    const s = numberedRows();
    const headers = [t("report.member"), t("report.code"), t("report.submission"), t("report.receipt-code")];
    yield s.header(headers);
    const annex = report.receipts;
    for (const r of annex?.included ?? []) yield s.add([r.name, r.code, r.number, r.receiptCode]);
    // The filter covers the compiled members only: the superseded codes below are another table.
    const filter = s.filter(headers.length);
    yield s.blank();
    yield s.note(t("report.appendix-receipts-intro"));
    yield s.blank();
    yield s.title(supersededLine(report, t));
    if (annex?.superseded.length) {
      yield s.header([t("report.member"), t("report.code"), undefined, t("report.receipt-code")]);
      for (const r of annex.superseded) yield s.add([r.name, r.code, undefined, r.receiptCode]);
    }
    return { filter, formats: [] };
  },
});
