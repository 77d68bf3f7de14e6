// The Hosting and contributions sheet: offers to host, pledges with totals per currency, in-kind offers.
import type { InputsReport, Translate } from "../model.ts";
import { fill, groupName, shownText } from "../strings.ts";
import { money, numberedRows, type Row, type Sheet, type SheetEnd } from "../workbook.ts";
import { tableBlock } from "./finding-blocks.ts";

export const hostingSheet = (report: InputsReport, t: Translate): Sheet => ({
  name: t("report.sheet.hosting"),
  columns: [
    { width: 28 },
    { width: 9 },
    { width: 16 },
    { width: 30 },
    { width: 16 },
    { width: 12 },
    { width: 10 },
  ],
  rows: function* (): Generator<Row, SheetEnd> {
    const s = numberedRows();
    if (report.hosting) {
      yield* tableBlock(s, report.hosting, t, report.lang);
      yield s.blank();
    }
    const c = report.contributions;
    yield s.title(t("report.pledges"));
    yield s.header([
      t("report.member"),
      t("report.code"),
      t("report.group"),
      t("report.question"),
      t("report.amount"),
      t("report.currency"),
      t("report.year"),
    ]);
    for (const p of c.pledges)
      yield s.add([p.member, p.code, groupName(t, p.group), p.label, money(p.amount), p.currency, p.year]);
    if (!c.pledges.length) yield s.note(t("report.none"));
    for (const total of c.totals)
      yield s.add(
        [
          fill(t("report.total-in"), { currency: total.currency }),
          "",
          "",
          fill(t("report.pledge-count"), { count: total.count }),
          money(total.amount),
          total.currency,
        ],
        "segment",
      );
    yield s.blank();
    if (c.inKindQuestion) {
      yield s.title(c.inKindQuestion.label);
      yield s.header([
        t("report.member"),
        t("report.code"),
        t("report.group"),
        t("report.contributions"),
        t("report.details"),
        t("report.translation.column"),
        t("report.translation.column-original"),
      ]);
      for (const k of c.inKind) {
        // Details written in another language: in the report's, with what that is and the original.
        const details =
          k.details === undefined
            ? undefined
            : shownText(t, report.lang, { text: k.details, translation: k.detailsTranslation });
        yield s.add([
          k.member,
          k.code,
          groupName(t, k.group),
          k.kinds.join("; "),
          details?.text,
          details?.note,
          details?.original?.text,
        ]);
      }
      if (!c.inKind.length) yield s.note(t("report.none"));
    }
    return { formats: [] };
  },
});
