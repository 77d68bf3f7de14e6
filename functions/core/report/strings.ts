// The report's own words: interface strings with their placeholders filled, shared by every renderer.
import type { Subregion } from "../directory.ts";
import type { RespondentGroup } from "../questionnaire/definition.ts";
import type { Language } from "../languages.ts";
import { formatMessage } from "../message-format.ts";
import type { InputsReport, ShownTranslation, TextAnswer, Translate } from "./model.ts";

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

const languageNames = new Map<Language, Intl.DisplayNames>();

/** A language named in the report's language: "portugués" in Spanish, "Portuguese" in English. */
export const languageName = (lang: Language, of: Language): string => {
  let names = languageNames.get(lang);
  if (!names) languageNames.set(lang, (names = new Intl.DisplayNames([lang], { type: "language" })));
  return names.of(of) ?? of;
};

/**
 * A free-text answer as the report shows it: in the report's language when written in it or machine
 * translated (marked so), else as written; `note` says which, `original` is the text as written.
 */
export const shownText = (
  t: Translate,
  lang: Language,
  a: TextAnswer,
): { text: string; note?: string; original?: { text: string; lang: Language; label: string } } => {
  const tr: ShownTranslation | undefined = a.translation;
  if (!tr) return { text: a.text };
  const language = languageName(lang, tr.source);
  if (tr.text === undefined) return { text: a.text, note: fill(t("report.translation.none"), { language }) };
  return {
    text: tr.text,
    note: tr.reviewedBy
      ? fill(t("report.translation.reviewed"), { language, by: tr.reviewedBy })
      : fill(t("report.translation.machine"), { language, engine: tr.engine ?? "" }),
    original: { text: a.text, lang: tr.source, label: fill(t("report.translation.original"), { language }) },
  };
};
