// The Cooperation sheet: each need beside the members who could meet it, then each offer.
import type { CooperationNeed, CooperationOffer, InputsReport, Translate } from "../model.ts";
import { counterparts, entriesByMember } from "../cooperation.ts";
import { fill, shownText } from "../strings.ts";
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
    { width: 40 },
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
      t("report.translation.column"),
      t("report.translation.column-original"),
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
    // A need or offer written in another language: in the report's, with what that is and the original.
    const shown = (text: string | undefined, translation: CooperationNeed["descriptionTranslation"]) =>
      text === undefined ? undefined : shownText(t, report.lang, { text, translation });
    const need = (n: CooperationNeed) => shown(n.description, n.descriptionTranslation);
    const offer = (o: CooperationOffer) => shown(o.programme, o.programmeTranslation);
    const offerLine = (o: CooperationOffer) =>
      `${o.member} (${o.code})${o.programme ? `: ${offer(o)?.text}` : ""}${o.inPortfolio ? ` [${t("report.in-portfolio")}]` : ""}`;
    const needLine = (n: CooperationNeed) =>
      `${n.member} (${n.code})${n.description ? `: ${need(n)?.text}` : ""}`;
    for (const topic of c.topics) {
      const offering = entriesByMember(topic.offers);
      for (const n of topic.needs) {
        const description = need(n);
        yield s.add([
          topic.label,
          n.member,
          n.code,
          description?.text,
          n.preferredProvider,
          yesNo(n.preferredOffers),
          list(topic.offers, offering, n.code, offerLine, "report.no-offer"),
          description?.note,
          description?.original?.text,
        ]);
      }
    }
    const filter = s.filter(9);
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
      t("report.translation.column"),
      t("report.translation.column-original"),
    ]);
    for (const topic of c.topics) {
      const needing = entriesByMember(topic.needs);
      for (const o of topic.offers) {
        const programme = offer(o);
        yield s.add([
          topic.label,
          o.member,
          o.code,
          programme?.text,
          yesNo(o.inPortfolio),
          undefined,
          list(topic.needs, needing, o.code, needLine, "report.no-need"),
          programme?.note,
          programme?.original?.text,
        ]);
      }
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
