// What every translation engine promises core, run against Apertium for real and Amazon Translate mocked.
import { describe, expect, it } from "vitest";
import { LANGUAGES, type Language } from "../../functions/core/languages.ts";
import type { Translator } from "../../functions/core/translation/ports.ts";

/** A proposal as members write them, in each language. */
export const SAMPLES: Record<Language, string> = {
  es: "Proponemos fortalecer la inspección del trabajo en las zonas rurales.",
  en: "We propose to strengthen labour inspection in rural areas.",
  fr: "Nous proposons de renforcer l'inspection du travail dans les zones rurales.",
  pt: "Propomos fortalecer a inspeção do trabalho nas zonas rurais.",
};

const PAIRS = LANGUAGES.flatMap((source) =>
  LANGUAGES.filter((target) => target !== source).map((target) => [source, target] as const),
);

const paragraphs = (text: string) => text.split(/\n[ \t]*\n/).filter((p) => p.trim()).length;

export type TranslatorSetup = {
  /** The engine as deployed. */
  translator: () => Translator;
  /** The engine where it cannot work at all (no binary, a pair it refuses). */
  unavailable: () => Translator;
};

export const translatorContract = (name: string, setup: TranslatorSetup) =>
  describe(`${name}: the translator contract`, () => {
    it.each(PAIRS)(
      "translates %s to %s, directly or through Spanish, naming its engine",
      async (source, target) => {
        const outcome = await setup.translator().translate([SAMPLES[source]], source, target);
        expect(outcome.kind).toBe("translated");
        if (outcome.kind !== "translated") return;
        expect(outcome.texts).toHaveLength(1);
        expect(outcome.texts[0]?.trim()).not.toBe("");
        expect(outcome.texts[0]).not.toBe(SAMPLES[source]);
        expect(outcome.engine).toMatch(/\w/);
      },
    );

    it("gives back as many texts as it was given, each in its place, odd symbols and all", async () => {
      const texts = Array.from(
        { length: 40 },
        (_, i) =>
          `Propuesta ${101 + i}: ${i % 7 === 3 ? "empleo § juvenil §§§ <b> & [x]" : "empleo juvenil"}.`,
      );
      const outcome = await setup.translator().translate(texts, "es", "pt");
      expect(outcome.kind).toBe("translated");
      if (outcome.kind !== "translated") return;
      expect(outcome.texts).toHaveLength(40);
      outcome.texts.forEach((text, i) => expect(text).toContain(String(101 + i)));
    });

    it("keeps a text's paragraphs apart", async () => {
      const text = "Primer párrafo sobre el empleo.\n\nSegundo párrafo sobre la formación.\n\nTercero.";
      const outcome = await setup.translator().translate([text], "es", "en");
      expect(outcome.kind === "translated" && paragraphs(outcome.texts[0] ?? "")).toBe(3);
    });

    it("leaves blank texts blank and answers an empty list with an empty list", async () => {
      const outcome = await setup.translator().translate(["", SAMPLES.fr, "  "], "fr", "es");
      expect(outcome.kind === "translated" && [outcome.texts[0], outcome.texts[2]]).toEqual(["", "  "]);
      expect(outcome.kind === "translated" && outcome.texts[1]).not.toBe(SAMPLES.fr);
      expect(await setup.translator().translate([], "fr", "es")).toMatchObject({
        kind: "translated",
        texts: [],
      });
    });

    it("gives a text back unchanged when source and target are the same", async () => {
      expect(await setup.translator().translate([SAMPLES.pt], "pt", "pt")).toMatchObject({
        kind: "translated",
        texts: [SAMPLES.pt],
      });
    });

    it("says it is unavailable, without throwing, where it cannot translate", async () => {
      const outcome = await setup.unavailable().translate([SAMPLES.en], "en", "es");
      expect(outcome.kind).toBe("unavailable");
      expect(outcome.kind === "unavailable" && outcome.reason).toMatch(/\w/);
    });
  });
