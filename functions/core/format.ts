// Dates and numbers as each language writes them. Intl formatters are costly to build, so each is
// built once per language, zone and option and kept: reports format hundreds of thousands of values;
// and each only when first used, since a page uses one or two of them (a cold start's first event built
// all five date formats to show one date: issue 19).
import type { Language } from "./languages.ts";

const LOCALES: Record<Language, string> = { es: "es", en: "en-US", fr: "fr-FR", pt: "pt-BR" };

const built = new Map<string, ReturnType<typeof build>>();

/** The value `make` returns, made on the first call. */
const once = <T>(make: () => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

const build = (lang: Language, timeZone: string) => {
  const locale = LOCALES[lang];
  const dayAndTime = (timeZoneName: "short" | "long") => () =>
    new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "long",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
      timeZoneName,
    });
  const dateTime = once(dayAndTime("short"));
  // A respondent's times: the zone named in full ("Horário Padrão de Brasília", never "GMT-3"), and
  // the Secretariat's clock beside it, with the day when the two zones are on different days.
  const named = once(dayAndTime("long"));
  const clock = once(() => new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone }));
  const dayAndClock = once(
    () =>
      new Intl.DateTimeFormat(locale, {
        month: "long",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZone,
      }),
  );
  const wallClock = once(
    () =>
      new Intl.DateTimeFormat("en-US", {
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZone,
      }),
  );
  const numbers = new Map<number, Intl.NumberFormat>();
  const currencies = new Map<string, Intl.NumberFormat>();
  return {
    dateTime: (iso: string) => dateTime().format(new Date(iso)),
    named: (at: Date) => named().format(at),
    clock: (at: Date) => clock().format(at),
    dayAndClock: (at: Date) => dayAndClock().format(at),
    wallClock: (at: Date) => wallClock().format(at),
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

/** Money as the language writes it, the one format of forms, receipts and the report: "US$ 25.000,50". */
export const formatMoney = (amount: number, currency: string, lang: Language): string =>
  formatters(lang, "UTC").money(amount, currency);

/** The zones a respondent reads times in: the member's own, if the directory has it, and the Secretariat's. */
export type RespondentZones = { own: string | undefined; secretariat: string };

/**
 * A moment as a member's people read it: date and time in their own zone, named, and the
 * Secretariat's time beside it when the clocks differ. `beside` is the language's pattern with
 * `{time}` and `{secretariatTime}` (common.secretariat-time).
 */
export const formatRespondentTime = (
  iso: string,
  lang: Language,
  zones: RespondentZones,
  beside: string,
): string => {
  const at = new Date(iso);
  const own = formatters(lang, zones.own ?? zones.secretariat);
  const theirs = formatters(lang, zones.secretariat);
  const mine = own.named(at);
  const ownWall = own.wallClock(at);
  const theirWall = theirs.wallClock(at);
  if (ownWall === theirWall) return mine;
  const sameDay = ownWall.slice(0, 10) === theirWall.slice(0, 10);
  const secretariatTime = sameDay ? theirs.clock(at) : theirs.dayAndClock(at);
  return beside.replace("{time}", mine).replace("{secretariatTime}", secretariatTime);
};
