// Answers: the zod schemas of a submission and of a draft, derived from a questionnaire definition.
import * as z from "zod";
import type { FieldError } from "../errors.ts";
import { err, ok, type Result } from "../result.ts";
import { isQuestionVisible } from "./conditions.ts";
import type { Questionnaire, RespondentGroup, SimpleQuestion, Question } from "./definition.ts";
import { kindOf, simpleKindOf } from "./kinds/index.ts";
import { emptyToUndefined } from "./kinds/parts.ts";

export type Money = { amount: number; currency: string };
/** A map is a number per item (scale, allocation) or a choice per row, with a row's typed name (matrix). */
export type SimpleAnswer =
  string | string[] | number | boolean | Money | Record<string, number> | Record<string, string>;
export type GroupItem = Record<string, SimpleAnswer>;
export type AnswerValue = SimpleAnswer | GroupItem[];
export type Answers = Record<string, AnswerValue>;

/** `submit` enforces required questions and drops answers to hidden ones; `draft` accepts any partial answer. */
export type Mode = "submit" | "draft";

export { emptyToUndefined, isStorableText, MAX_NUMBER, MIN_MAGNITUDE } from "./kinds/parts.ts";

/** The schema of one non-empty answer to a simple question. */
export const simpleAnswerSchema = (q: SimpleQuestion, mode: Mode): z.ZodType<SimpleAnswer> =>
  simpleKindOf(q).answer(q, mode) as z.ZodType<SimpleAnswer>;

/**
 * Each stored question's schemas, built once: the store freezes the questionnaires it reads
 * (adapters/dynamodb/questionnaires.ts), so a frozen question never changes, and a form GET built
 * every question's schema three times, a quarter of its warm CPU in zod (issue 19). A question the
 * editor is still changing is not frozen, and gets a schema built for it each time.
 */
const built = new WeakMap<Question, Partial<Record<Mode, z.ZodType<AnswerValue>>>>();

/** The schema of one non-empty answer, as its kind defines it. */
export const answerSchema = (q: Question, mode: Mode): z.ZodType<AnswerValue> => {
  if (!Object.isFrozen(q)) return kindOf(q).answer(q, mode);
  let schemas = built.get(q);
  if (!schemas) built.set(q, (schemas = {}));
  return (schemas[mode] ??= kindOf(q).answer(q, mode));
};

/**
 * The schema of a whole answer set. For `submit`, required questions the respondent can see must be
 * answered and answers to hidden questions are dropped; for `draft` everything is optional.
 */
export const answersSchema = (q: Questionnaire, mode: Mode, group: RespondentGroup): z.ZodType<Answers> =>
  z.record(z.string(), z.unknown()).transform((input, ctx) => {
    const accepted: Answers = {};
    for (const section of q.sections) {
      for (const question of section.questions) {
        const visible = isQuestionVisible(section, question, accepted, group);
        if (mode === "submit" && !visible) continue;
        const value = emptyToUndefined(input[question.id]);
        if (value === undefined) {
          if (mode === "submit" && question.required) {
            ctx.addIssue({
              code: "custom",
              path: [question.id],
              params: { code: "required" },
              input: undefined,
            });
          }
          continue;
        }
        const parsed = answerSchema(question, mode).safeParse(value, { reportInput: true });
        if (parsed.success) accepted[question.id] = parsed.data;
        else
          for (const i of parsed.error.issues)
            ctx.addIssue({ ...i, path: [question.id, ...i.path] } as never);
      }
    }
    return accepted;
  });

export const submissionSchema = (q: Questionnaire, group: RespondentGroup) =>
  answersSchema(q, "submit", group);
export const draftSchema = (q: Questionnaire, group: RespondentGroup) => answersSchema(q, "draft", group);

/** Validates answers and turns every problem into a field error the form can show beside the field. */
export const validateAnswers = (
  q: Questionnaire,
  input: unknown,
  mode: Mode,
  group: RespondentGroup,
): Result<Answers, FieldError[]> => {
  const parsed = answersSchema(q, mode, group).safeParse(input, { reportInput: true });
  return parsed.success ? ok(parsed.data) : err(parsed.error.issues.map(toFieldError));
};

const toFieldError = (i: z.core.$ZodIssue): FieldError => {
  const path = i.path.map(String).join(".");
  const custom = (i as { params?: Record<string, string | number> }).params;
  if (i.code === "custom" && custom && typeof custom.code === "string") {
    const { code, ...params } = custom;
    return { path, code, params };
  }
  switch (i.code) {
    case "invalid_type":
      if (i.input === undefined) return { path, code: "required" };
      return { path, code: i.expected === "number" || i.expected === "int" ? "not_a_number" : "invalid" };
    case "too_big":
      return {
        path,
        code: i.origin === "string" ? "too_long" : i.origin === "array" ? "too_many" : "too_high",
        params: { max: Number(i.maximum) },
      };
    case "too_small":
      return {
        path,
        code: i.origin === "array" ? "too_few" : "too_low",
        params: { min: Number(i.minimum) },
      };
    case "invalid_value":
    case "invalid_key":
      return { path, code: "invalid_choice" };
    case "unrecognized_keys":
      return { path, code: "invalid" };
    default:
      return { path, code: "invalid" };
  }
};
