// The report as the HTML document people read and print: every figure formatted here, so the template
// only places text (always escaped) and the geometry of inline SVG bars.
import { SUBREGIONS, type Subregion } from "../directory.ts";
import { formatDateTime, formatMoney, formatNumber } from "../format.ts";
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
import { completionLine, fill, groupName, memo, subregionName } from "./strings.ts";

type Td = { text: string; num?: boolean; style?: string };
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

// The Excel heat map's scale (white to blue), so both documents read alike.
const heat = (score: number | undefined, min: number, max: number): string | undefined => {
  if (score === undefined || max <= min) return undefined;
  const f = Math.min(1, Math.max(0, (score - min) / (max - min)));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * f);
  const hex = (n: number) => n.toString(16).padStart(2, "0");
  return `background-color: #${hex(mix(255, 0x5b))}${hex(mix(255, 0x9b))}${hex(mix(255, 0xd5))}`;
};

const width = (value: number | undefined, max: number) =>
  value === undefined || max <= 0 ? 0 : Math.round(Math.min(1, Math.max(0, value / max)) * 1000) / 10;

export const buildInputsHtmlView = (report: InputsReport, translate: Translate) => {
  const { lang } = report;
  const t = memo(translate);
  const decimal = memo((n: number) => formatNumber(n, lang, 1));
  const whole = memo((n: number) => formatNumber(n, lang, 0));
  const num = (n: number | undefined, digits = 1) =>
    n === undefined
      ? "–"
      : digits === 1
        ? decimal(n)
        : digits === 0
          ? whole(n)
          : formatNumber(n, lang, digits);
  const int = (n: number | undefined) => num(n, 0);
  const pct = (share: number | undefined) =>
    share === undefined ? "–" : fill(t("report.percent"), { value: formatNumber(share * 100, lang, 0) });
  const cell = (c: Cell): Td => (typeof c === "number" ? { text: num(c, 2), num: true } : { text: c ?? "" });
  const groups = RESPONDENT_GROUPS.filter((g) => report.groups.some((c) => c.group === g));
  const when = memo((iso: string) => formatDateTime(iso, lang, report.timeZone));
  const moneyText = memo((key: string) => {
    const [amount = "0", currency = ""] = key.split(" ");
    return formatMoney(Number(amount), currency, lang);
  });
  const money = (amount: number, currency: string) => moneyText(`${amount} ${currency}`);
  const notes = (c: Completion) => [completionLine(t, c)];
  const legend = groups.map((g) => ({ label: groupName(t, g), css: GROUP_CSS[g] }));

  const textBlock = (x: TextSummary): BlockView => ({
    title: x.question.label,
    notes: notes(x.completion),
    quotes: x.answers.map((a) => ({ member: a.member, group: groupName(t, a.group), text: a.text })),
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
        { text: String(i.rank), num: true },
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

  const tableBlock = (g: GroupTable): BlockView => ({
    title: g.question.label,
    notes: g.rows.length ? notes(g.completion) : [t("report.none"), ...notes(g.completion)],
    table: groupTable(g),
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
        ...c.pledges.map((p) => ({
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
    return {
      title: t("report.pledges-and-in-kind"),
      notes: c.pledges.length || c.inKind.length ? [] : [t("report.none")],
      tables: [...(c.pledges.length ? [pledges] : []), ...(c.inKind.length ? [inKind] : [])],
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
      ],
      cooperation: c.topics.map((topic) => {
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
  const blockView = (b: Block): BlockView[] => {
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
        return x ? [tableBlock(x)] : [];
      }
      case "hosting":
        return report.hosting ? [tableBlock(report.hosting)] : [];
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
    blocks: c.blocks.flatMap(blockView),
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
      dateEs: formatDateTime(report.generatedAt, "es", report.timeZone),
      dateEn: formatDateTime(report.generatedAt, "en", report.timeZone),
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
  const out: { id: string; title: string; intro?: string; tables: TableView[]; members?: boolean }[] = [];
  if (p) {
    const byNumber = [...p.items].sort((a, b) => a.number - b.number);
    out.push({
      id: "appendix-topics",
      title: t("report.appendix-topics"),
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
      style: f.heat(stat.average, p.min, p.max),
    });
    out.push({
      id: "appendix-scores",
      title: t("report.appendix-scores"),
      intro: t("report.appendix-scores-intro"),
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
      intro: t("report.appendix-heat-map-intro"),
      tables: [
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
                  style: f.heat(score, p.min, p.max),
                })),
              ],
            })),
        },
      ],
    });
  }
  out.push({
    id: "appendix-respondents",
    title: t("report.appendix-respondents"),
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
    tables: [],
    // Rendered apart, a batch at a time: see renderInputsHtml.
    members: true,
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
  return report.respondents.slice(from, to).map((r) => ({
    id: `member-${r.code}`,
    name: r.name,
    meta: `${groupName(t, r.group)} · ${r.code} · ${t("report.version")} ${r.version}`,
    answers: spans.flatMap((s) => {
      const parts: string[] = [];
      let items = false;
      for (let i = s.from; i <= s.to; i++) {
        const v = r.cells[i];
        const column = report.columns[i];
        if (v === undefined || !column) continue;
        items ||= column.item !== undefined;
        parts.push(column.item !== undefined ? `${column.item}: ${v}` : String(v));
      }
      return parts.length ? [{ label: s.label, text: parts.join(items ? "\n" : " ") }] : [];
    }),
  }));
};

export type InputsHtmlView = ReturnType<typeof buildInputsHtmlView>;

/** Where the page template leaves room for the members' answers; user text is escaped, so never this. */
export const MEMBERS_MARKER = "<!--consulta:members-->";
const MEMBERS_PER_BATCH = 500;

/**
 * The whole HTML document as UTF-8. Every member's answers make most of a large report, so they
 * are rendered and encoded a batch at a time: memory then holds the page and one batch as text,
 * never the whole document twice.
 */
export const renderInputsHtml = (
  report: InputsReport,
  translate: Translate,
  render: (template: string, context: object) => string,
): Uint8Array => {
  const t = memo(translate);
  const encoder = new TextEncoder();
  const page = render("report/inputs.html", buildInputsHtmlView(report, t));
  const at = page.indexOf(MEMBERS_MARKER);
  const chunks = [encoder.encode(at < 0 ? page : page.slice(0, at))];
  if (at >= 0) {
    for (let from = 0; from < report.respondents.length; from += MEMBERS_PER_BATCH) {
      const members = memberAnswers(report, t, from, from + MEMBERS_PER_BATCH);
      chunks.push(encoder.encode(render("report/inputs-members.html", { lang: report.lang, members })));
    }
    chunks.push(encoder.encode(page.slice(at + MEMBERS_MARKER.length)));
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
};
export type { BlockView, ChartView, TableView };
