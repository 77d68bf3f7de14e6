import {
  TooManyRequestsException,
  TranslateClient,
  TranslateTextCommand,
  UnsupportedLanguagePairException,
  type TranslateTextCommandInput,
} from "@aws-sdk/client-translate";
import { mockClient } from "aws-sdk-client-mock";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createAmazonTranslator,
  piecesOf,
  REQUEST_BYTES,
} from "../../../functions/adapters/amazon-translator.ts";
import { translateAnswers } from "../../../functions/core/translation/translate-answers.ts";
import { translatorContract } from "../../contract/translator-contract.ts";
import { createMemoryTranslationStore } from "../../support/memory-translations.ts";

const translate = mockClient(TranslateClient);

/** Amazon Translate as the mock plays it: each line tagged with the target, as a real service would not. */
const played = (input: TranslateTextCommandInput) => {
  if (!input.Text?.trim()) throw new Error("Amazon Translate refuses an empty Text");
  if (Buffer.byteLength(input.Text) > REQUEST_BYTES) throw new Error("over the limit");
  return {
    TranslatedText: input.Text.replace(/^(.+)$/gmu, `[${input.TargetLanguageCode}] $1`),
    SourceLanguageCode: input.SourceLanguageCode,
    TargetLanguageCode: input.TargetLanguageCode,
  };
};
const playing = () => translate.on(TranslateTextCommand).callsFake(played);
const sent = () => translate.commandCalls(TranslateTextCommand).map((c) => c.args[0].input);

beforeEach(playing);
afterEach(() => translate.reset());

const unsupported = () =>
  new UnsupportedLanguagePairException({ message: "Unsupported language pair: en to xx", $metadata: {} });

translatorContract("Amazon Translate (mocked)", {
  translator: () => createAmazonTranslator(new TranslateClient({ region: "us-east-1" })),
  unavailable: () => {
    translate.on(TranslateTextCommand).rejects(unsupported());
    return createAmazonTranslator(new TranslateClient({ region: "us-east-1" }));
  },
});

describe("the Amazon Translate translator", () => {
  const translator = () => createAmazonTranslator(new TranslateClient({ region: "us-east-1" }));

  it("sends Brazilian Portuguese as pt and one request per text", async () => {
    await translator().translate(["Uno.", "Dos."], "es", "pt");
    expect(sent()).toEqual([
      { Text: "Uno.", SourceLanguageCode: "es", TargetLanguageCode: "pt" },
      { Text: "Dos.", SourceLanguageCode: "es", TargetLanguageCode: "pt" },
    ]);
  });

  it("splits a text over 10,000 bytes between paragraphs and puts it back together in order", async () => {
    // Accented Portuguese: two paragraphs are 8,000 characters but 10,800 bytes, so each goes alone.
    const paragraph = (n: number) => `Parágrafo ${n}: ${"ação é não ".repeat(360)}fim.`;
    const text = [1, 2, 3, 4, 5].map(paragraph).join("\n\n");
    expect(Buffer.byteLength(paragraph(1) + paragraph(2))).toBeGreaterThan(REQUEST_BYTES);
    expect((paragraph(1) + paragraph(2)).length).toBeLessThan(REQUEST_BYTES);
    const outcome = await translator().translate([text], "pt", "en");
    expect(sent().every((input) => Buffer.byteLength(input.Text ?? "") <= REQUEST_BYTES)).toBe(true);
    expect(sent().map((input) => input.Text)).toEqual([1, 2, 3, 4, 5].map(paragraph));
    expect(outcome).toEqual({
      kind: "translated",
      engine: "amazon-translate",
      texts: [[1, 2, 3, 4, 5].map((n) => `[en] ${paragraph(n)}`).join("\n\n")],
    });
  });

  it("cuts a paragraph with no breaks after sentences, then words, then characters", () => {
    const sentences = "Una frase corta. ".repeat(1000);
    const pieces = piecesOf(sentences);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.slice(0, -1).every((p) => p.text.endsWith(".") && p.gap === " ")).toBe(true);
    const word = "ã".repeat(12_000);
    expect(piecesOf(word).map((p) => Buffer.byteLength(p.text))).toEqual([10_000, 10_000, 4_000]);
  });

  it("always cuts a text into pieces that fit and put back together give the text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: "grapheme" }), fc.constantFrom("\n\n", "\n", ". ", " ", "ção")), {
          maxLength: 60,
        }),
        fc.integer({ min: 8, max: 40 }),
        (parts, limit) => {
          const text = parts.join("");
          const pieces = piecesOf(text, limit);
          expect(pieces.map((p) => p.text + p.gap).join("")).toBe(text);
          expect(pieces.every((p) => Buffer.byteLength(p.text) <= limit)).toBe(true);
        },
      ),
    );
  });

  it("fails, without throwing, when throttling outlasts the SDK's retries; nothing is cached and a later job translates", async () => {
    translate
      .on(TranslateTextCommand)
      .rejects(new TooManyRequestsException({ message: "Rate exceeded", $metadata: {} }));
    const { store, items } = createMemoryTranslationStore();
    const deps = { translator: translator(), store };
    expect(await translator().translate(["Hola."], "es", "en")).toMatchObject({
      kind: "failed",
      reason: expect.stringMatching(/TooManyRequests/),
    });
    const throttled = await translateAnswers(["Hola a todos."], "es", ["en"], deps);
    expect(throttled[0]?.translations.en).toMatchObject({ kind: "not-translated", reason: "failed" });
    expect(items.size).toBe(0);

    translate.reset();
    playing();
    const later = await translateAnswers(["Hola a todos."], "es", ["en"], deps);
    expect(later[0]?.translations.en).toMatchObject({ kind: "machine", text: "[en] Hola a todos." });
    expect(items.size).toBe(1);
  });

  it("fails the whole text when one of its pieces fails, never returning half a translation", async () => {
    const text = `${"a ".repeat(6000)}\n\n${"b ".repeat(6000)}`;
    translate
      .on(TranslateTextCommand)
      .callsFakeOnce(played)
      .rejectsOnce(new TooManyRequestsException({ message: "Rate exceeded", $metadata: {} }));
    expect(await translator().translate([text], "es", "en")).toMatchObject({ kind: "failed" });
  });

  it("is unavailable for a pair the service refuses", async () => {
    translate.on(TranslateTextCommand).rejects(unsupported());
    expect(await translator().translate(["Hello."], "en", "fr")).toMatchObject({
      kind: "unavailable",
      reason: expect.stringMatching(/Unsupported/),
    });
  });
});
