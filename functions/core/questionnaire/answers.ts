// Answers: the zod schemas of a submission and of a draft, derived from a questionnaire definition.
import * as z from "zod";
import { EmailAddress } from "../email-address.ts";
import type { FieldError } from "../errors.ts";
import { err, ok, type Result } from "../result.ts";
import { isQuestionVisible } from "./conditions.ts";
import type {
  GroupQuestion,
  Questionnaire,
  RespondentGroup,
  SimpleQuestion,
  Question,
} from "./definition.ts";

export type Money = { amount: number; currency: string };
export type SimpleAnswer = string | string[] | number | boolean | Money | Record<string, number>;
export type GroupItem = Record<string, SimpleAnswer>;
export type AnswerValue = SimpleAnswer | GroupItem[];
export type Answers = Record<string, AnswerValue>;

/** `submit` enforces required questions and drops answers to hidden ones; `draft` accepts any partial answer. */
export type Mode = "submit" | "draft";

/** The largest magnitude a number answer may have: DynamoDB, the SDK and Excel all keep it exactly. */
export const MAX_NUMBER = 1e12;
/** DynamoDB cannot store a non-zero number smaller than this in magnitude (it refuses the whole item). */
export const MIN_MAGNITUDE = 1e-130;

const issue = (code: string, params: Record<string, string | number> = {}) => ({
  params: { code, ...params },
});

const noDuplicates = (values: string[]) => new Set(values).size === values.length;

const ids = (items: { id: string }[]) => items.map((i) => i.id) as [string, ...string[]];

/**
 * Text every output can carry: no lone surrogate (not UTF-8, so not storable or sendable) and no
 * character XML 1.0 forbids (control characters other than tab and line breaks, U+FFFE, U+FFFF), which
 * would make the Excel report unreadable. The form reader turns pasted ones into line breaks first.
 */
export const isStorableText = (s: string) =>
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  s.isWellFormed() && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s);

/** A number within [min, max] that storage keeps as given, whatever bounds the definition sets. */
const storableNumber = (n: z.ZodNumber, min = -MAX_NUMBER, max = MAX_NUMBER) =>
  n
    .min(Math.max(min, -MAX_NUMBER))
    .max(Math.min(max, MAX_NUMBER))
    .refine((v) => v === 0 || Math.abs(v) >= MIN_MAGNITUDE, issue("invalid"));

/** The schema of one non-empty answer to a simple question. */
export const simpleAnswerSchema = (q: SimpleQuestion, mode: Mode): z.ZodType<SimpleAnswer> => {
  switch (q.type) {
    case "single-choice":
      return z.enum(ids(q.options));
    case "multiple-choice": {
      const picks = z.array(z.enum(ids(q.options)));
      return (q.maxPicks ? picks.max(q.maxPicks) : picks).refine(noDuplicates, issue("duplicate"));
    }
    case "scale": {
      const score = z.int().min(q.min).max(q.max);
      return (
        mode === "submit" && q.required
          ? z.record(z.enum(ids(q.items)), score)
          : z.partialRecord(z.enum(ids(q.items)), score)
      ) as z.ZodType<Record<string, number>>;
    }
    case "top-n": {
      const picks = z.array(z.enum(ids(q.items))).max(q.n);
      return (mode === "submit" && q.required ? picks.min(q.n) : picks).refine(
        noDuplicates,
        issue("duplicate"),
      );
    }
    case "short-text":
    case "long-text": {
      const text = z.string().max(q.maxLength).refine(isStorableText, issue("invalid"));
      return q.type === "short-text" && q.format === "email"
        ? text.refine((v) => EmailAddress.safeParse(v).success, issue("invalid_email"))
        : text;
    }
    case "number":
      return storableNumber(q.integer ? z.int() : z.number(), q.min, q.max);
    case "money":
      return z.strictObject({
        amount: storableNumber(z.number(), q.min),
        currency: z.enum(q.currencies as [string, ...string[]]),
      });
    case "yes-no":
      return z.boolean();
    case "allocation": {
      const shares = z.partialRecord(
        z.enum(ids(q.items)),
        storableNumber(z.number(), 0, q.total),
      ) as z.ZodType<Record<string, number>>;
      if (mode === "draft") return shares;
      return shares.superRefine((value, ctx) => {
        const total = sum(Object.values(value));
        if (Math.abs(total - q.total) > 1e-9) {
          ctx.addIssue({
            code: "custom",
            input: value,
            params: { code: "allocation_total", total: q.total, sum: total },
          });
        }
      });
    }
  }
};

const sum = (values: (number | undefined)[]) => values.reduce<number>((total, v) => total + (v ?? 0), 0);

const groupSchema = (q: GroupQuestion, mode: Mode): z.ZodType<GroupItem[]> => {
  const shape: Record<string, z.ZodType<SimpleAnswer | undefined>> = {};
  for (const field of q.fields) {
    const schema = z.preprocess(emptyToUndefined, simpleAnswerSchema(field, mode));
    shape[field.id] = mode === "submit" && field.required ? schema : schema.optional();
  }
  const list = z.array(z.strictObject(shape)).max(q.maxItems);
  const bounded = mode === "submit" && q.required ? list.min(Math.max(1, q.minItems)) : list;
  return bounded.transform((items) => items.map(stripUndefined)) as z.ZodType<GroupItem[]>;
};

export const answerSchema = (q: Question, mode: Mode): z.ZodType<AnswerValue> =>
  q.type === "group" ? groupSchema(q, mode) : simpleAnswerSchema(q, mode);

/** Blank input means "not answered": trimmed empty text, empty lists, empty maps, blank group rows. */
export const emptyToUndefined = (value: unknown): unknown => {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  if (Array.isArray(value)) {
    const kept = value
      .map((v) => (isPlainObject(v) ? emptyToUndefined(v) : v))
      .filter((v) => emptyToUndefined(v) !== undefined);
    return kept.length ? kept : undefined;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, emptyToUndefined(v)] as const)
      .filter(([, v]) => v !== undefined);
    if (!entries.length) return undefined;
    // A money answer without an amount is unanswered, whatever currency the select shows.
    if (entries.length === 1 && entries[0]?.[0] === "currency") return undefined;
    return Object.fromEntries(entries);
  }
  return value;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const stripUndefined = <T extends Record<string, unknown>>(item: T) =>
  Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
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
