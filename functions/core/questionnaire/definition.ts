// The questionnaire definition: data the Secretariat edits, validated here when loaded.
import * as z from "zod";
import { LocalizedText } from "../languages.ts";
import { err, ok, type Result } from "../result.ts";
import { definition as groupDefinition } from "./kinds/group.ts";
import { kindOf } from "./kinds/index.ts";
import { SIMPLE_DEFINITIONS } from "./kinds/simple.ts";
import { RespondentGroup } from "./respondent-group.ts";

// Kept in a module of its own that imports no kind: the directory and the report's tallies need it
// while this module is still loading the kinds.
export { RESPONDENT_GROUPS, RespondentGroup } from "./respondent-group.ts";

// Ids become keys of plain objects (answers, scores, form fields): one every object already has
// ("constructor") would read as answered when it is not.
const Id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "expected a kebab-case id (a-z, 0-9 and -)")
  .refine(
    (id) => !(id in Object.prototype),
    "expected an id that is not a built-in name such as constructor",
  );

export const ListItem = z.strictObject({ id: Id, label: LocalizedText, tag: z.string().optional() });
export type ListItem = z.infer<typeof ListItem>;

const ItemsRef = z.union([Id, z.array(ListItem).min(1)]);

export type Condition =
  | { group: RespondentGroup[] }
  | { question: string; equals: string | number | boolean }
  | { question: string; includes: string }
  | { question: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ group: z.array(RespondentGroup).min(1) }),
    z.strictObject({ question: Id, equals: z.union([z.string(), z.number(), z.boolean()]) }),
    z.strictObject({ question: Id, includes: Id }),
    z.strictObject({ question: Id, answered: z.boolean() }),
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
  ]),
);

/** What every kind's definition schema is made of (kinds/<kind>.ts): the keys all questions share. */
const definitionParts = () => ({
  base: {
    id: Id,
    label: LocalizedText,
    help: LocalizedText.optional(),
    required: z.boolean().default(false),
    when: Condition.optional(),
  },
  /** Either the name of a list in `lists`, or the items themselves. */
  items: ItemsRef,
  text: LocalizedText,
});
export type DefinitionParts = ReturnType<typeof definitionParts>;

type SimpleDefinition = {
  [K in keyof typeof SIMPLE_DEFINITIONS]: ReturnType<(typeof SIMPLE_DEFINITIONS)[K]>;
}[keyof typeof SIMPLE_DEFINITIONS];

// The question, section and questionnaire schemas are built when a definition is first loaded (only
// put-questionnaire and the local tools load one): built at import, they cost every handler's cold start
// that imports this file for its types and helpers (issue 19).
const buildSchemas = () => {
  const parts = definitionParts();
  const simpleQuestionTypes = Object.values(SIMPLE_DEFINITIONS).map((define) => define(parts)) as [
    SimpleDefinition,
    ...SimpleDefinition[],
  ];
  const SimpleQuestionDef = z.discriminatedUnion("type", simpleQuestionTypes);
  const GroupDef = groupDefinition(parts, SimpleQuestionDef);
  const QuestionDef = z.discriminatedUnion("type", [...simpleQuestionTypes, GroupDef]);

  const SectionDef = z.strictObject({
    id: Id,
    title: LocalizedText,
    description: LocalizedText.optional(),
    when: Condition.optional(),
    questions: z.array(QuestionDef).min(1),
  });

  const QuestionnaireSource = z.strictObject({
    id: Id,
    version: z.int().positive(),
    title: LocalizedText,
    intro: LocalizedText.optional(),
    lists: z.record(Id, z.array(ListItem).min(1)).default({}),
    sections: z.array(SectionDef).min(1),
  });
  return { SimpleQuestionDef, GroupDef, SectionDef, QuestionnaireSource };
};
type Schemas = ReturnType<typeof buildSchemas>;
let schemas: Schemas | undefined;
const questionnaireSchemas = () => (schemas ??= buildSchemas());

export type QuestionnaireSource = z.input<Schemas["QuestionnaireSource"]>;

// After loading, list references are resolved: every question carries its own items.
type ParsedSimple = z.output<Schemas["SimpleQuestionDef"]>;
type Resolve<Q> = Q extends { options: unknown }
  ? Omit<Q, "options"> & { options: ListItem[] }
  : Q extends { items: unknown }
    ? Omit<Q, "items"> & { items: ListItem[] }
    : Q;
export type SimpleQuestion = Resolve<ParsedSimple>;
export type SimpleType = SimpleQuestion["type"];
export type GroupQuestion = Omit<z.output<Schemas["GroupDef"]>, "fields"> & { fields: SimpleQuestion[] };
export type Question = SimpleQuestion | GroupQuestion;
export type QuestionType = Question["type"];
export type Section = Omit<z.output<Schemas["SectionDef"]>, "questions"> & { questions: Question[] };
export type Questionnaire = Omit<z.output<Schemas["QuestionnaireSource"]>, "sections"> & {
  sections: Section[];
};

/**
 * A definition's problem at its path. `message` is English, for the API, the CLI and content/ files;
 * `code` and `params` let the console word it in its own language (editor.definition.<code>).
 */
export type DefinitionError = {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
};

const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    "",
  );

/** Validates a questionnaire definition; every error names the path of the bad node and what was expected. */
export const loadQuestionnaire = (raw: unknown): Result<Questionnaire, DefinitionError[]> => {
  const parsed = questionnaireSchemas().QuestionnaireSource.safeParse(raw, { reportInput: false });
  if (!parsed.success) {
    return err(
      parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), ...describeIssue(issue) })),
    );
  }
  const source = parsed.data;
  const errors: DefinitionError[] = [];
  const resolveItems = (ref: string | ListItem[], path: string): ListItem[] => {
    if (Array.isArray(ref)) {
      checkUnique(
        ref.map((i) => i.id),
        path,
        errors,
      );
      return ref;
    }
    const list = source.lists[ref];
    if (!list) {
      errors.push({
        path,
        message: `expected the name of a list in "lists", got "${ref}"`,
        code: "unknown_list",
        params: { list: ref },
      });
      return [];
    }
    return list;
  };
  const resolveQuestion = (q: ParsedSimple, path: string): SimpleQuestion => {
    if ("options" in q) return { ...q, options: resolveItems(q.options, `${path}.options`) };
    if ("items" in q) return { ...q, items: resolveItems(q.items, `${path}.items`) };
    return q;
  };

  for (const [name, items] of Object.entries(source.lists)) {
    checkUnique(
      items.map((i) => i.id),
      `lists.${name}`,
      errors,
    );
  }

  const seen = new Map<string, Question>();
  const checkCondition = (condition: Condition | undefined, path: string) => {
    for (const ref of conditionQuestionRefs(condition)) {
      if (!seen.has(ref.question)) {
        errors.push({
          path,
          message: `expected a condition on an earlier question, but "${ref.question}" is not asked before this point`,
          code: "condition_not_earlier",
          params: { question: ref.question },
        });
        continue;
      }
      const target = seen.get(ref.question);
      if (ref.includes !== undefined && target && !kindOf(target).includable) {
        errors.push({
          path,
          message: `"includes" needs a multiple-choice question; "${ref.question}" is ${target.type}`,
          code: "includes_needs_multiple_choice",
          params: { question: ref.question },
        });
      }
    }
  };

  const sections: Section[] = source.sections.map((section, s) => {
    const sectionPath = `sections[${s}]`;
    checkCondition(section.when, `${sectionPath}.when`);
    const questions: Question[] = section.questions.map((q, i) => {
      const path = `${sectionPath}.questions[${i}]`;
      checkCondition(q.when, `${path}.when`);
      if (seen.has(q.id))
        errors.push({
          path: `${path}.id`,
          message: `expected a unique id; "${q.id}" is used twice`,
          code: "duplicate_id",
          params: { id: q.id },
        });
      // A question made of questions (a group's fields) has each of them resolved.
      const question: Question =
        "fields" in q
          ? { ...q, fields: q.fields.map((f, j) => resolveQuestion(f, `${path}.fields[${j}]`)) }
          : resolveQuestion(q, path);
      checkShape(question, path, errors);
      seen.set(q.id, question);
      return question;
    });
    return { ...section, questions };
  });

  checkUnique(
    source.sections.map((s) => s.id),
    "sections",
    errors,
  );
  return errors.length ? err(errors) : ok({ ...source, sections });
};

const checkShape = (q: Question, path: string, errors: DefinitionError[]) => {
  for (const { at, ...problem } of kindOf(q).check(q)) errors.push({ path: `${path}.${at}`, ...problem });
};

const checkUnique = (ids: string[], path: string, errors: DefinitionError[]) => {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id))
      errors.push({
        path,
        message: `expected unique ids; "${id}" is used twice`,
        code: "duplicate_id",
        params: { id },
      });
    seen.add(id);
  }
};

type QuestionRef = { question: string; includes?: string };
const conditionQuestionRefs = (condition: Condition | undefined): QuestionRef[] => {
  if (!condition) return [];
  if ("all" in condition) return condition.all.flatMap(conditionQuestionRefs);
  if ("any" in condition) return condition.any.flatMap(conditionQuestionRefs);
  if ("not" in condition) return conditionQuestionRefs(condition.not);
  if ("question" in condition)
    return [
      { question: condition.question, ...("includes" in condition ? { includes: condition.includes } : {}) },
    ];
  return [];
};

/** Where an empty list needs at least one entry: the list's own word for the console. */
const NEEDS_ONE: Record<string, string> = { questions: "no_questions", sections: "no_sections" };

const describeIssue = (issue: z.core.$ZodIssue): Omit<DefinitionError, "path"> => {
  const last = issue.path.length ? String(issue.path[issue.path.length - 1]) : "";
  if (issue.code === "invalid_type" && issue.path.length && issue.message.includes("undefined")) {
    return {
      message: `missing "${last}" (expected ${issue.expected})`,
      code: "missing",
      params: { key: last },
    };
  }
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => `"${k}"`).join(", ");
    return { message: `unexpected key(s) ${keys}`, code: "unexpected_keys", params: { keys } };
  }
  if (issue.code === "invalid_union" && "note" in issue && issue.note === "No matching discriminator")
    return { message: `expected "type" to be one of the question types`, code: "unknown_type" };
  if (issue.code === "invalid_format" && issue.format === "regex")
    return { message: issue.message, code: "id_format" };
  if (issue.code === "custom" && issue.message.includes("built-in name"))
    return { message: issue.message, code: "id_reserved" };
  if (issue.code === "too_small" && issue.origin === "array")
    return {
      message: issue.message,
      code: NEEDS_ONE[last] ?? "no_items",
      params: { minimum: Number(issue.minimum) },
    };
  if (issue.code === "too_small" && issue.origin === "string")
    return { message: issue.message, code: "empty" };
  return { message: issue.message };
};

/** Every question of the questionnaire, in order, with the section it belongs to. */
export const allQuestions = (q: Questionnaire): { section: Section; question: Question }[] =>
  q.sections.flatMap((section) => section.questions.map((question) => ({ section, question })));

export const findQuestion = (q: Questionnaire, id: string): Question | undefined =>
  allQuestions(q).find((entry) => entry.question.id === id)?.question;
