// The report's own words: interface strings with their placeholders filled, shared by every renderer.
import type { Subregion } from "../directory.ts";
import type { Language } from "../languages.ts";
import type { RespondentGroup } from "../questionnaire/definition.ts";
import type { Translate } from "./model.ts";

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

export const subregionName = (t: Translate, subregion: Subregion | undefined) =>
  subregion ? t(`subregion.${subregion}`) : "";

/** "12 answered · 3 left it blank · 2 not asked", for the foot of a table. */
export const completionLine = (
  t: Translate,
  c: { answered: number; notAnswered: number; notAsked: number },
): string => fill(t("report.completion"), c);

// The locales and options of ../format.ts, whose functions build a new Intl formatter on every call:
// for thousands of dates and amounts that construction is most of the cost, so the report keeps one
// formatter per language (and time zone, digits, currency). A unit test holds the two to the same
// output.
const LOCALES: Record<Language, string> = { es: "es", en: "en-US", fr: "fr-FR", pt: "pt-BR" };

/** Formatters for one language, each built once: dates and times, numbers, and money. */
export const formatters = (lang: Language, timeZone: string) => {
  const locale = LOCALES[lang];
  const dateTime = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  });
  const numbers = new Map<number, Intl.NumberFormat>();
  const currencies = new Map<string, Intl.NumberFormat>();
  return {
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    number: (value: number, fractionDigits = 1) => {
      let f = numbers.get(fractionDigits);
      if (!f)
        numbers.set(
          fractionDigits,
          (f = new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits })),
        );
      return f.format(value);
    },
    money: (amount: number, currency: string) => {
      let f = currencies.get(currency);
      if (!f) currencies.set(currency, (f = new Intl.NumberFormat(locale, { style: "currency", currency })));
      return f.format(amount);
    },
  };
};
