// The HTML report's blocks of what members said: free text, repeated groups, pledges, cooperation.
// Beyond LISTING_LIMIT respondents each keeps its figures and points to the workbook for the rest.
import { counterparts, entriesByMember } from "../cooperation.ts";
import type { GroupTable, TextSummary } from "../model.ts";
import { fill, memberGroupName, shownFreeText, shownText } from "../strings.ts";
import type { BlockView, HtmlContext, TableView } from "./view.ts";

export const textBlock = (
  { report, t, notes, listed, elsewhere }: HtmlContext,
  x: TextSummary,
): BlockView => ({
  title: x.question.label,
  notes: listed
    ? notes(x.completion)
    : [
        ...notes(x.completion),
        elsewhere(x.question.id === report.achievements?.question.id ? "achievements" : "comments"),
      ],
  quotes: listed
    ? x.answers.map((a) => ({
        member: a.member,
        group: memberGroupName(t, a.group),
        // Written in another language: marked with it, never passed off as the report's own words.
        ...(a.translation && !a.translation.text ? { lang: a.translation.source } : {}),
        ...shownText(t, report.lang, a),
      }))
    : [],
});

const groupTable = ({ report, t, cell }: HtmlContext, g: GroupTable): TableView => ({
  head: [{ text: t("report.member") }, ...g.fields.map((f) => ({ text: f.label }))],
  rows: g.rows.map((r) => ({
    cells: [
      { text: r.member },
      ...r.cells.map((c, i) => {
        // Words in another language: shown in the report's, marked, with the original beside.
        const free = r.texts?.[i];
        return free?.translation ? shownFreeText(t, report.lang, free) : cell(c);
      }),
    ],
  })),
});

/** A repeated group's entries; `sheet` is where the workbook lists them. */
export const tableBlock = (ctx: HtmlContext, g: GroupTable, sheet: string): BlockView => ({
  title: g.question.label,
  notes: [
    ...(g.rows.length ? [] : [ctx.t("report.none")]),
    ...ctx.notes(g.completion),
    ...(ctx.listed || !g.rows.length ? [] : [ctx.elsewhere(sheet)]),
  ],
  ...(ctx.listed ? { table: groupTable(ctx, g) } : {}),
});

export const contributionsBlock = ({ report, t, money, listed, elsewhere }: HtmlContext): BlockView => {
  const c = report.contributions;
  // The question is named in each row only when there are several money questions to tell apart.
  const questions = new Set(c.pledges.map((p) => p.questionId));
  const several = questions.size > 1;
  const pledges: TableView = {
    caption: several ? t("report.pledges") : (c.pledges[0]?.label ?? t("report.pledges")),
    head: [
      { text: t("report.member") },
      ...(several ? [{ text: t("report.question") }] : []),
      { text: t("report.amount"), num: true },
      { text: t("report.year"), num: true },
    ],
    rows: [
      ...(listed ? c.pledges : []).map((p) => ({
        cells: [
          { text: p.member },
          ...(several ? [{ text: p.label }] : []),
          { text: money(p.amount, p.currency), num: true },
          { text: p.year === undefined ? "" : String(p.year), num: true },
        ],
      })),
      ...c.totals.map((total) => ({
        segment: true,
        cells: [
          {
            text: `${fill(t("report.total-in"), { currency: total.currency })} (${fill(t("report.pledge-count"), { count: total.count })})`,
          },
          ...(several ? [{ text: "" }] : []),
          { text: money(total.amount, total.currency), num: true },
          { text: "" },
        ],
      })),
    ],
  };
  const inKind: TableView = {
    caption: c.inKindQuestion?.label ?? t("report.contributions"),
    head: [{ text: t("report.member") }, { text: t("report.contributions") }, { text: t("report.details") }],
    rows: c.inKind.map((k) => ({
      cells: [
        { text: k.member },
        { text: k.kinds.join("; ") },
        k.details
          ? shownFreeText(t, report.lang, { text: k.details, translation: k.detailsTranslation })
          : { text: "" },
      ],
    })),
  };
  const any = c.pledges.length || c.inKind.length;
  return {
    title: t("report.pledges-and-in-kind"),
    notes: [...(any ? [] : [t("report.none")]), ...(any && !listed ? [elsewhere("hosting")] : [])],
    tables: [...(c.pledges.length ? [pledges] : []), ...(c.inKind.length && listed ? [inKind] : [])],
  };
};

export const cooperationBlock = ({
  report,
  t,
  int,
  listed,
  elsewhere,
}: HtmlContext): BlockView | undefined => {
  const c = report.cooperation;
  if (!c) return undefined;
  const yes = t("common.yes");
  const no = t("common.no");
  return {
    title: t("report.cooperation-title"),
    notes: [
      fill(
        t("report.cooperation-summary"),
        { needs: c.needs, offers: c.offers, matched: c.matchedNeeds },
        report.lang,
      ),
      ...(listed ? [] : [elsewhere("cooperation")]),
    ],
    // Beyond the limit, how many needs and offers each topic has.
    ...(listed
      ? {}
      : {
          table: {
            head: [
              { text: t("report.topic") },
              { text: t("report.needs"), num: true },
              { text: t("report.offers"), num: true },
            ],
            rows: c.topics.map((topic) => ({
              cells: [
                { text: topic.label },
                { text: int(topic.needs.length), num: true },
                { text: int(topic.offers.length), num: true },
              ],
            })),
          } satisfies TableView,
        }),
    cooperation: (listed ? c.topics : []).map((topic) => {
      const offering = entriesByMember(topic.offers);
      const providers = (code: string) => {
        const { shown, more } = counterparts(topic.offers, offering, code);
        const names = shown.map((o) => `${o.member}${o.programme ? ` (${o.programme})` : ""}`);
        if (more) names.push(fill(t("report.and-more"), { count: more }));
        return names.join("; ") || t("report.no-offer");
      };
      return {
        label: topic.label,
        needs: topic.needs.map((n) => ({
          who: n.member,
          ...(n.description
            ? shownFreeText(t, report.lang, { text: n.description, translation: n.descriptionTranslation })
            : { text: "" }),
          preferred: n.preferredProvider
            ? `${t("report.preferred-provider")}: ${n.preferredProvider}${n.preferredOffers === undefined ? "" : ` (${t("report.preferred-offers")}: ${n.preferredOffers ? yes : no})`}`
            : "",
          providers: providers(n.code),
        })),
        offers: topic.offers.map((o) => {
          const shown = o.programme
            ? shownFreeText(t, report.lang, { text: o.programme, translation: o.programmeTranslation })
            : { text: "" };
          return {
            who: o.member,
            ...shown,
            ...(o.inPortfolio ? { portfolio: t("report.in-portfolio") } : {}),
          };
        }),
      };
    }),
  };
};
