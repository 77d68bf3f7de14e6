// Translator on AWS: Amazon Translate, one request per piece of at most 10,000 bytes of a text.
import {
  TranslateTextCommand,
  UnsupportedLanguagePairException,
  TranslateClient,
} from "@aws-sdk/client-translate";
import { forEachConcurrently } from "../core/concurrently.ts";
import type { Language } from "../core/languages.ts";
import type { TranslationOutcome, Translator } from "../core/translation/ports.ts";

/** TranslateText refuses a Text longer than this many UTF-8 bytes. */
export const REQUEST_BYTES = 10_000;

/** "pt" is Brazilian Portuguese for Amazon Translate (Portugal's is "pt-PT"): Brazil's, as the OAS needs. */
const LANGUAGE_CODES: Record<Language, string> = { es: "es", en: "en", fr: "fr", pt: "pt" };

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

/** A piece sent alone, and the whitespace that followed it in the text, put back untranslated. */
export type Piece = { text: string; gap: string };

/**
 * Where a too-long text may be cut, best first: between paragraphs, between lines, after a sentence,
 * between words. Each pattern captures the gap so the text is reassembled exactly around the pieces.
 */
const CUTS = [/(\n[ \t]*\n\s*)/u, /(\n)/u, /(?<=[.!?;:…])(\s+)/u, /(\s+)/u];

/** A text in pieces of at most `limit` bytes, as few as possible, cut at the best places that do. */
export const piecesOf = (text: string, limit = REQUEST_BYTES, level = 0): Piece[] => {
  if (bytes(text) <= limit) return [{ text, gap: "" }];
  const cut = CUTS[level];
  if (!cut) {
    // A single word longer than the limit (a pasted URL list with no spaces): cut between characters.
    const pieces: Piece[] = [];
    let current = "";
    let size = 0;
    for (const char of text) {
      const charSize = bytes(char);
      if (size + charSize > limit) {
        pieces.push({ text: current, gap: "" });
        current = "";
        size = 0;
      }
      current += char;
      size += charSize;
    }
    return [...pieces, { text: current, gap: "" }];
  }
  const parts = text.split(cut);
  const pieces: Piece[] = [];
  // Sizes are added up as the piece grows: measuring the whole piece each time is quadratic.
  let current: (Piece & { size: number }) | undefined;
  const close = () => {
    if (current) pieces.push({ text: current.text, gap: current.gap });
    current = undefined;
  };
  for (let i = 0; i < parts.length; i += 2) {
    const part = parts[i] ?? "";
    const gap = parts[i + 1] ?? "";
    const size = bytes(part);
    if (size > limit) {
      close();
      const inner = piecesOf(part, limit, level + 1);
      inner[inner.length - 1]!.gap += gap;
      pieces.push(...inner);
    } else if (current && current.size + bytes(current.gap) + size <= limit) {
      current = {
        text: current.text + current.gap + part,
        gap,
        size: current.size + bytes(current.gap) + size,
      };
    } else {
      close();
      current = { text: part, gap, size };
    }
  }
  close();
  return pieces;
};

export type AmazonTranslatorOptions = {
  /** Requests in flight at once for one call: the account's TranslateText rate is shared. */
  requestsAtOnce?: number;
};

class Refused extends Error {}

export const createAmazonTranslator = (
  client: TranslateClient,
  { requestsAtOnce = 4 }: AmazonTranslatorOptions = {},
): Translator => ({
  async translate(texts, source, target): Promise<TranslationOutcome> {
    if (source === target) return { kind: "translated", texts: [...texts], engine: "amazon-translate" };
    const pieces = texts.map((text) => piecesOf(text));
    const work = pieces.flat().filter((piece) => piece.text.trim());
    const translated = new Map<Piece, string>();
    try {
      await forEachConcurrently(work, requestsAtOnce, async (piece) => {
        const out = await client.send(
          new TranslateTextCommand({
            Text: piece.text,
            SourceLanguageCode: LANGUAGE_CODES[source],
            TargetLanguageCode: LANGUAGE_CODES[target],
          }),
        );
        if (out.TranslatedText === undefined) throw new Refused("Amazon Translate returned no text");
        translated.set(piece, out.TranslatedText);
      });
    } catch (error) {
      // The SDK has already retried throttling and 5xx by now: what is left waits for a later job.
      if (error instanceof UnsupportedLanguagePairException)
        return { kind: "unavailable", reason: error.message };
      return {
        kind: "failed",
        reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      };
    }
    return {
      kind: "translated",
      texts: pieces.map((ps) => ps.map((p) => (translated.get(p) ?? p.text) + p.gap).join("")),
      engine: "amazon-translate",
    };
  },
});

/** The worker's engine on AWS (adapters/ports.ts AwsAdapters.translator), in the stack's region. */
export const amazonTranslator = (cfg: { region: string }): Translator =>
  createAmazonTranslator(new TranslateClient({ region: cfg.region }));
