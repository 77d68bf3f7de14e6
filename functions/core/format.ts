// Dates and numbers as each language writes them.
import type { Language } from "./languages.ts";

const locales: Record<Language, string> = { es: "es", en: "en-US", fr: "fr-FR", pt: "pt-BR" };

export const formatDateTime = (iso: string, lang: Language, timeZone: string): string =>
  new Intl.DateTimeFormat(locales[lang], {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(new Date(iso));

export const formatNumber = (value: number, lang: Language, fractionDigits = 1): string =>
  new Intl.NumberFormat(locales[lang], { maximumFractionDigits: fractionDigits }).format(value);

export const formatMoney = (amount: number, currency: string, lang: Language): string =>
  new Intl.NumberFormat(locales[lang], { style: "currency", currency }).format(amount);
