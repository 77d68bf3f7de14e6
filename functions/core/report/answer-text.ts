// Any answer as text a person reads, in a given language: for the report, the confirmation and the receipt.
import type { Language } from "../languages.ts";
import type { AnswerValue } from "../questionnaire/answers.ts";
import type { Question, SimpleQuestion } from "../questionnaire/definition.ts";
import { kindOf, simpleKindOf } from "../questionnaire/kinds/index.ts";
import type { Translate } from "./model.ts";

export { labelOf } from "../questionnaire/kinds/parts.ts";

/** Any answer as readable text in the given language, as its kind writes it. */
export const answerText = (question: Question, value: AnswerValue, lang: Language, t: Translate): string =>
  kindOf(question).text(question, value, lang, t);

export const simpleText = (q: SimpleQuestion, value: AnswerValue, lang: Language, t: Translate): string =>
  simpleKindOf(q).text(q, value, lang, t);
