// The report's own words: interface strings with their placeholders filled, shared by every renderer.
import type { Subregion } from "../directory.ts";
import type { RespondentGroup } from "../questionnaire/definition.ts";
import type { InputsReport, Translate } from "./model.ts";

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

/** Fills `{name}` placeholders, as the views' `t` helper does, for strings built outside a template. */
export const fill = (text: string, params: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

export const groupName = (t: Translate, group: RespondentGroup) => t(`group.${group}`);

/** One member's group, beside its name: "COSATE (Trabajadores)", where the group's title would repeat it. */
export const memberGroupName = (t: Translate, group: RespondentGroup) => t(`member-group.${group}`);

export const subregionName = (t: Translate, subregion: Subregion | undefined) =>
  subregion ? t(`subregion.${subregion}`) : "";

/** "12 answered · 3 left it blank · 2 not asked", for the foot of a table. */
export const completionLine = (
  t: Translate,
  c: { answered: number; notAnswered: number; notAsked: number },
): string => fill(t("report.completion"), c);

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
