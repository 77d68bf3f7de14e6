// The report as the HTML document people read and print: every figure formatted here, so the template
// only places text (always escaped) and the geometry of inline SVG bars.
import { SUBREGIONS, type Subregion } from "../directory.ts";
import { RESPONDENT_GROUPS, type RespondentGroup } from "../questionnaire/definition.ts";
import type {
  AllocationSummary,
  Block,
  Cell,
  ChoiceSummary,
  Completion,
  GroupTable,
  InputsReport,
  ItemScore,
  NumberSummary,
  ScaleSummary,
  TextSummary,
  Translate,
} from "./model.ts";
import { counterparts, entriesByMember } from "./cooperation.ts";
import {
  completionLine,
  fill,
  formatters,
  groupName,
  memberGroupName,
  memo,
  subregionName,
} from "./strings.ts";

/** A cell; `heat` is the class of its shade on the heat map's scale. */
type Td = { text: string; num?: boolean; heat?: string };
type TableView = { caption?: string; head: Td[]; rows: { cells: Td[]; segment?: boolean }[] };
type Bar = {
  label: string;
  value: string;
  width: number;
  detail?: string;
  /** Several bars for one label (one per group), stacked in one SVG `height` units tall. */
  series?: { y: number; width: number; css: string }[];
  height?: number;
};
type ChartView = { caption: string; bars: Bar[]; legend?: { label: string; css: string }[] };
type Quote = { member: string; group: string; text: string };
type BlockView = {
  title: string;
  notes: string[];
  chart?: ChartView;
  table?: TableView;
  tables?: TableView[];
  quotes?: Quote[];
  cooperation?: {
    label: string;
    needs: { who: string; text: string; preferred: string; providers: string }[];
    offers: { who: string; text: string }[];
  }[];
};

const GROUP_CSS: Record<RespondentGroup, string> = {
  government: "g-government",
  workers: "g-workers",
  employers: "g-employers",
};

/**
 * The Excel heat map's scale (white to blue) in eleven steps, as classes of the page's stylesheet
 * (heat-0 … heat-10): no inline style, and a few bytes a cell.
 */
const heat = (score: number | undefined, min: number, max: number): string | undefined => {
  if (score === undefined || max <= min) return undefined;
  const f = Math.min(1, Math.max(0, (score - min) / (max - min)));
  return `heat-${Math.round(f * 10)}`;
};

/**
 * Up to this many respondents the document quotes what each member said: free-text answers, the
 * entries of repeated groups (events, proposals), pledges and in-kind offers, cooperation needs and
 * offers, each member's scores and every answer of every member. Beyond it, it keeps every figure
 * (counts, averages, distributions, charts, totals per currency) and the list of who answered and
 * who did not, and says which sheet of the Excel workbook holds the rest, as the CSV does.
 *
 * A planning meeting has about forty members (the Ministries, COSATE and CEATAL): the limit leaves
 * room for any consultation of the Conference, while a page listing everything 10,000 members wrote
 * would run to 130 MB, more than a browser opens comfortably or anyone prints, and would cost the
 * compile more time and memory than the workbook that holds it all.
 */
export const LISTING_LIMIT = 100;

const width = (value: number | undefined, max: number) =>
  value === undefined || max <= 0 ? 0 : Math.round(Math.min(1, Math.max(0, value / max)) * 1000) / 10;

export const buildInputsHtmlView = (report: InputsReport, translate: Translate) => {
  const { lang } = report;
  const t = memo(translate);
  const format = formatters(lang, report.timeZone);
  const num = (n: number | undefined, digits = 1) => (n === undefined ? "–" : format.number(n, digits));
  const int = (n: number | undefined) => num(n, 0);
  const pct = (share: number | undefined) =>
    share === undefined ? "–" : fill(t("report.percent"), { value: format.number(share * 100, 0) });
  const cell = (c: Cell): Td => (typeof c === "number" ? { text: num(c, 2), num: true } : { text: c ?? "" });
  const groups = RESPONDENT_GROUPS.filter((g) => report.groups.some((c) => c.group === g));
  const when = format.dateTime;
  const money = format.money;
  const notes = (c: Completion) => [completionLine(t, c)];
  const legend = groups.map((g) => ({ label: groupName(t, g), css: GROUP_CSS[g] }));
  const listed = isListed(report);
  const elsewhere = (sheet: string) => listedElsewhere(report, t, sheet);

  const textBlock = (x: TextSummary): BlockView => ({
    title: x.question.label,
    notes: listed
      ? notes(x.completion)
      : [
          ...notes(x.completion),
          elsewhere(x.question.id === report.achievements?.question.id ? "achievements" : "comments"),
        ],
    quotes: listed
      ? x.answers.map((a) => ({ member: a.member, group: memberGroupName(t, a.group), text: a.text }))
      : [],
  });

  const choiceBlock = (c: ChoiceSummary): BlockView => {
    const top = Math.max(1, ...c.options.map((o) => o.count));
    return {
      title: c.question.label,
      notes: notes(c.completion),
      chart: {
        caption: t("report.mentions"),
        bars: c.options.map((o) => ({
          label: o.label,
          value: `${int(o.count)} (${pct(o.share)})`,
          width: width(o.count, top),
        })),
      },
      table: {
        head: [
          { text: t("report.option") },
          { text: t("report.mentions"), num: true },
          { text: t("report.share-of-answers"), num: true },
          ...groups.map((g) => ({ text: groupName(t, g), num: true })),
          ...Array.from({ length: c.ranks }, (_, i) => ({
            text: fill(t("report.ranked"), { n: i + 1 }),
            num: true,
          })),
        ],
        rows: c.options.map((o) => ({
          cells: [
            { text: o.label },
            { text: int(o.count), num: true },
            { text: pct(o.share), num: true },
            ...groups.map((g) => ({ text: int(o.byGroup[g]), num: true })),
            ...o.byRank.map((n) => ({ text: int(n), num: true })),
          ],
        })),
      },
    };
  };

  const scaleTable = (s: ScaleSummary, withTop: boolean): TableView => ({
    head: [
      { text: t("report.rank"), num: true },
      { text: t("report.item") },
      { text: t("report.average"), num: true },
      { text: t("report.scores"), num: true },
      { text: t("report.not-scored"), num: true },
      ...(withTop && s.ranking ? [{ text: fill(t("report.in-top"), { n: s.ranking.n }), num: true }] : []),
      ...groups.map((g) => ({ text: groupName(t, g), num: true })),
    ],
    rows: s.items.map((i) => ({
      cells: [
        { text: i.rank === undefined ? t("report.no-answers") : String(i.rank), num: true },
        { text: withTop ? `${i.number}. ${i.label}` : i.label },
        { text: num(i.average), num: true },
        { text: int(i.count), num: true },
        { text: int(i.notAnswered), num: true },
        ...(withTop && s.ranking ? [{ text: int(i.topCount), num: true }] : []),
        ...groups.map((g) => ({
          text: `${num(i.byGroup[g].average)} (${int(i.byGroup[g].count)})`,
          num: true,
        })),
      ],
    })),
  });

  const scaleBlock = (s: ScaleSummary): BlockView => ({
    title: `${s.question.label} (${s.min}–${s.max})`,
    notes: notes(s.completion),
    chart: {
      caption: t("report.average"),
      bars: s.items.map((i) => ({ label: i.label, value: num(i.average), width: width(i.average, s.max) })),
    },
    table: scaleTable(s, false),
  });

  const prioritiesBlock = (s: ScaleSummary): BlockView => {
    const topLabel = s.ranking ? fill(t("report.in-top"), { n: s.ranking.n }) : undefined;
    return {
      title: `${s.question.label} (${s.min}–${s.max})`,
      notes: [...notes(s.completion), ...(s.ranking ? [`${topLabel}: ${s.ranking.label}`] : [])],
      chart: {
        caption: fill(t("report.chart-average"), { max: s.max }),
        bars: s.items.map((i) => ({
          label: `${i.number}. ${i.label}`,
          value: num(i.average),
          ...(s.ranking ? { detail: `${topLabel}: ${int(i.topCount)}` } : {}),
          width: width(i.average, s.max),
        })),
      },
      table: scaleTable(s, true),
    };
  };

  const comparisonChart = (s: ScaleSummary): ChartView => ({
    caption: fill(t("report.chart-by-group"), { max: s.max }),
    legend,
    bars: s.items.map((i) => ({
      label: `${i.number}. ${i.label}`,
      value: "",
      detail: groups.map((g) => `${groupName(t, g)}: ${num(i.byGroup[g].average)}`).join(" · "),
      width: 0,
      series: groups.map((g, k) => ({
        y: k * 10,
        width: width(i.byGroup[g].average, s.max),
        css: GROUP_CSS[g],
      })),
      height: groups.length * 10 - 2,
    })),
  });

  const allocationBlock = (a: AllocationSummary): BlockView => ({
    title: a.question.label,
    notes: [...notes(a.completion), t("report.note-allocation")],
    chart: {
      caption: fill(t("report.average-share"), { total: a.total }),
      bars: a.items.map((i) => ({ label: i.label, value: num(i.average), width: width(i.average, a.total) })),
    },
    table: {
      head: [
        { text: t("report.item") },
        { text: fill(t("report.average-share"), { total: a.total }), num: true },
        ...groups.map((g) => ({ text: groupName(t, g), num: true })),
      ],
      rows: a.items.map((i) => ({
        cells: [
          { text: i.label },
          { text: num(i.average), num: true },
          ...groups.map((g) => ({ text: num(i.byGroup[g].average), num: true })),
        ],
      })),
    },
  });

  const numberBlock = (n: NumberSummary): BlockView => ({
    title: n.question.label,
    notes: notes(n.completion),
    table: {
      head: [
        { text: t("report.average"), num: true },
        { text: t("report.minimum"), num: true },
        { text: t("report.maximum"), num: true },
      ],
      rows: [
        {
          cells: [
            { text: num(n.average), num: true },
            { text: num(n.min, 2), num: true },
            { text: num(n.max, 2), num: true },
          ],
        },
      ],
    },
  });

  const groupTable = (g: GroupTable): TableView => ({
    head: [{ text: t("report.member") }, ...g.fields.map((f) => ({ text: f.label }))],
    rows: g.rows.map((r) => ({ cells: [{ text: r.member }, ...r.cells.map(cell)] })),
  });

  /** A repeated group's entries; `sheet` is where the workbook lists them. */
  const tableBlock = (g: GroupTable, sheet: string): BlockView => ({
    title: g.question.label,
    notes: [
      ...(g.rows.length ? [] : [t("report.none")]),
      ...notes(g.completion),
      ...(listed || !g.rows.length ? [] : [elsewhere(sheet)]),
    ],
    ...(listed ? { table: groupTable(g) } : {}),
  });

  const contributionsBlock = (): BlockView => {
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
      head: [
        { text: t("report.member") },
        { text: t("report.contributions") },
        { text: t("report.details") },
      ],
      rows: c.inKind.map((k) => ({
        cells: [{ text: k.member }, { text: k.kinds.join("; ") }, { text: k.details ?? "" }],
      })),
    };
    const any = c.pledges.length || c.inKind.length;
    return {
      title: t("report.pledges-and-in-kind"),
      notes: [...(any ? [] : [t("report.none")]), ...(any && !listed ? [elsewhere("hosting")] : [])],
      tables: [...(c.pledges.length ? [pledges] : []), ...(c.inKind.length && listed ? [inKind] : [])],
    };
  };

  const cooperationBlock = (): BlockView | undefined => {
    const c = report.cooperation;
    if (!c) return undefined;
    const yes = t("common.yes");
    const no = t("common.no");
    return {
      title: t("report.cooperation-title"),
      notes: [
        fill(t("report.cooperation-summary"), { needs: c.needs, offers: c.offers, matched: c.matchedNeeds }),
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
            text: n.description ?? "",
            preferred: n.preferredProvider
              ? `${t("report.preferred-provider")}: ${n.preferredProvider}${n.preferredOffers === undefined ? "" : ` (${t("report.preferred-offers")}: ${n.preferredOffers ? yes : no})`}`
              : "",
            providers: providers(n.code),
          })),
          offers: topic.offers.map((o) => ({
            who: o.member,
            text: `${o.programme ?? ""}${o.inPortfolio ? ` [${t("report.in-portfolio")}]` : ""}`,
          })),
        };
      }),
    };
  };

  const find = <T extends { question: { id: string } }>(list: T[], b: Block) =>
    list.find((x) => x.question.id === b.questionId);
  const blockView = (b: Block, rial: boolean): BlockView[] => {
    switch (b.kind) {
      case "text": {
        const x = find(report.texts, b);
        return x ? [textBlock(x)] : [];
      }
      case "choice": {
        const x = find(report.choices, b);
        return x ? [choiceBlock(x)] : [];
      }
      case "scale": {
        const x = find(report.scales, b);
        return x ? [scaleBlock(x)] : [];
      }
      case "priorities": {
        const x = report.priorities;
        if (!x) return [];
        return [
          prioritiesBlock(x),
          ...(groups.length > 1
            ? [{ title: t("report.by-group-title"), notes: [], chart: comparisonChart(x) }]
            : []),
        ];
      }
      case "allocation": {
        const x = find(report.allocations, b);
        return x ? [allocationBlock(x)] : [];
      }
      case "number": {
        const x = find(report.numbers, b);
        return x ? [numberBlock(x)] : [];
      }
      case "table": {
        const x = find(report.tables, b);
        return x ? [tableBlock(x, rial ? "rial" : "work-plan")] : [];
      }
      case "hosting":
        return report.hosting ? [tableBlock(report.hosting, "hosting")] : [];
      case "contributions":
        return [contributionsBlock()];
      case "cooperation": {
        const x = cooperationBlock();
        return x ? [x] : [];
      }
    }
  };

  const chapters = report.chapters.map((c, i) => ({
    id: `chapter-${c.id}`,
    number: i + 1,
    title: c.title,
    blocks: c.blocks.flatMap((b) => blockView(b, c.rial)),
  }));

  const appendices = appendixViews(report, t, { num, int, when, heat });
  const toc = [
    { id: "introduction", label: t("report.introduction") },
    ...chapters.map((c) => ({ id: c.id, label: `${c.number}. ${c.title}` })),
    ...appendices.map((a) => ({ id: a.id, label: a.title })),
  ];

  const rateRow = (label: string, invited: number, answered: number, segment = false) => ({
    segment,
    cells: [
      { text: label },
      { text: int(invited), num: true },
      { text: int(answered), num: true },
      { text: pct(invited ? answered / invited : undefined), num: true },
    ],
  });
  const rateHead = (first: string) => [
    { text: first },
    { text: t("report.invited"), num: true },
    { text: t("report.answered"), num: true },
    { text: t("report.response-rate"), num: true },
  ];

  return {
    lang,
    documentTitle: `${t("report.cover-title")} — ${report.title}`,
    cover: {
      titleEs: report.titles.es,
      titleEn: report.titles.en,
      meeting: report.meeting,
      dateEs: formatters("es", report.timeZone).dateTime(report.generatedAt),
      dateEn: formatters("en", report.timeZone).dateTime(report.generatedAt),
      questionnaire: `${report.questionnaire.title} (${report.questionnaire.id}, v${report.questionnaire.version})`,
    },
    toc,
    intro: {
      answered: report.answered,
      invited: report.invited,
      groups: {
        caption: t("report.by-group"),
        head: rateHead(t("report.group")),
        rows: [
          ...report.groups.map((g) => rateRow(groupName(t, g.group), g.invited, g.answered)),
          rateRow(t("report.total"), report.invited, report.answered, true),
        ],
      } satisfies TableView,
      subregions: report.subregions.length
        ? ({
            caption: t("report.by-subregion"),
            head: rateHead(t("report.subregion")),
            rows: report.subregions.map((s) => rateRow(subregionName(t, s.subregion), s.invited, s.answered)),
          } satisfies TableView)
        : undefined,
    },
    chapters,
    appendices,
  };
};

/** Whether the document quotes each member (see LISTING_LIMIT). */
const isListed = (report: InputsReport) => report.respondents.length <= LISTING_LIMIT;

/** Where a listing left out of the document is: a sheet of the workbook (and the CSV). */
const listedElsewhere = (report: InputsReport, t: Translate, sheet: string) =>
  fill(t("report.listed-elsewhere"), {
    count: report.respondents.length,
    limit: LISTING_LIMIT,
    sheet: t(`report.sheet.${sheet}`),
  });

type Formatters = {
  num: (n: number | undefined, digits?: number) => string;
  int: (n: number | undefined) => string;
  when: (iso: string) => string;
  heat: typeof heat;
};

/** Topic list; scores by topic, group and subregion; the member heat map; who answered; every answer. */
const appendixViews = (report: InputsReport, t: Translate, f: Formatters) => {
  const p = report.priorities;
  const groups = RESPONDENT_GROUPS.filter((g) => report.groups.some((c) => c.group === g));
  const subregions: Subregion[] = SUBREGIONS.filter((s) => report.subregions.some((c) => c.subregion === s));
  const out: { id: string; title: string; notes: string[]; tables: TableView[]; members?: boolean }[] = [];
  const listed = isListed(report);
  const elsewhere = (sheet: string) => listedElsewhere(report, t, sheet);
  if (p) {
    const byNumber = [...p.items].sort((a, b) => a.number - b.number);
    out.push({
      id: "appendix-topics",
      title: t("report.appendix-topics"),
      notes: [],
      tables: [
        {
          head: [
            { text: t("report.number"), num: true },
            { text: t("report.topic") },
            { text: t("report.tag") },
          ],
          rows: byNumber.map((i) => ({
            cells: [{ text: String(i.number), num: true }, { text: i.label }, { text: i.tag ?? "" }],
          })),
        },
      ],
    });
    const segmentCell = (stat: { average: number | undefined; count: number }) => ({
      text: stat.count ? `${f.num(stat.average)} (${f.int(stat.count)})` : "–",
      num: true,
      heat: f.heat(stat.average, p.min, p.max),
    });
    out.push({
      id: "appendix-scores",
      title: t("report.appendix-scores"),
      notes: [t("report.appendix-scores-intro")],
      tables: [
        {
          head: [
            { text: t("report.topic") },
            { text: t("report.all"), num: true },
            ...groups.map((g) => ({ text: groupName(t, g), num: true })),
            ...subregions.map((s) => ({ text: subregionName(t, s), num: true })),
          ],
          rows: p.items.map((i: ItemScore) => ({
            cells: [
              { text: `${i.number}. ${i.label}` },
              segmentCell(i),
              ...groups.map((g) => segmentCell(i.byGroup[g])),
              ...subregions.map((s) => segmentCell(i.bySubregion[s])),
            ],
          })),
        },
      ],
    });
    const place = (r: { subregion: Subregion | undefined }) =>
      r.subregion ? SUBREGIONS.indexOf(r.subregion) : SUBREGIONS.length;
    out.push({
      id: "appendix-heat-map",
      title: t("report.appendix-heat-map"),
      notes: [listed ? t("report.appendix-heat-map-intro") : elsewhere("heat-map")],
      tables: listed
        ? [
            {
              head: [
                { text: t("report.member") },
                { text: t("report.subregion") },
                ...p.items.map((i) => ({ text: String(i.number), num: true })),
              ],
              rows: [...report.respondents]
                .sort((a, b) => place(a) - place(b))
                .map((r) => ({
                  cells: [
                    { text: r.name },
                    { text: r.subregion ? subregionName(t, r.subregion) : groupName(t, r.group) },
                    ...r.topicScores.map((score) => ({
                      text: score === undefined ? "" : String(score),
                      num: true,
                      heat: f.heat(score, p.min, p.max),
                    })),
                  ],
                })),
            },
          ]
        : [],
    });
  }
  out.push({
    id: "appendix-respondents",
    title: t("report.appendix-respondents"),
    notes: [],
    tables: [
      {
        caption: t("report.respondents"),
        head: [
          { text: t("report.member") },
          { text: t("report.group") },
          { text: t("report.submitted-at") },
          { text: t("report.submitted-by") },
        ],
        rows: report.respondents.map((r) => ({
          cells: [
            { text: r.name },
            { text: groupName(t, r.group) },
            { text: f.when(r.submittedAt) },
            { text: r.submittedBy },
          ],
        })),
      },
      {
        caption: t("report.non-respondents"),
        head: [{ text: t("report.member") }, { text: t("report.group") }, { text: t("report.subregion") }],
        rows: report.nonRespondents.map((m) => ({
          cells: [{ text: m.name }, { text: groupName(t, m.group) }, { text: subregionName(t, m.subregion) }],
        })),
      },
    ],
  });
  out.push({
    id: "appendix-answers",
    title: t("report.appendix-answers"),
    notes: listed ? [] : [elsewhere("all-answers")],
    tables: [],
    // Rendered apart, a batch at a time: see renderInputsHtml.
    members: listed,
  });
  return out;
};

type MemberAnswers = { id: string; name: string; meta: string; answers: { label: string; text: string }[] };

/**
 * Every answer of the members `from` to `to`, question by question; the scored items of one
 * question are folded into one answer.
 */
const memberAnswers = (report: InputsReport, t: Translate, from: number, to: number): MemberAnswers[] => {
  // Columns of one question (scored items, money parts) are read together.
  const spans: { label: string; from: number; to: number }[] = [];
  report.columns.forEach((c, i) => {
    const last = spans[spans.length - 1];
    if (last && report.columns[last.from]?.questionId === c.questionId) last.to = i;
    else spans.push({ label: c.question, from: i, to: i });
  });
  return report.respondents.slice(from, to).map((r) => {
    const cells = r.cells();
    return {
      id: `member-${r.code}`,
      name: r.name,
      meta: `${groupName(t, r.group)} · ${r.code} · ${t("report.version")} ${r.version}`,
      answers: spans.flatMap((s) => {
        const parts: string[] = [];
        let items = false;
        for (let i = s.from; i <= s.to; i++) {
          const v = cells[i];
          const column = report.columns[i];
          if (v === undefined || !column) continue;
          items ||= column.item !== undefined;
          parts.push(column.item !== undefined ? `${column.item}: ${v}` : String(v));
        }
        return parts.length ? [{ label: s.label, text: parts.join(items ? "\n" : " ") }] : [];
      }),
    };
  });
};

export type InputsHtmlView = ReturnType<typeof buildInputsHtmlView>;

/**
 * Where the page template leaves room for one chapter's blocks or one appendix's contents, in the
 * order of the page; respondents' text is escaped, so it can never make one.
 */
export const PART_MARKER = "<!--consulta:part-->";
const MEMBERS_PER_BATCH = 25;

/**
 * The whole HTML document as UTF-8. The page is rendered without the contents of its chapters and
 * appendices, which are then rendered a block, a table or a batch of members at a time and encoded
 * at once: memory holds the bytes of the document and one part as text, never the whole document
 * as one string.
 */
export const renderInputsHtml = (
  report: InputsReport,
  translate: Translate,
  render: (template: string, context: object) => string,
  /** The accessibility statement's absolute address (the file is read offline); the page adds ?lang=. */
  statementUrl?: string,
): Uint8Array => {
  const t = memo(translate);
  const { lang } = report;
  const view = buildInputsHtmlView(report, t);
  const pieces = render("report/inputs.html", { ...view, statementUrl }).split(PART_MARKER);
  const parts: (() => Iterable<string>)[] = [
    ...view.chapters.map(
      (c) =>
        function* () {
          for (const block of c.blocks) yield render("report/inputs-part.html", { lang, blocks: [block] });
        },
    ),
    ...view.appendices.map(
      (a) =>
        function* () {
          for (const table of a.tables) yield render("report/inputs-part.html", { lang, tables: [table] });
          if (!a.members) return;
          for (let from = 0; from < report.respondents.length; from += MEMBERS_PER_BATCH) {
            const members = memberAnswers(report, t, from, from + MEMBERS_PER_BATCH);
            yield render("report/inputs-members.html", { lang, members });
          }
        },
    ),
  ];
  if (pieces.length !== parts.length + 1)
    throw new Error(`report/inputs.html has ${pieces.length - 1} parts, the report ${parts.length}`);
  const chunks: Buffer[] = [];
  pieces.forEach((piece, i) => {
    chunks.push(Buffer.from(piece));
    for (const text of parts[i]?.() ?? []) chunks.push(Buffer.from(text));
  });
  return Buffer.concat(chunks);
};
export type { BlockView, ChartView, TableView };
