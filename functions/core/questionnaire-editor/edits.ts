// The editor's operations: each takes a draft's definition and one posted form, and gives the next
// definition or the form's problems; none writes anything, so each is one save of one plain form.
import { NotFound } from "../errors.ts";
import { Condition, RESPONDENT_GROUPS, type RespondentGroup } from "../questionnaire/definition.ts";
import { err, ok, type Result } from "../result.ts";
import type { DraftDefinition, DraftQuestion, DraftSection } from "./draft.ts";
import { isQuestionType, newQuestion, readSettings, readTexts, type FormProblem } from "./kind-settings.ts";

export type Posted = Record<string, unknown>;
export type Edited = Result<DraftDefinition, FormProblem[]>;
export type Direction = "up" | "down";

const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const record = (v: unknown): Posted => (v && typeof v === "object" && !Array.isArray(v) ? (v as Posted) : {});
const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v && typeof v === "object" ? Object.values(v) : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === "string" && x !== "",
  );

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const sectionAt = (def: DraftDefinition, sectionId: string) => {
  const index = def.sections.findIndex((s) => s.id === sectionId);
  if (index < 0) throw new NotFound("section_not_found", `No section ${sectionId}`);
  return index;
};

const questionAt = (section: DraftSection, questionId: string) => {
  const index = section.questions.findIndex((q) => q.id === questionId);
  if (index < 0) throw new NotFound("question_not_found", `No question ${questionId}`);
  return index;
};

const allQuestionIds = (def: DraftDefinition) => def.sections.flatMap((s) => s.questions.map((q) => q.id));

const withSection = (def: DraftDefinition, index: number, section: DraftSection): DraftDefinition => ({
  ...def,
  sections: def.sections.map((s, i) => (i === index ? section : s)),
});

const moved = <T>(items: T[], index: number, direction: Direction): T[] => {
  const to = direction === "up" ? index - 1 : index + 1;
  if (to < 0 || to >= items.length) return items;
  const next = [...items];
  [next[index], next[to]] = [next[to] as T, next[index] as T];
  return next;
};

/** A text left blank in every language is no text at all (an optional one then disappears). */
const optionalTexts = (v: unknown) => {
  const texts = readTexts(v);
  return Object.keys(texts).length ? texts : undefined;
};

const withOptional = <T extends object>(target: T, key: string, value: unknown): T => {
  const next = { ...target } as Record<string, unknown>;
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next as T;
};

/** The questionnaire's own texts: its title and introduction. */
export const editQuestionnaire = (def: DraftDefinition, form: Posted): Edited =>
  ok(withOptional({ ...def, title: readTexts(form.title) }, "intro", optionalTexts(form.intro)));

export const addSection = (def: DraftDefinition, form: Posted): Edited => {
  const id = text(form.id);
  if (!ID.test(id)) return err([{ field: "id", code: "editor_bad_id" }]);
  if (def.sections.some((s) => s.id === id)) return err([{ field: "id", code: "editor_id_taken" }]);
  return ok({ ...def, sections: [...def.sections, { id, title: readTexts(form.title), questions: [] }] });
};

/** A section's title, description and condition. */
export const editSection = (def: DraftDefinition, sectionId: string, form: Posted): Edited => {
  const index = sectionAt(def, sectionId);
  const section = def.sections[index] as DraftSection;
  const problems: FormProblem[] = [];
  const when = readCondition(def, form.when, problems);
  if (problems.length) return err(problems);
  const edited = withOptional(
    withOptional(
      { ...section, title: readTexts(form.title) },
      "description",
      optionalTexts(form.description),
    ),
    "when",
    when,
  );
  return ok(withSection(def, index, edited));
};

export const moveSection = (def: DraftDefinition, sectionId: string, direction: Direction): Edited =>
  ok({ ...def, sections: moved(def.sections, sectionAt(def, sectionId), direction) });

export const deleteSection = (def: DraftDefinition, sectionId: string): Edited => {
  sectionAt(def, sectionId);
  return ok({ ...def, sections: def.sections.filter((s) => s.id !== sectionId) });
};

/** A new question at the end of a section: its id and kind, with the kind's starting settings. */
export const addQuestion = (def: DraftDefinition, sectionId: string, form: Posted): Edited => {
  const index = sectionAt(def, sectionId);
  const section = def.sections[index] as DraftSection;
  const id = text(form.id);
  const type = text(form.type);
  const problems: FormProblem[] = [];
  if (!ID.test(id)) problems.push({ field: "id", code: "editor_bad_id" });
  else if (allQuestionIds(def).includes(id)) problems.push({ field: "id", code: "editor_id_taken" });
  if (!isQuestionType(type)) problems.push({ field: "type", code: "editor_choice" });
  if (problems.length || !isQuestionType(type)) return err(problems);
  const question = { ...newQuestion(id, type), label: readTexts(form.label) };
  return ok(withSection(def, index, { ...section, questions: [...section.questions, question] }));
};

/**
 * A question's texts, whether it must be answered, its condition and its kind's settings (or, with
 * `fieldId`, those of one field of a group question; a field has no condition).
 */
export const editQuestion = (
  def: DraftDefinition,
  sectionId: string,
  questionId: string,
  form: Posted,
  fieldId?: string,
): Edited => {
  const s = sectionAt(def, sectionId);
  const section = def.sections[s] as DraftSection;
  const q = questionAt(section, questionId);
  const question = section.questions[q] as DraftQuestion;
  const fields = (question.fields ?? []) as DraftQuestion[];
  const f = fieldId === undefined ? -1 : fields.findIndex((x) => x.id === fieldId);
  if (fieldId !== undefined && f < 0) throw new NotFound("question_not_found", `No field ${fieldId}`);
  const target = f < 0 ? question : (fields[f] as DraftQuestion);

  const problems: FormProblem[] = [];
  const settings = readSettings(target.type, record(form.s), target, problems);
  const when = fieldId === undefined ? readCondition(def, form.when, problems, questionId) : undefined;
  if (problems.length) return err(problems);
  let edited: DraftQuestion = {
    id: target.id,
    type: target.type,
    label: readTexts(form.label),
    required: form.required !== undefined && form.required !== "",
    ...settings,
  };
  edited = withOptional(edited, "help", optionalTexts(form.help));
  edited = withOptional(edited, "when", when);
  const next: DraftQuestion =
    f < 0 ? edited : { ...question, fields: fields.map((x, j) => (j === f ? edited : x)) };
  return ok(
    withSection(def, s, { ...section, questions: section.questions.map((x, i) => (i === q ? next : x)) }),
  );
};

export const moveQuestion = (
  def: DraftDefinition,
  sectionId: string,
  questionId: string,
  direction: Direction,
): Edited => {
  const s = sectionAt(def, sectionId);
  const section = def.sections[s] as DraftSection;
  const questions = moved(section.questions, questionAt(section, questionId), direction);
  return ok(withSection(def, s, { ...section, questions }));
};

export const deleteQuestion = (def: DraftDefinition, sectionId: string, questionId: string): Edited => {
  const s = sectionAt(def, sectionId);
  const section = def.sections[s] as DraftSection;
  questionAt(section, questionId);
  return ok(
    withSection(def, s, { ...section, questions: section.questions.filter((q) => q.id !== questionId) }),
  );
};

/** How the form shows a condition: groups, a test on an earlier answer, or (any other) its JSON. */
export type ConditionForm = {
  groups: string[];
  question: string;
  test: "" | "equals" | "includes" | "answered" | "unanswered";
  value: string;
  json: string;
};

const EMPTY_CONDITION: ConditionForm = { groups: [], question: "", test: "", value: "", json: "" };

const simpleForm = (c: Condition): Partial<ConditionForm> | undefined => {
  if ("group" in c) return { groups: c.group };
  if ("question" in c) {
    if ("equals" in c) return { question: c.question, test: "equals", value: formValue(c.equals) };
    if ("includes" in c) return { question: c.question, test: "includes", value: c.includes };
    return { question: c.question, test: c.answered ? "answered" : "unanswered" };
  }
  return undefined;
};

const formValue = (v: string | number | boolean) => (v === true ? "yes" : v === false ? "no" : String(v));

export const conditionForm = (c: Condition | undefined): ConditionForm => {
  if (!c) return EMPTY_CONDITION;
  const parts = "all" in c && c.all.length === 2 ? c.all.map(simpleForm) : [simpleForm(c)];
  const [a, b] = parts;
  const mixed = parts.length === 2 && a && b && !!a.groups !== !!b.groups;
  if (parts.length === 1 && a) return { ...EMPTY_CONDITION, ...a };
  if (mixed) return { ...EMPTY_CONDITION, ...a, ...b };
  return { ...EMPTY_CONDITION, json: JSON.stringify(c) };
};

/**
 * Reads the condition part of a form: the groups ticked and a test on another question's answer
 * (both must hold), or a condition written as JSON when it is more than that.
 */
const readCondition = (
  def: DraftDefinition,
  posted: unknown,
  problems: FormProblem[],
  ownId?: string,
): Condition | undefined => {
  const form = record(posted);
  const json = text(form.json);
  if (json) {
    try {
      const parsed = Condition.safeParse(JSON.parse(json));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: said beside the field like any condition that is not one.
    }
    problems.push({ field: "when[json]", code: "editor_condition" });
    return undefined;
  }
  const parts: Condition[] = [];
  const groups = list(form.groups);
  if (groups.some((g) => !(RESPONDENT_GROUPS as readonly string[]).includes(g)))
    problems.push({ field: "when[groups]", code: "editor_choice" });
  else if (groups.length) parts.push({ group: groups as RespondentGroup[] });
  const question = text(form.question);
  const test = text(form.test);
  if (question) {
    const target = def.sections.flatMap((s) => s.questions).find((q) => q.id === question);
    if (!target || question === ownId)
      problems.push({ field: "when[question]", code: "editor_condition_question" });
    const value = text(form.value);
    if (test === "answered" || test === "unanswered") parts.push({ question, answered: test === "answered" });
    else if (test === "includes" && value) parts.push({ question, includes: value });
    else if (test === "equals" && value) {
      const equals =
        target?.type === "yes-no"
          ? value === "yes" || value === "true"
          : target?.type === "number" && Number.isFinite(Number(value))
            ? Number(value)
            : value;
      parts.push({ question, equals });
    } else problems.push({ field: "when[value]", code: "editor_condition_value" });
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { all: parts };
};
