// What every translation cache promises core, run against the in-memory fake and DynamoDB (dynalite).
import { describe, expect, it } from "vitest";
import type {
  CorrectedTranslation,
  StoredTranslation,
  TranslationCorrections,
  TranslationStore,
} from "../../functions/core/translation/ports.ts";
import { textHash } from "../../functions/core/translation/translate-answers.ts";

const translation = (n: number, overrides: Partial<StoredTranslation> = {}): StoredTranslation => ({
  sha256: textHash(`texto ${n}`),
  source: "es",
  target: "en",
  text: `text ${n}`,
  engine: "apertium",
  translatedAt: "2026-12-06T20:00:00.000Z",
  ...overrides,
});

const byText = (a: StoredTranslation, b: StoredTranslation) => a.text.localeCompare(b.text);

export const translationStoreContract = (name: string, store: () => Promise<TranslationStore>) =>
  describe(`${name}: the translation store contract`, () => {
    it("finds nothing it was not given, and what it was given as it was given", async () => {
      const s = await store();
      expect(await s.getTranslations([])).toEqual([]);
      expect(await s.getTranslations([translation(1)])).toEqual([]);
      await s.putTranslations([translation(1), translation(2, { via: "es", source: "en", target: "pt" })]);
      expect(
        (await s.getTranslations([translation(2, { source: "en", target: "pt" }), translation(1)])).sort(
          byText,
        ),
      ).toEqual([translation(1), translation(2, { via: "es", source: "en", target: "pt" })]);
    });

    it("keeps each language pair of one text apart", async () => {
      const s = await store();
      await s.putTranslations([translation(3, { target: "fr", text: "texte 3" })]);
      expect(await s.getTranslations([translation(3, { target: "pt" })])).toEqual([]);
      expect(await s.getTranslations([translation(3, { target: "fr" })])).toEqual([
        translation(3, { target: "fr", text: "texte 3" }),
      ]);
    });

    it("answers a key asked twice once, and a later put of the same key replaces the earlier", async () => {
      const s = await store();
      await s.putTranslations([translation(4), translation(4, { text: "text four" })]);
      expect(await s.getTranslations([translation(4), translation(4)])).toEqual([
        translation(4, { text: "text four" }),
      ]);
    });

    it("reads and writes more than one batch's worth (DynamoDB takes 100 keys, 25 items a request)", async () => {
      const s = await store();
      const many = Array.from({ length: 130 }, (_, i) => translation(1000 + i));
      await s.putTranslations(many);
      const found = await s.getTranslations([...many, translation(9999)]);
      expect(found.sort(byText)).toEqual([...many].sort(byText));
    });
  });

const correction = (n: number, overrides: Partial<CorrectedTranslation> = {}): CorrectedTranslation => ({
  campaignId: "c1",
  sha256: textHash(`texto ${n}`),
  source: "es",
  target: "en",
  text: `corrected text ${n}`,
  by: "secretariat@example.org",
  correctedAt: "2026-12-06T21:00:00.000Z",
  ...overrides,
});

/** The Secretariat's corrections: per campaign, apart from the machine cache, never overwritten by it. */
export const translationCorrectionsContract = (
  name: string,
  store: () => Promise<TranslationStore & TranslationCorrections>,
) =>
  describe(`${name}: the translation corrections contract`, () => {
    it("lists a campaign's corrections, the latest per text and pair, and no other campaign's", async () => {
      const s = await store();
      expect(await s.listCorrections("c1")).toEqual([]);
      await s.putCorrection(correction(1));
      await s.putCorrection(correction(1, { text: "better" }));
      await s.putCorrection(correction(1, { target: "fr" }));
      await s.putCorrection(correction(2, { campaignId: "c2" }));
      expect((await s.listCorrections("c1")).sort((a, b) => a.target.localeCompare(b.target))).toEqual([
        correction(1, { text: "better" }),
        correction(1, { target: "fr" }),
      ]);
      expect(await s.listCorrections("c2")).toEqual([correction(2, { campaignId: "c2" })]);
    });

    it("is untouched by a machine translation of the same text written later, and touches none", async () => {
      const s = await store();
      await s.putCorrection(correction(3));
      await s.putTranslations([translation(3)]);
      expect(await s.listCorrections("c1")).toEqual([correction(3)]);
      expect(await s.getTranslations([translation(3)])).toEqual([translation(3)]);
    });
  });
