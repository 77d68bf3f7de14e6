// Turns a posted HTML form (as parsed by qs) into answer-shaped values, keeping anything it cannot
// read as typed so that validation can name the field and the form can show the text back.
import type { Questionnaire } from "./definition.ts";
import { allQuestions } from "./definition.ts";
import { kindOf } from "./kinds/index.ts";

type Raw = unknown;

export { readNumber, readText } from "./kinds/parts.ts";

/** Only fields named after questions are read; anything else in the form is ignored. */
export const answersFromForm = (q: Questionnaire, form: Record<string, Raw>): Record<string, Raw> => {
  const out: Record<string, Raw> = {};
  for (const { question } of allQuestions(q)) {
    if (question.id in form) out[question.id] = kindOf(question).fromForm(question, form[question.id]);
  }
  return out;
};
