// The report's own words: interface strings with their placeholders filled, shared by every renderer.
import type { Subregion } from "../directory.ts";
import type { RespondentGroup } from "../questionnaire/definition.ts";
import type { Language } from "../languages.ts";
import { formatDateTime } from "../format.ts";
import { formatMessage } from "../message-format.ts";
import type { ReportIssue } from "./issue-history.ts";
import type { Cell, FreeText, InputsReport, RespondentRow, ShownTranslation, Translate } from "./model.ts";

/**
 * Remembers what a function gave for each argument: the renderers ask for the same few strings,
 * dates and numbers once per row, and building an Intl formatter or walking the string tree is
 * what would then dominate a compile of thousands of replies.
 */
export const memo = <A extends string | number, R>(f: (a: A) => R): ((a: A) => R) => {
  const known = new Map<A, R>();
  return (a) => {
    if (known.has(a)) return known.get(a) as R;
    const r = f(a);
    known.set(a, r);
    return r;
  };
};

/**
 * Fills `{name}` placeholders and plurals, as the views' `t` helper does, for strings built outside a
 * template; given the report's language, a count agrees with its noun by that language's rules.
 */
export const fill = (text: string, params: Record<string, string | number>, lang?: Language): string =>
  formatMessage(lang, text, params);

export const groupName = (t: Translate, group: RespondentGroup) => t(`group.${group}`);

/** One member's group, beside its name: "COSATE (Trabajadores)", where the group's title would repeat it. */
export const memberGroupName = (t: Translate, group: RespondentGroup) => t(`member-group.${group}`);

export const subregionName = (t: Translate, subregion: Subregion | undefined) =>
  subregion ? t(`subregion.${subregion}`) : "";

/** "12 answered · 3 left it blank · 2 not asked", for the foot of a table. */
export const completionLine = (
  t: Translate,
  c: { answered: number; notAnswered: number; notAsked: number },
  lang?: Language,
): string => fill(t("report.completion"), c, lang);

export { formatters } from "../format.ts";

/** The header of the all-answers table, the same in the CSV and in Excel: who, then every question. */
export const allAnswersHeaders = (t: Translate, report: InputsReport): string[] => [
  t("report.member"),
  t("report.code"),
  t("report.group"),
  t("report.subregion"),
  t("report.submitted-at-utc"),
  t("report.submitted-by"),
  t("report.version"),
  ...report.columns.map((c) => c.header),
];

const languageNames = new Map<string, string>();

/**
 * A language named in the report's language: "portugués" in Spanish, "Portuguese" in English. Asked
 * once per free text shown, so each name is worked out once (Intl.DisplayNames#of is slow).
 */
export const languageName = (lang: Language, of: Language): string => {
  const key = `${lang}:${of}`;
  let name = languageNames.get(key);
  if (name === undefined)
    languageNames.set(key, (name = new Intl.DisplayNames([lang], { type: "language" }).of(of) ?? of));
  return name;
};

/** Each translate function's notes ("Machine translation (apertium) · original in Portuguese"), filled once. */
const notesOf = new WeakMap<Translate, Map<string, string>>();

/**
 * A free-text answer as the report shows it: in the report's language when written in it or machine
 * translated (marked so), else as written; `note` says which, `original` is the text as written.
 */
export const shownText = (
  t: Translate,
  lang: Language,
  a: FreeText,
): { text: string; note?: string; original?: { text: string; lang: Language; label: string } } => {
  const tr: ShownTranslation | undefined = a.translation;
  if (!tr) return { text: a.text };
  // The same few notes, asked for once per text shown: filled once each (thousands of rows).
  let notes = notesOf.get(t);
  if (!notes) notesOf.set(t, (notes = new Map()));
  const note = (kind: string, by: string) => {
    const key = `${kind}\u0000${lang}\u0000${tr.source}\u0000${by}`;
    let text = notes.get(key);
    if (text === undefined) {
      const language = languageName(lang, tr.source);
      notes.set(key, (text = fill(t(`report.translation.${kind}`), { language, by, engine: by })));
    }
    return text;
  };
  if (tr.text === undefined) return { text: a.text, note: note("none", "") };
  return {
    text: tr.text,
    note: tr.reviewedBy ? note("reviewed", tr.reviewedBy) : note("machine", tr.engine ?? ""),
    original: { text: a.text, lang: tr.source, label: note("original", "") },
  };
};

/**
 * As shownText, and, for a text left as written in another language, that language (`lang`), so a
 * page marks it: words of another language are never passed off as the report's own.
 */
export const shownFreeText = (t: Translate, lang: Language, a: FreeText) => ({
  ...(a.translation && a.translation.text === undefined ? { lang: a.translation.source } : {}),
  ...shownText(t, lang, a),
});

/**
 * "All answers" (the CSV and the sheet) keeps every answer as written; after them come two columns per
 * free-text question (texts, proposals, needs, offers): the answer in the report's language, and what
 * that is (machine, reviewed, or not translated, from which language).
 */
export const translationHeaders = (t: Translate, report: InputsReport): string[] =>
  report.freeTextColumns.flatMap((i) => {
    const label = report.columns[i]?.question ?? "";
    return [`${label} — ${t("report.translation.column")}`, `${label} — ${t("report.translation.about")}`];
  });

export const translationCells = (t: Translate, report: InputsReport, r: RespondentRow): Cell[] =>
  report.freeTextColumns.flatMap((i) => {
    const translation = r.translations.get(i);
    if (!translation) return ["", ""];
    const [cell] = r.cells([i]);
    const shown = shownText(t, report.lang, { text: String(cell ?? ""), translation });
    return [shown.original ? shown.text : "", shown.note];
  });

/** How many members an issue's line names before "… and N more": the cover stays a cover. */
const NAMED_IN_HISTORY = 12;

/**
 * The earlier issues of the edition and this one, each as "date — what changed" in the report's
 * language; empty for a first issue, which has no history to tell.
 */
export const historyLines = (t: Translate, report: InputsReport): string[] => {
  const issues = report.history ?? [];
  if (issues.length < 2) return [];
  const when = (iso: string) => formatDateTime(iso, report.lang, report.timeZone);
  const names = (list: string[]) =>
    [
      ...list.slice(0, NAMED_IN_HISTORY),
      ...(list.length > NAMED_IN_HISTORY
        ? [fill(t("report.and-more"), { count: list.length - NAMED_IN_HISTORY })]
        : []),
    ].join(", ");
  const what = (issue: ReportIssue): string => {
    const c = issue.changes;
    if (!c) return fill(t("report.history.unknown"), { count: issue.respondents });
    if (issue.first) return fill(t("report.history.first"), { count: issue.respondents });
    const parts = [
      ...(c.added.length ? [fill(t("report.history.added"), { names: names(c.added) })] : []),
      ...(c.updated.length ? [fill(t("report.history.updated"), { names: names(c.updated) })] : []),
      ...(c.removed.length ? [fill(t("report.history.removed"), { names: names(c.removed) })] : []),
    ];
    return parts.length ? parts.join("; ") : t("report.history.unchanged");
  };
  return issues.map(
    (issue) =>
      `${when(issue.generatedAt)}${issue.current ? ` (${t("report.history.this")})` : ""} — ${what(issue)}`,
  );
};
