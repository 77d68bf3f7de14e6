// Conditions decide which questions a respondent sees, from earlier answers and their group.
import type { Answers } from "./answers.ts";
import type { Condition, Question, Questionnaire, RespondentGroup, Section } from "./definition.ts";

export const conditionHolds = (
  condition: Condition | undefined,
  answers: Answers,
  group: RespondentGroup,
): boolean => {
  if (!condition) return true;
  if ("all" in condition) return condition.all.every((c) => conditionHolds(c, answers, group));
  if ("any" in condition) return condition.any.some((c) => conditionHolds(c, answers, group));
  if ("not" in condition) return !conditionHolds(condition.not, answers, group);
  if ("group" in condition) return condition.group.includes(group);
  const value = answers[condition.question];
  if ("equals" in condition) return value === condition.equals;
  if ("includes" in condition)
    return Array.isArray(value) && (value as unknown[]).includes(condition.includes);
  return (value !== undefined) === condition.answered;
};

export const isQuestionVisible = (
  section: Section,
  question: Question,
  answers: Answers,
  group: RespondentGroup,
): boolean => conditionHolds(section.when, answers, group) && conditionHolds(question.when, answers, group);

/** Ids of the questions this respondent sees given their answers so far. */
export const visibleQuestionIds = (
  q: Questionnaire,
  answers: Answers,
  group: RespondentGroup,
): Set<string> => {
  const ids = new Set<string>();
  for (const section of q.sections) {
    for (const question of section.questions) {
      if (isQuestionVisible(section, question, answers, group)) ids.add(question.id);
    }
  }
  return ids;
};
