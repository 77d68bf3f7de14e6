// Dates and numbers as each language writes them. Intl formatters are costly to build, so each is
// built once per language, zone and option and kept: reports format hundreds of thousands of values.
import type { Language } from "./languages.ts";

const LOCALES: Record<Language, string> = { es: "es", en: "en-US", fr: "fr-FR", pt: "pt-BR" };

const built = new Map<string, ReturnType<typeof build>>();

const build = (lang: Language, timeZone: string) => {
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

/** Formatters for one language and time zone, each built once. */
export const formatters = (lang: Language, timeZone: string) => {
  const key = `${lang}|${timeZone}`;
  let f = built.get(key);
  if (!f) built.set(key, (f = build(lang, timeZone)));
  return f;
};

export const formatDateTime = (iso: string, lang: Language, timeZone: string): string =>
  formatters(lang, timeZone).dateTime(iso);

export const formatNumber = (value: number, lang: Language, fractionDigits = 1): string =>
  formatters(lang, "UTC").number(value, fractionDigits);

export const formatMoney = (amount: number, currency: string, lang: Language): string =>
  formatters(lang, "UTC").money(amount, currency);
