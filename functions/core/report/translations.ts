// The free texts of a report beside their machine translations: read from the cache, never translated here.
import type { Language } from "../languages.ts";
import { detectLanguage } from "../translation/detect-language.ts";
import type { TranslationCorrections, TranslationKey, TranslationStore } from "../translation/ports.ts";
import { textHash } from "../translation/translate-answers.ts";
import type { InputsReport } from "./model.ts";

const keyId = (k: TranslationKey) => `${k.sha256}:${k.source}:${k.target}`;

/**
 * Marks each free-text answer written in another language with that language and the cached machine
 * translation into the report's language, if the job made one. One batched read of the cache for
 * the whole report; a compile never waits for an engine (the translate job ran at submission), and
 * without a store (or a cached translation) the answer says "not translated".
 */
export const attachTranslations = async (
  report: InputsReport,
  /** Each member's reply language, as its latest submission recorded it (or the directory says). */
  replyLanguage: (memberCode: string) => Language | undefined,
  store: (TranslationStore & TranslationCorrections) | undefined,
): Promise<void> => {
  const target = report.lang;
  const foreign = report.texts.flatMap((summary) =>
    summary.answers.flatMap((answer) => {
      const text = answer.text.normalize("NFC").trim();
      // As the translate job chose it: clearly another language, else the reply language.
      const source = text ? (detectLanguage(text) ?? replyLanguage(answer.code)) : undefined;
      // Unknown (nothing recorded, nothing clear): shown as written, claiming no language.
      if (!source || source === target) return [];
      return [{ answer, key: { sha256: textHash(text), source, target } }];
    }),
  );
  if (!foreign.length) return;
  const [cached, corrected] = store
    ? await Promise.all([
        store.getTranslations(foreign.map((f) => f.key)),
        store.listCorrections(report.campaignId),
      ])
    : [[], []];
  const byKey = new Map(cached.map((t) => [keyId(t), t]));
  // A person's correction wins over the machine's, whenever either was made.
  const reviewed = new Map(corrected.map((c) => [keyId(c), c]));
  for (const { answer, key } of foreign) {
    const person = reviewed.get(keyId(key));
    const found = byKey.get(keyId(key));
    answer.translation = person
      ? { source: key.source, text: person.text, reviewedBy: person.by }
      : found
        ? { source: key.source, text: found.text, engine: found.engine }
        : { source: key.source };
  }
};
