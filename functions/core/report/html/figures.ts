// The HTML report's blocks of figures: distributions, scores, shares and numbers, each a chart and a table.
import type { AllocationSummary, ChoiceSummary, NumberSummary, ScaleSummary } from "../model.ts";
import { fill, groupName } from "../strings.ts";
import {
  GROUP_CSS,
  width,
  type BlockView,
  type ChartView,
  type HtmlContext,
  type TableView,
} from "./view.ts";

export const choiceBlock = ({ t, groups, notes, int, pct }: HtmlContext, c: ChoiceSummary): BlockView => {
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

/** Items by score; the priorities' table also numbers the topics and counts how often each was in the top. */
const scaleTable = ({ t, groups, num, int }: HtmlContext, s: ScaleSummary, withTop: boolean): TableView => ({
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

export const scaleBlock = (ctx: HtmlContext, s: ScaleSummary): BlockView => ({
  title: `${s.question.label} (${s.min}–${s.max})`,
  notes: ctx.notes(s.completion),
  chart: {
    caption: ctx.t("report.average"),
    bars: s.items.map((i) => ({ label: i.label, value: ctx.num(i.average), width: width(i.average, s.max) })),
  },
  table: scaleTable(ctx, s, false),
});

export const prioritiesBlock = (ctx: HtmlContext, s: ScaleSummary): BlockView => {
  const { t, num, int } = ctx;
  const topLabel = s.ranking ? fill(t("report.in-top"), { n: s.ranking.n }) : undefined;
  return {
    title: `${s.question.label} (${s.min}–${s.max})`,
    notes: [...ctx.notes(s.completion), ...(s.ranking ? [`${topLabel}: ${s.ranking.label}`] : [])],
    chart: {
      caption: fill(t("report.chart-average"), { max: s.max }),
      bars: s.items.map((i) => ({
        label: `${i.number}. ${i.label}`,
        value: num(i.average),
        ...(s.ranking ? { detail: `${topLabel}: ${int(i.topCount)}` } : {}),
        width: width(i.average, s.max),
      })),
    },
    table: scaleTable(ctx, s, true),
  };
};

/** Each topic's average by group, one bar per group. */
export const comparisonChart = ({ t, groups, legend, num }: HtmlContext, s: ScaleSummary): ChartView => ({
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

export const allocationBlock = ({ t, groups, notes, num }: HtmlContext, a: AllocationSummary): BlockView => ({
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

export const numberBlock = ({ t, notes, num }: HtmlContext, n: NumberSummary): BlockView => ({
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
