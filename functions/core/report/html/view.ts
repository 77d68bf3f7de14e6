// What the HTML report's parts share: the shapes the templates read, and each figure's formatting.
import { RESPONDENT_GROUPS, type RespondentGroup } from "../../questionnaire/definition.ts";
import type { Cell, Completion, InputsReport, Translate } from "../model.ts";
import { completionLine, fill, formatters, groupName } from "../strings.ts";

/** A cell; `heat` is the class of its shade on the heat map's scale. */
export type Td = {
  text: string;
  num?: boolean;
  heat?: string;
  /** A free text: the language it is written in, when left untranslated. */
  lang?: string;
  /** What a translated text is (machine, reviewed, not translated) and the words as written. */
  note?: string;
  original?: { text: string; lang: string; label: string };
};
export type TableView = { caption?: string; head: Td[]; rows: { cells: Td[]; segment?: boolean }[] };
export type Bar = {
  label: string;
  value: string;
  width: number;
  detail?: string;
  /** Several bars for one label (one per group), stacked in one SVG `height` units tall. */
  series?: { y: number; width: number; css: string }[];
  height?: number;
};
export type ChartView = { caption: string; bars: Bar[]; legend?: { label: string; css: string }[] };
/** A free text as the page shows it: in the report's language where it can be, marked, the original kept. */
export type Translated = Pick<Td, "text" | "lang" | "note" | "original">;
export type Quote = { member: string; group: string; text: string };
export type BlockView = {
  title: string;
  notes: string[];
  chart?: ChartView;
  table?: TableView;
  tables?: TableView[];
  quotes?: Quote[];
  cooperation?: {
    label: string;
    needs: (Translated & { who: string; preferred: string; providers: string })[];
    offers: (Translated & { who: string; portfolio?: string })[];
  }[];
};

export const GROUP_CSS: Record<RespondentGroup, string> = {
  government: "g-government",
  workers: "g-workers",
  employers: "g-employers",
};

/**
 * The Excel heat map's scale (white to blue) in eleven steps, as classes of the page's stylesheet
 * (heat-0 … heat-10): no inline style, and a few bytes a cell.
 */
export const heat = (score: number | undefined, min: number, max: number): string | undefined => {
  if (score === undefined || max <= min) return undefined;
  const f = Math.min(1, Math.max(0, (score - min) / (max - min)));
  return `heat-${Math.round(f * 10)}`;
};

/** A bar's length, in tenths of a percent of the chart's width. */
export const width = (value: number | undefined, max: number) =>
  value === undefined || max <= 0 ? 0 : Math.round(Math.min(1, Math.max(0, value / max)) * 1000) / 10;

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

/** Whether the document quotes each member (see LISTING_LIMIT). */
const isListed = (report: InputsReport) => report.respondents.length <= LISTING_LIMIT;

/** Where a listing left out of the document is: a sheet of the workbook (and the CSV). */
const listedElsewhere = (report: InputsReport, t: Translate, sheet: string) =>
  fill(t("report.listed-elsewhere"), {
    count: report.respondents.length,
    limit: LISTING_LIMIT,
    sheet: t(`report.sheet.${sheet}`),
  });

/** The report, its words and its number formats in the report's language, for every part of the page. */
export const htmlContext = (report: InputsReport, t: Translate) => {
  const format = formatters(report.lang, report.timeZone);
  const num = (n: number | undefined, digits = 1) => (n === undefined ? "–" : format.number(n, digits));
  const groups = RESPONDENT_GROUPS.filter((g) => report.groups.some((c) => c.group === g));
  return {
    report,
    t,
    num,
    int: (n: number | undefined) => num(n, 0),
    pct: (share: number | undefined) =>
      share === undefined ? "–" : fill(t("report.percent"), { value: format.number(share * 100, 0) }),
    cell: (c: Cell): Td => (typeof c === "number" ? { text: num(c, 2), num: true } : { text: c ?? "" }),
    /** The respondent groups the campaign invited, in their usual order. */
    groups,
    when: format.dateTime,
    money: format.money,
    notes: (c: Completion) => [completionLine(t, c, report.lang)],
    legend: groups.map((g) => ({ label: groupName(t, g), css: GROUP_CSS[g] })),
    listed: isListed(report),
    elsewhere: (sheet: string) => listedElsewhere(report, t, sheet),
  };
};
export type HtmlContext = ReturnType<typeof htmlContext>;
