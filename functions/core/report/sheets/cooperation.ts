// The Cooperation sheet: each need beside the members who could meet it, then each offer.
import type { CooperationNeed, CooperationOffer, InputsReport, Translate } from "../model.ts";
import { counterparts, entriesByMember } from "../cooperation.ts";
import { fill } from "../strings.ts";
import { numberedRows, type Row, type Sheet, type SheetEnd } from "../workbook.ts";

export const cooperationSheet = (report: InputsReport, t: Translate): Sheet => ({
  name: t("report.sheet.cooperation"),
  columns: [
    { width: 40 },
    { width: 26 },
    { width: 9 },
    { width: 40 },
    { width: 24 },
    { width: 14 },
    { width: 60 },
  ],
  frozen: { x: 0, y: 1 },
  rows: function* (): Generator<Row, SheetEnd> {
    const c = report.cooperation;
    const s = numberedRows();
    yield s.header([
      t("report.topic"),
      t("report.member-in-need"),
      t("report.code"),
      t("report.need"),
      t("report.preferred-provider"),
      t("report.preferred-offers"),
      t("report.possible-providers"),
    ]);
    if (!c) {
      yield s.note(t("report.none"));
      return { formats: [] };
    }
    const yesNo = (b: boolean | undefined) =>
      b === undefined ? undefined : t(b ? "common.yes" : "common.no");
    const list = <T extends { code: string }>(
      entries: T[],
      perMember: Map<string, number>,
      self: string,
      line: (entry: T) => string,
      none: string,
    ) => {
      const { shown, more } = counterparts(entries, perMember, self);
      if (!shown.length) return t(none);
      return [...shown.map(line), ...(more ? [fill(t("report.and-more"), { count: more })] : [])].join("\n");
    };
    const offerLine = (o: CooperationOffer) =>
      `${o.member} (${o.code})${o.programme ? `: ${o.programme}` : ""}${o.inPortfolio ? ` [${t("report.in-portfolio")}]` : ""}`;
    const needLine = (n: CooperationNeed) =>
      `${n.member} (${n.code})${n.description ? `: ${n.description}` : ""}`;
    for (const topic of c.topics) {
      const offering = entriesByMember(topic.offers);
      for (const need of topic.needs)
        yield s.add([
          topic.label,
          need.member,
          need.code,
          need.description,
          need.preferredProvider,
          yesNo(need.preferredOffers),
          list(topic.offers, offering, need.code, offerLine, "report.no-offer"),
        ]);
    }
    const filter = s.filter(7);
    yield s.blank();
    yield s.title(t("report.offers"));
    yield s.header([
      t("report.topic"),
      t("report.member-offering"),
      t("report.code"),
      t("report.programme"),
      t("report.in-portfolio"),
      undefined,
      t("report.could-serve"),
    ]);
    for (const topic of c.topics) {
      const needing = entriesByMember(topic.needs);
      for (const offer of topic.offers)
        yield s.add([
          topic.label,
          offer.member,
          offer.code,
          offer.programme,
          yesNo(offer.inPortfolio),
          undefined,
          list(topic.needs, needing, offer.code, needLine, "report.no-need"),
        ]);
    }
    yield s.blank();
    yield s.note(
      fill(
        t("report.cooperation-summary"),
        { needs: c.needs, offers: c.offers, matched: c.matchedNeeds },
        report.lang,
      ),
    );
    return { filter, formats: [] };
  },
});
