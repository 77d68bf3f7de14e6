// What translating answers needs from outside: an engine that translates, and a store that remembers.
import type { Language } from "../languages.ts";

/**
 * "unavailable": this engine cannot translate this pair here (no binary, no mode, a pair the service
 * refuses); asking again will not help. "failed": it could, but did not this time (a timeout,
 * throttling, a crash); a later job may try again. Neither is an exception: a missing translation is
 * shown as "not translated", it never stops a submission or a report.
 */
export type TranslationOutcome =
  | { kind: "translated"; texts: string[]; engine: string; via?: Language }
  | { kind: "unavailable"; reason: string }
  | { kind: "failed"; reason: string };

export interface Translator {
  /** Many texts per call: Apertium pays a process start per call, Amazon Translate a request per text. */
  translate(texts: readonly string[], source: Language, target: Language): Promise<TranslationOutcome>;
}

/** One cached translation is found by the SHA-256 of the original text and the language pair. */
export type TranslationKey = { sha256: string; source: Language; target: Language };

export type StoredTranslation = TranslationKey & {
  text: string;
  engine: string;
  via?: Language;
  translatedAt: string;
};

export interface TranslationStore {
  /** The translations held for these keys; keys without one are simply absent from the answer. */
  getTranslations(keys: readonly TranslationKey[]): Promise<StoredTranslation[]>;
  putTranslations(translations: readonly StoredTranslation[]): Promise<void>;
}

/**
 * A translation the Secretariat corrected, for one campaign: it replaces the machine's in that
 * campaign's reports and is marked as reviewed. Kept apart from the machine cache (whose entry a later
 * machine run may overwrite), and per campaign, since the same sentence may read differently in another.
 */
export type CorrectedTranslation = TranslationKey & {
  campaignId: string;
  text: string;
  /** Who corrected it (the signed-in Secretariat member), and when. */
  by: string;
  correctedAt: string;
};

export interface TranslationCorrections {
  putCorrection(correction: CorrectedTranslation): Promise<void>;
  /** A campaign's corrections: a few per text at most, read once per compile. */
  listCorrections(campaignId: string): Promise<CorrectedTranslation[]>;
}
