// The report as a printable document (the PDF edition): the HTML edition's parts, laid out as headings,
// paragraphs, bar charts and tables that the PDF printer (adapters/pdf-documents.ts) draws.
//
// It is composed from the same views as the HTML page (html/*.ts), so every figure, note and quote is
// worded and formatted once, and the two editions cannot disagree.
import { memberAnswers } from "./html/member-answers.ts";
import { htmlContext, type BlockView, type Quote, type TableView } from "./html/view.ts";
import type { RespondentGroup } from "../questionnaire/definition.ts";
import { buildInputsHtmlView } from "./inputs-html.ts";
import type { InputsReport, Translate } from "./model.ts";
import { fill, memo } from "./strings.ts";
import type { Language } from "../languages.ts";

/** One table cell; numbers are set right. */
export type PrintedCell = { text: string; num?: boolean };

/** What the printer draws, in order: its whole vocabulary, none of it markup. */
export type PrintedPart =
  | { kind: "title"; text: string }
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; text: string; style?: "note" | "meta" | "strong" }
  /** A member's words: who said it, and the words themselves (in `lang` when not the report's). */
  | { kind: "quote"; who: string; text: string; lang?: Language; note?: string; original?: string }
  /** Horizontal bars: `share` from 0 to 1 of the chart's width. */
  | {
      kind: "bars";
      caption: string;
      /** `series`: one bar per respondent group instead of one, in the groups' order (`legend`). */
      bars: {
        label: string;
        value: string;
        share: number;
        detail?: string;
        series?: { share: number; group: RespondentGroup }[];
      }[];
      legend?: { label: string; group: RespondentGroup }[];
    }
  | {
      kind: "table";
      caption?: string;
      head: PrintedCell[];
      rows: { cells: PrintedCell[]; total?: boolean }[];
    }
  | { kind: "answers"; answers: { label: string; text: string }[] };

export type PrintedReport = {
  lang: Language;
  title: string;
  /** On every page, beside "page n of m". */
  footer: string;
  /** The words of "page {page} of {pages}" in the report's language. */
  pageOf: string;
  parts: PrintedPart[];
};

const table = (t: TableView): PrintedPart => ({
  kind: "table",
  ...(t.caption ? { caption: t.caption } : {}),
  head: t.head.map(({ text, num }) => ({ text, ...(num ? { num } : {}) })),
  rows: t.rows.map((r) => ({
    cells: r.cells.map(({ text, num }) => ({ text, ...(num ? { num } : {}) })),
    ...(r.segment ? { total: true } : {}),
  })),
});

/** A quote as textBlock shapes it (html/listings.ts): with its language, a translation's note and the original. */
type ShownQuote = Quote & { lang?: Language; note?: string; original?: { text: string; label: string } };

/** `groups`: the campaign's respondent groups, in the order of a chart's series and legend (html/view.ts). */
const blockParts = (b: BlockView, t: Translate, groups: RespondentGroup[]): PrintedPart[] => [
  { kind: "heading", level: 3, text: b.title },
  ...b.notes.map((text): PrintedPart => ({ kind: "paragraph", text, style: "note" })),
  ...(b.chart
    ? [
        {
          kind: "bars",
          caption: b.chart.caption,
          bars: b.chart.bars.map((bar) => ({
            label: bar.label,
            value: bar.value,
            share: toShare(bar.width),
            ...(bar.detail ? { detail: bar.detail } : {}),
            ...(bar.series
              ? { series: bar.series.map((x, k) => ({ share: toShare(x.width), group: groups[k]! })) }
              : {}),
          })),
          ...(b.chart.legend
            ? { legend: b.chart.legend.map((l, k) => ({ label: l.label, group: groups[k]! })) }
            : {}),
        } satisfies PrintedPart,
      ]
    : []),
  ...(b.table ? [table(b.table)] : []),
  ...(b.tables ?? []).map(table),
  ...((b.quotes ?? []) as ShownQuote[]).map((q): PrintedPart => ({
    kind: "quote",
    who: `${q.member} (${q.group})`,
    text: q.text,
    ...(q.lang ? { lang: q.lang } : {}),
    ...(q.note ? { note: q.note } : {}),
    ...(q.original ? { original: `${q.original.label}: ${q.original.text}` } : {}),
  })),
  ...(b.cooperation ?? []).flatMap((topic): PrintedPart[] => [
    { kind: "paragraph", text: topic.label, style: "strong" },
    {
      kind: "table",
      head: [{ text: t("report.needs") }, { text: t("report.could-help") }],
      rows: topic.needs.map((n) => ({
        cells: [
          { text: [n.text ? `${n.who}: ${n.text}` : n.who, n.preferred].filter(Boolean).join("\n") },
          { text: n.providers },
        ],
      })),
    },
    ...(topic.offers.length
      ? [
          {
            kind: "table",
            head: [{ text: t("report.offers") }],
            rows: topic.offers.map((o) => ({ cells: [{ text: o.text ? `${o.who}: ${o.text}` : o.who }] })),
          } satisfies PrintedPart,
        ]
      : []),
  ]),
];

const MEMBERS_PER_BATCH = 25;

/**
 * The most rows one table prints. The PDF is laid out in one synchronous pass, in memory: a table of
 * every member of a consultation of 10,000 (who answered, the heat map) would cost the compile more
 * than the whole workbook that already holds it. A longer table is cut, and says where the rest is.
 */
export const PDF_TABLE_ROWS = 300;

/** A table within PDF_TABLE_ROWS, and the note saying how many rows the workbook holds beyond it. */
export const withinPrintLimit = (part: PrintedPart, t: Translate): PrintedPart[] =>
  part.kind === "table" && part.rows.length > PDF_TABLE_ROWS
    ? [
        { ...part, rows: part.rows.slice(0, PDF_TABLE_ROWS) },
        {
          kind: "paragraph",
          style: "note",
          text: fill(t("report.pdf-rows-left-out"), { count: part.rows.length - PDF_TABLE_ROWS }),
        },
      ]
    : [part];

/** An HTML bar's width is in percent of its chart. */
const toShare = (percent: number) => Math.min(1, Math.max(0, percent / 100));

/**
 * The report as parts to print, in the report's language: cover, introduction, a chapter per section,
 * the appendices and (up to the HTML edition's listing limit) every member's answers.
 */
export const composeInputsPdf = (report: InputsReport, translate: Translate): PrintedReport => {
  const t = memo(translate);
  const view = buildInputsHtmlView(report, t);
  const { groups } = htmlContext(report, t);
  const parts: PrintedPart[] = [
    { kind: "title", text: t("report.cover-title") },
    { kind: "paragraph", text: view.cover.title, style: "strong" },
    ...(view.cover.meeting ? [{ kind: "paragraph", text: view.cover.meeting } satisfies PrintedPart] : []),
    { kind: "paragraph", text: fill(t("report.updated-at"), { date: view.cover.date }) },
    { kind: "paragraph", text: `${t("report.questionnaire")}: ${view.cover.questionnaire}`, style: "meta" },
    { kind: "heading", level: 1, text: t("report.introduction") },
    {
      kind: "paragraph",
      text: fill(
        t("report.answered-of-invited"),
        { answered: view.intro.answered, invited: view.intro.invited },
        report.lang,
      ),
    },
    table(view.intro.groups),
    ...(view.intro.subregions ? [table(view.intro.subregions)] : []),
    { kind: "paragraph", text: t("report.note-blank"), style: "note" },
    { kind: "paragraph", text: t("report.note-latest"), style: "note" },
  ];
  for (const c of view.chapters) {
    parts.push({ kind: "heading", level: 1, text: `${c.number}. ${c.title}` });
    for (const b of c.blocks) parts.push(...blockParts(b, t, groups));
  }
  for (const a of view.appendices) {
    parts.push({ kind: "heading", level: 1, text: a.title });
    for (const text of a.notes) parts.push({ kind: "paragraph", text, style: "note" });
    parts.push(...a.tables.map(table));
    if (!a.members) continue;
    for (let from = 0; from < report.respondents.length; from += MEMBERS_PER_BATCH)
      for (const m of memberAnswers(report, t, from, from + MEMBERS_PER_BATCH))
        parts.push(
          { kind: "heading", level: 2, text: m.name },
          { kind: "paragraph", text: m.meta, style: "meta" },
          { kind: "answers", answers: m.answers },
        );
  }
  return {
    lang: report.lang,
    title: view.documentTitle,
    footer: `${t("report.cover-title")} · ${view.cover.date}`,
    pageOf: t("report.page-of"),
    parts: parts.flatMap((part) => withinPrintLimit(part, t)),
  };
};
