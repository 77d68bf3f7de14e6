import { describe, expect, it } from "vitest";
import type { Language } from "../../../../functions/core/languages.ts";
import { detectLanguage, sourceLanguage } from "../../../../functions/core/translation/detect-language.ts";
import type { TranslationOutcome, Translator } from "../../../../functions/core/translation/ports.ts";
import { translationRoute } from "../../../../functions/core/translation/routes.ts";
import { textHash, translateAnswers } from "../../../../functions/core/translation/translate-answers.ts";
import { SAMPLES } from "../../../contract/translator-contract.ts";
import {
  translationCorrectionsContract,
  translationStoreContract,
} from "../../../contract/translation-store-contract.ts";
import { createMemoryTranslationStore } from "../../../support/memory-translations.ts";

translationStoreContract("in memory", async () => createMemoryTranslationStore().store);
translationCorrectionsContract("in memory", async () => createMemoryTranslationStore().store);

/** An engine that tags each text with its pair and records what it was asked. */
const recording = (answer?: (texts: readonly string[]) => TranslationOutcome) => {
  const calls: { texts: readonly string[]; source: Language; target: Language }[] = [];
  const translator: Translator = {
    async translate(texts, source, target) {
      calls.push({ texts, source, target });
      return (
        answer?.(texts) ?? { kind: "translated", texts: texts.map((t) => `${target}:${t}`), engine: "test" }
      );
    },
  };
  return { translator, calls };
};

const ALL: Language[] = ["es", "en", "fr", "pt"];
const at = () => new Date("2026-12-06T20:00:00.000Z");

/** Answers of two sentences, as members write proposals: enough words to judge. */
const ANSWERS: Record<Language, string> = {
  es: "Proponemos fortalecer la inspección del trabajo en las zonas rurales. Para ello hace falta formar a los inspectores y dotarlos de vehículos.",
  en: "We propose to strengthen labour inspection in rural areas. This requires training the inspectors and giving them vehicles.",
  fr: "Nous proposons de renforcer l'inspection du travail dans les zones rurales. Pour cela, il faut former les inspecteurs et leur fournir des véhicules.",
  pt: "Propomos fortalecer a inspeção do trabalho nas zonas rurais. Para isso é preciso formar os inspetores e dotá-los de veículos.",
};

describe("translateAnswers", () => {
  it("translates each text into every other language, marked as machine translation with its engine", async () => {
    const { store } = createMemoryTranslationStore();
    const { translator } = recording();
    const [answer] = await translateAnswers(["Más empleo"], "es", ALL, { translator, store, now: at });
    expect(answer).toEqual({
      original: "Más empleo",
      source: "es",
      translations: {
        en: {
          kind: "machine",
          text: "en:Más empleo",
          engine: "test",
          translatedAt: "2026-12-06T20:00:00.000Z",
        },
        fr: {
          kind: "machine",
          text: "fr:Más empleo",
          engine: "test",
          translatedAt: "2026-12-06T20:00:00.000Z",
        },
        pt: {
          kind: "machine",
          text: "pt:Más empleo",
          engine: "test",
          translatedAt: "2026-12-06T20:00:00.000Z",
        },
      },
    });
  });

  it("asks the engine once per pair, for each distinct text once, and never again for cached ones", async () => {
    const { store, counts } = createMemoryTranslationStore();
    const { translator, calls } = recording();
    const texts = ["Uno", "Dos", "Uno", " Uno\n", "Tres"];
    await translateAnswers(texts, "es", ["en", "fr"], { translator, store });
    expect(calls.map((c) => [c.target, c.texts])).toEqual([
      ["en", ["Uno", "Dos", "Tres"]],
      ["fr", ["Uno", "Dos", "Tres"]],
    ]);
    const again = await translateAnswers([...texts, "Cuatro"], "es", ["en", "fr"], { translator, store });
    expect(calls.slice(2).map((c) => [c.target, c.texts])).toEqual([
      ["en", ["Cuatro"]],
      ["fr", ["Cuatro"]],
    ]);
    expect(again[3]?.translations.en).toMatchObject({ kind: "machine", text: "en:Uno" });
    expect(counts).toEqual({ gets: 2, puts: 2 });
  });

  it("leaves blank texts and the source language untranslated, and asks nothing when nothing is wanted", async () => {
    const { store, counts } = createMemoryTranslationStore();
    const { translator, calls } = recording();
    const answers = await translateAnswers(["", "  ", "Hola"], "es", ["es"], { translator, store });
    expect(answers.map((a) => a.translations)).toEqual([{}, {}, {}]);
    expect([calls.length, counts.gets, counts.puts]).toEqual([0, 0, 0]);
  });

  it("says 'not translated', caching nothing, when no engine is present", async () => {
    const { store, items } = createMemoryTranslationStore();
    const [answer] = await translateAnswers(["Hola"], "es", ["en"], { store });
    expect(answer?.translations.en).toMatchObject({ kind: "not-translated", reason: "no-engine" });
    expect(items.size).toBe(0);
  });

  it.each<[string, () => Promise<TranslationOutcome>, RegExp]>([
    ["throws", () => Promise.reject(new Error("engine crashed")), /crashed/],
    [
      "answers too few texts",
      async () => ({ kind: "translated", texts: [], engine: "test" }),
      /0 texts for 1/,
    ],
    ["fails", async () => ({ kind: "failed", reason: "timed out" }), /timed out/],
    ["is unavailable", async () => ({ kind: "unavailable", reason: "no mode" }), /no mode/],
  ])("says 'not translated', caching nothing, when the engine %s", async (_, answer, detail) => {
    const { store, items } = createMemoryTranslationStore();
    const translator: Translator = { translate: () => answer() };
    const [result] = await translateAnswers(["Hola"], "es", ["en"], { translator, store });
    expect(result?.translations.en).toMatchObject({
      kind: "not-translated",
      detail: expect.stringMatching(detail),
    });
    expect(items.size).toBe(0);
  });

  it("keeps what one pair translated when another pair's engine fails", async () => {
    const { store, items } = createMemoryTranslationStore();
    const translator: Translator = {
      translate: async (texts, _source, target) =>
        target === "fr"
          ? { kind: "failed", reason: "busy" }
          : { kind: "translated", texts: texts.map((t) => `${target}:${t}`), engine: "test" },
    };
    const [answer] = await translateAnswers(["Hola"], "es", ["en", "fr"], { translator, store });
    expect(answer?.translations).toMatchObject({ en: { kind: "machine" }, fr: { kind: "not-translated" } });
    expect([...items.values()].map((t) => t.target)).toEqual(["en"]);
  });

  it("takes the detected language as source only where the text clearly is in another of the four", async () => {
    const { store } = createMemoryTranslationStore();
    const { translator, calls } = recording();
    const answers = await translateAnswers([ANSWERS.pt, "Obrigado"], "es", ALL, { translator, store });
    expect(answers.map((a) => [a.source, Object.keys(a.translations).sort()])).toEqual([
      ["pt", ["en", "es", "fr"]],
      ["es", ["en", "fr", "pt"]],
    ]);
    expect(calls.find((c) => c.source === "pt")?.texts).toEqual([ANSWERS.pt]);
  });

  it("records the pivot language an engine went through", async () => {
    const { store, items } = createMemoryTranslationStore();
    const translator: Translator = {
      translate: async (texts) => ({ kind: "translated", texts: [...texts], engine: "apertium", via: "es" }),
    };
    const [answer] = await translateAnswers(["Hello"], "en", ["fr"], { translator, store });
    expect(answer?.translations.fr).toMatchObject({ engine: "apertium", via: "es" });
    expect([...items.values()][0]).toMatchObject({
      sha256: textHash("Hello"),
      source: "en",
      target: "fr",
      via: "es",
    });
  });

  it("lets a failing store throw, so the queued job is retried rather than the texts paid for again silently", async () => {
    const { translator } = recording();
    const store = {
      getTranslations: () => Promise.reject(new Error("table unavailable")),
      putTranslations: () => Promise.resolve(),
    };
    await expect(translateAnswers(["Hola"], "es", ["en"], { translator, store })).rejects.toThrow(
      /unavailable/,
    );
  });
});

describe("the cache key", () => {
  it("is the SHA-256 of the text, the same for the same words however they were typed", () => {
    expect(textHash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(textHash(" Ação\n")).toBe(textHash("A\u0063\u0327a\u0303o"));
  });
});

describe("the translation route", () => {
  const apertium = new Set(["en-es", "es-en", "es-fr", "fr-es", "es-pt", "pt-es"]);
  const has = (s: Language, t: Language) => apertium.has(`${s}-${t}`);

  it("goes direct where a pair exists and through Spanish where it does not", () => {
    expect(translationRoute("es", "pt", has)).toEqual(["es", "pt"]);
    expect(translationRoute("en", "fr", has)).toEqual(["en", "es", "fr"]);
    expect(translationRoute("pt", "en", has)).toEqual(["pt", "es", "en"]);
    expect(translationRoute("fr", "fr", has)).toEqual(["fr"]);
  });

  it("has no route when a leg through Spanish is missing", () => {
    expect(translationRoute("en", "fr", (s, t) => has(s, t) && t !== "fr")).toBeUndefined();
    expect(translationRoute("es", "en", () => false)).toBeUndefined();
  });
});

describe("language detection", () => {
  it.each(Object.entries(ANSWERS))("recognises a %s answer", (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it.each([
    ["Lorem ipsum dolor sit amet", "no marker words"],
    ["Empleo juvenil", "too short"],
    ["OIT, CIMT, OEA: 2026-2027", "acronyms and numbers"],
    ["Fortalecer el diálogo social and the labour inspection", "two languages half and half"],
  ])("judges nothing in %j (%s)", (text) => {
    expect(detectLanguage(text)).toBeUndefined();
  });

  it("tells Portuguese from Spanish on realistic answers", () => {
    const pt =
      "Precisamos de apoio técnico para a formação profissional dos jovens e para o diálogo com os sindicatos.";
    const es =
      "Necesitamos apoyo técnico para la formación profesional de los jóvenes y para el diálogo con los sindicatos.";
    expect([detectLanguage(pt), detectLanguage(es)]).toEqual(["pt", "es"]);
  });

  it("keeps the reply language unless another is clear", () => {
    expect(sourceLanguage("Obrigado", "es")).toBe("es");
    expect(sourceLanguage(ANSWERS.fr, "en")).toBe("fr");
    expect(sourceLanguage(SAMPLES.pt, "es")).toBe("es");
  });
});
