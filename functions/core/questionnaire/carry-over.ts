// Last cycle's answers for this cycle's draft: only where the question did not change in what an answer
// means (its kind, its choices, its limits); wording and translations may have been improved.
import { LANGUAGES } from "../languages.ts";
import { answerSchema, type Answers } from "./answers.ts";
import type { Question, Questionnaire } from "./definition.ts";

const isText = (node: unknown) =>
  !!node &&
  typeof node === "object" &&
  !Array.isArray(node) &&
  Object.keys(node).length > 0 &&
  Object.keys(node).every((k) => (LANGUAGES as readonly string[]).includes(k));

/** The question's shape: everything but its texts (labels, help, item labels) and when it is shown. */
const shape = (q: Question): string =>
  JSON.stringify(q, (key, value: unknown) =>
    key === "when" || key === "required" || isText(value) ? undefined : value,
  );

const questionsOf = (q: Questionnaire) =>
  new Map(q.sections.flatMap((s) => s.questions).map((question) => [question.id, question]));

export type CarriedOver = {
  answers: Answers;
  /** Questions whose answer came from the earlier campaign: the respondent confirms or edits each. */
  questions: string[];
};

/**
 * The earlier submission's answers that still fit: the same question id with the same shape, and an
 * answer the new definition accepts as a draft. Anything else is left for the member to answer anew.
 */
export const carryOverAnswers = (
  earlier: Questionnaire,
  next: Questionnaire,
  answers: Answers,
): CarriedOver => {
  const before = questionsOf(earlier);
  const carried: Answers = {};
  for (const question of questionsOf(next).values()) {
    const value = answers[question.id];
    const old = before.get(question.id);
    if (value === undefined || !old || shape(old) !== shape(question)) continue;
    // A file's bytes are kept under the earlier campaign's key, which this campaign never reads.
    if (question.type === "file") continue;
    if (answerSchema(question, "draft").safeParse(value).success) carried[question.id] = value;
  }
  return { answers: carried, questions: Object.keys(carried) };
};
