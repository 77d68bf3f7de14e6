// Recognises which of the four languages a free text is written in, only when that is beyond doubt.
import { LANGUAGES, type Language } from "../languages.ts";

/**
 * Short words frequent in one language and rare or absent in the other three. Words two languages
 * share (que, de, la, en, para, por, como, mais, as, do, no…) are left out: they would make Spanish
 * and Portuguese, or Spanish and French, look alike.
 */
const MARKERS: Record<Language, ReadonlySet<string>> = {
  es: new Set(
    "el los las del y una con es su sus al lo pero más muy sin también hay donde ya tiene ha han nuestro nuestra nuestros nuestras cuando hacia según".split(
      " ",
    ),
  ),
  pt: new Set(
    "o os da dos das e em um uma com não na nas ao aos pelo pela pelos pelas é são seu sua seus suas também isso muito onde quando já nosso nossa nossos nossas tem têm foi às".split(
      " ",
    ),
  ),
  fr: new Set(
    "le les des du et une est sont pas ne au aux avec sur ce cette ces il elle ils nous vous leur leurs qui dans pour plus été être avoir notre nos très aussi où comme".split(
      " ",
    ),
  ),
  en: new Set(
    "the of and to in is that for on with are be this by from it at an or we our which have has not will would should their they been more also".split(
      " ",
    ),
  ),
};

/** Fewer marker words than this and the text is too short to judge: the reply language stands. */
const ENOUGH = 3;

/**
 * The language a text is clearly written in, or undefined when it is short, mixed or unclear. "Clearly"
 * means at least three marker words of one language and more than twice as many as any other's.
 */
export const detectLanguage = (text: string): Language | undefined => {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const counts = LANGUAGES.map((language) => ({
    language,
    hits: words.filter((w) => MARKERS[language].has(w)).length,
  })).sort((a, b) => b.hits - a.hits);
  const [best, second] = counts;
  if (!best || best.hits < ENOUGH) return undefined;
  return best.hits > 2 * (second?.hits ?? 0) ? best.language : undefined;
};

/**
 * The respondent's reply language is the source, except for a text clearly in another of the four
 * (a Brazilian ministry answering the Spanish form in Portuguese): a wrong source language gives a
 * worse translation than none, so only a clear case overrides the respondent's choice.
 */
export const sourceLanguage = (text: string, replyLanguage: Language): Language =>
  detectLanguage(text) ?? replyLanguage;
