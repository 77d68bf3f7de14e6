// The four official OAS languages, and texts that must exist in all of them.
import * as z from "zod";

export const LANGUAGES = ["es", "en", "fr", "pt"] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** Each language by its own name, as a language switcher offers it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  es: "Español",
  en: "English",
  fr: "Français",
  pt: "Português",
};

/** A text in every OAS language; a missing language is a load error, never a silent fallback. */
export const LocalizedText = z.strictObject({
  es: z.string().min(1),
  en: z.string().min(1),
  fr: z.string().min(1),
  pt: z.string().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

export const isLanguage = (value: unknown): value is Language =>
  typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);

/** Picks the best language from an Accept-Language header, or undefined. */
export const languageFromAcceptHeader = (header: string | undefined): Language | undefined => {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => isLanguage(entry.lang) && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const best = ranked[0]?.lang;
  return isLanguage(best) ? best : undefined;
};

/**
 * The languages named in a list such as "es,fr" (a query parameter, a CLI option), or undefined when
 * one is not a language; an absent or empty list means all four.
 */
export const languageList = (list: string | undefined): Language[] | undefined => {
  const named = (list ?? "")
    .split(",")
    .map((l) => l.trim())
    .filter(Boolean);
  if (!named.length) return [...LANGUAGES];
  return named.every(isLanguage) ? LANGUAGES.filter((l) => named.includes(l)) : undefined;
};
