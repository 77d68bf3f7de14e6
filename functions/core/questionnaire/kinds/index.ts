// Every question kind by name: shared code (answers, form, report, demo) asks the kind, never switches on it.
//
// Adding a simple kind: its module kinds/<kind>.ts (a `definition` schema builder and a QuestionKind),
// a line for each in simple.ts, its partial templates/web/partials/kinds/<kind>.hbs, any strings it
// looks up in templates/i18n/<lang>/*.json (all four languages), and a sample question in
// test/unit/core/questionnaire/kinds.test.ts. Leaving any member or registry line out fails tsc.
import type { Question, QuestionType } from "../definition.ts";
import { group } from "./group.ts";
import type { QuestionKind } from "./kind.ts";
import { SIMPLE_KINDS } from "./simple.ts";

export type { QuestionKind } from "./kind.ts";
export { simpleKindOf } from "./simple.ts";

/** A type of the question-type union without a complete module here fails tsc. */
const KINDS: { [K in QuestionType]: QuestionKind<K> } = { ...SIMPLE_KINDS, group };

/** Every kind's name, in the questionnaire schema's order. */
export const QUESTION_TYPES = Object.keys(KINDS) as QuestionType[];

/**
 * The module of a question's kind, for that question: each module takes only its own kind, and `q` is
 * of the kind it picks, so the cast only forgets which one.
 */
export const kindOf = (q: Question) => KINDS[q.type] as unknown as QuestionKind<QuestionType>;
