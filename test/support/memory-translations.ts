// The translation cache in memory, for core's tests; it counts reads and writes so tests can see the cache work.
import type {
  CorrectedTranslation,
  StoredTranslation,
  TranslationCorrections,
  TranslationKey,
  TranslationStore,
} from "../../functions/core/translation/ports.ts";

const id = (k: TranslationKey) => `${k.sha256}:${k.source}:${k.target}`;

export const createMemoryTranslationStore = () => {
  const items = new Map<string, StoredTranslation>();
  const counts = { gets: 0, puts: 0 };
  const corrections = new Map<string, CorrectedTranslation>();
  const store: TranslationStore & TranslationCorrections = {
    async getTranslations(keys) {
      counts.gets++;
      return [...new Set(keys.map(id))].flatMap((k) => {
        const found = items.get(k);
        return found ? [structuredClone(found)] : [];
      });
    },
    async putTranslations(translations) {
      counts.puts++;
      for (const t of translations) items.set(id(t), structuredClone(t));
    },
    async putCorrection(c) {
      corrections.set(`${c.campaignId}:${id(c)}`, structuredClone(c));
    },
    async listCorrections(campaignId) {
      return [...corrections.values()]
        .filter((c) => c.campaignId === campaignId)
        .map((c) => structuredClone(c));
    },
  };
  return { store, items, counts };
};
