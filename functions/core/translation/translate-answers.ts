// Translates free-text answers into the report languages, once: the cache answers every text seen before.
import { createHash } from "node:crypto";
import { forEachConcurrently } from "../concurrently.ts";
import type { Language } from "../languages.ts";
import { sourceLanguage } from "./detect-language.ts";
import type {
  StoredTranslation,
  TranslationKey,
  TranslationOutcome,
  TranslationStore,
  Translator,
} from "./ports.ts";

/** A translation in one target language: a machine's (marked as such, with its engine), or none. */
export type TranslatedText =
  | { kind: "machine"; text: string; engine: string; via?: Language; translatedAt: string }
  | { kind: "not-translated"; reason: "no-engine" | "unavailable" | "failed"; detail: string };

export type AnswerTranslations = {
  original: string;
  /** The reply language, unless the text is clearly in another of the four. */
  source: Language;
  /** One entry per target other than the source; none for a blank text, which has nothing to translate. */
  translations: Partial<Record<Language, TranslatedText>>;
};

export type TranslationDeps = {
  /** Absent when no engine is installed or configured: every text is then "not translated". */
  translator?: Translator;
  store: TranslationStore;
  now?: () => Date;
};

/**
 * Unicode-normalised and trimmed, so the same words typed on another keyboard or with a trailing
 * newline hit the same cache entry. This is also the text sent to the engine.
 */
const normalised = (text: string) => text.normalize("NFC").trim();

/**
 * SHA-256 of the normalised text. A pure function of its input, like receipts.ts's hash, so core uses
 * node:crypto directly rather than taking a hash function through a port.
 */
export const textHash = (text: string) => createHash("sha256").update(normalised(text)).digest("hex");

const keyId = (k: TranslationKey) => `${k.sha256}:${k.source}:${k.target}`;

/** Engines on different pairs run side by side, but only a few: the machine has two cores. */
const PAIRS_AT_ONCE = 2;

/** The engine's answer, with anything it throws (it should not) taken as a failure. */
const safely = async (
  translator: Translator,
  texts: string[],
  source: Language,
  target: Language,
): Promise<TranslationOutcome> => {
  try {
    const outcome = await translator.translate(texts, source, target);
    if (outcome.kind === "translated" && outcome.texts.length !== texts.length)
      return { kind: "failed", reason: `engine returned ${outcome.texts.length} texts for ${texts.length}` };
    return outcome;
  } catch (error) {
    return { kind: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
};

/**
 * Each text in each target language. Cached translations are used as they are; only the misses go to
 * the engine, each distinct text once per pair, and what it translates is cached. An engine that is
 * missing or fails leaves those texts "not translated" (and uncached, so a later run tries again); a
 * store that fails throws, since the queued job that calls this is retried.
 */
export const translateAnswers = async (
  texts: readonly string[],
  replyLanguage: Language,
  targets: readonly Language[],
  { translator, store, now = () => new Date() }: TranslationDeps,
): Promise<AnswerTranslations[]> => {
  const answers = texts.map((original) => {
    const text = normalised(original);
    const source = sourceLanguage(text, replyLanguage);
    const keys: TranslationKey[] = text
      ? [...new Set(targets)]
          .filter((target) => target !== source)
          .map((target) => ({ sha256: textHash(text), source, target }))
      : [];
    return { original, text, source, keys };
  });

  const wanted = new Map<string, { key: TranslationKey; text: string }>();
  for (const a of answers) for (const key of a.keys) wanted.set(keyId(key), { key, text: a.text });

  const found = new Map<string, TranslatedText>();
  const cached = wanted.size ? await store.getTranslations([...wanted.values()].map((w) => w.key)) : [];
  for (const t of cached) {
    found.set(keyId(t), {
      kind: "machine",
      text: t.text,
      engine: t.engine,
      ...(t.via ? { via: t.via } : {}),
      translatedAt: t.translatedAt,
    });
  }

  type Miss = { key: TranslationKey; text: string };
  const missesByPair = new Map<string, { source: Language; target: Language; misses: Miss[] }>();
  for (const miss of [...wanted.values()].filter((w) => !found.has(keyId(w.key)))) {
    const pair = `${miss.key.source}-${miss.key.target}`;
    const group = missesByPair.get(pair) ?? { source: miss.key.source, target: miss.key.target, misses: [] };
    group.misses.push(miss);
    missesByPair.set(pair, group);
  }

  const fresh: StoredTranslation[] = [];
  await forEachConcurrently([...missesByPair.values()], PAIRS_AT_ONCE, async ({ source, target, misses }) => {
    const outcome: TranslationOutcome = translator
      ? await safely(
          translator,
          misses.map((m) => m.text),
          source,
          target,
        )
      : { kind: "unavailable", reason: "no translation engine is installed" };
    const translatedAt = now().toISOString();
    misses.forEach((miss, i) => {
      if (outcome.kind !== "translated") {
        found.set(keyId(miss.key), {
          kind: "not-translated",
          reason: translator ? outcome.kind : "no-engine",
          detail: outcome.reason,
        });
        return;
      }
      const stored: StoredTranslation = {
        ...miss.key,
        text: outcome.texts[i] ?? "",
        engine: outcome.engine,
        ...(outcome.via ? { via: outcome.via } : {}),
        translatedAt,
      };
      fresh.push(stored);
      found.set(keyId(miss.key), {
        kind: "machine",
        text: stored.text,
        engine: stored.engine,
        ...(stored.via ? { via: stored.via } : {}),
        translatedAt,
      });
    });
  });
  if (fresh.length) await store.putTranslations(fresh);

  return answers.map(({ original, source, keys }) => ({
    original,
    source,
    translations: Object.fromEntries(keys.map((key) => [key.target, found.get(keyId(key))!])),
  }));
};
