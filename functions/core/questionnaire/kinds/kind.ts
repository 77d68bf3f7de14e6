// What every question kind knows, as one interface: a kind module implements all of it (see index.ts).
import type * as z from "zod";
import type { FieldError } from "../../errors.ts";
import type { Language } from "../../languages.ts";
import type { InOrder, Visitor } from "../../report/aggregation.ts";
import type {
  AllocationSummary,
  Cell,
  ChoiceSummary,
  Column,
  Completion,
  GroupTable,
  NumberSummary,
  QuestionRef,
  ScaleSummary,
  TextSummary,
  Translate,
} from "../../report/model.ts";
import type { AnswerValue, Mode } from "../answers.ts";
import type { Question, QuestionType, SimpleQuestion } from "../definition.ts";
import type { DocumentBlock, FoundControls } from "./document-parts.ts";

export type QuestionOf<K extends QuestionType> = Extract<Question, { type: K }>;

/**
 * A problem of a loaded definition that its schema cannot see, at a path below the question's. The
 * message is for the API and files; `code` (editor.definition.<code>) words it in the console's language.
 */
export type ShapeError = {
  at: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
};

/** An error shown beside its control: the id the control's aria-describedby points to. */
export type ShownError = {
  code: string;
  params: Record<string, string | number>;
  messageId: string;
  /** The row or entry the message is about, read out with it: "Proposal 2", a topic. */
  context?: string | undefined;
};

/** What a kind's form view is built from: the question's place on the page and what it holds. */
export type ViewContext = {
  lang: Language;
  t: Translate;
  /** What the control holds: the stored answer, or what was typed. */
  value: unknown;
  /** The form field's name ("q", "g[0][f]") and its anchor. */
  name: string;
  anchor: string;
  /** The question's path in field errors ("g.0.f"). */
  path: string;
  errors: FieldError[];
  /** Blank entries asked for beyond the one always offered (repeatable groups). */
  extraRows: number;
  /** The error of one row (an item, a rank), shown in that row. */
  rowError: (key: string, label: string) => ShownError | undefined;
  /** The view of a question inside this one (a group's field), as the page shows any question. */
  field: (f: SimpleQuestion, value: unknown, errors: FieldError[], name: string, context: string) => object;
};

/** What a kind's part of the report is told: its question's summary so far and how to order lists. */
export type TallyContext = {
  ref: QuestionRef;
  completion: Completion;
  lang: Language;
  t: Translate;
  inOrder: InOrder;
  /** The top-n question ranking this question's items, when the report pairs them (priority topics). */
  ranking: (QuestionRef & { n: number }) | undefined;
};

/** The findings of each block of the report vocabulary (model.ts) that a kind can yield. */
export type Findings = {
  scale: ScaleSummary;
  choice: ChoiceSummary;
  allocation: AllocationSummary;
  number: NumberSummary;
  text: TextSummary;
  table: GroupTable;
};
export type FindingsBlock = keyof Findings;

/**
 * Adds up one question's answers, one respondent at a time, into the findings of its block: one, or
 * one per id its part names (a finding's `question.id` is its id).
 */
export type Tally<B extends FindingsBlock> = { visit: Visitor; result: () => Findings[B] | Findings[B][] };

/**
 * A kind's part in the report: the block its findings show in, and how they add up. A kind whose
 * question reads best as several findings of one block (a row each) names their ids; each then has a
 * block of its own in the question's chapter, and the renderers need nothing new.
 */
export type ReportPart<K extends QuestionType> = {
  [B in FindingsBlock]: {
    block: B;
    tally: (q: QuestionOf<K>, c: TallyContext) => Tally<B>;
    /** The ids of its findings, in order, when not the question's own id alone. */
    ids?: (q: QuestionOf<K>) => string[];
  };
}[FindingsBlock];

/** What demo answers are made from: a seeded generator and plausible text. */
export type DemoContext = {
  rng: () => number;
  lang: Language;
  who: { name: string; email: string };
  pick: <T>(items: readonly T[]) => T;
  shuffle: <T>(items: readonly T[]) => T[];
  /** A few sentences of plausible text, at most `max` characters. */
  text: (max: number, sentences: number) => string;
  /** The demo answer of a question inside this one (a group's field). */
  field: (f: SimpleQuestion) => unknown;
};

/** What a kind's part of the questionnaire document is told: the language and its answer's place. */
export type DocumentContext = {
  lang: Language;
  t: Translate;
  /** The tag of the question's content controls ("q", "g/0/f"): rows and parts add "/<id>". */
  tag: string;
  /** A field of a group, written as any question is (its own tag below the entry's). */
  field: (f: SimpleQuestion, value: unknown, tag: string) => DocumentBlock[];
};

/**
 * A kind's part in the Word questionnaire (core/questionnaire/document.ts): `write` gives the blocks
 * of its answer place, each control tagged under `c.tag`, filled with `value` (a stored answer or
 * none); `read` takes the texts found under those tags and returns what a form post of the same
 * answer would hold (then read by `fromForm` and validated like one), or undefined when none of its
 * controls is in the document.
 */
export type DocumentPart<K extends QuestionType> = {
  write: (q: QuestionOf<K>, value: AnswerValue | undefined, c: DocumentContext) => DocumentBlock[];
  read: (q: QuestionOf<K>, found: FoundControls, tag: string) => unknown;
};

/** Everything one kind of question knows; every member is required, so a kind cannot be half-added. */
export interface QuestionKind<K extends QuestionType> {
  /** Definition: what its schema cannot check (max above min, n within the items). */
  check: (q: QuestionOf<K>) => ShapeError[];
  /** Definition: whether a condition may ask if this kind's answer includes an option. */
  includable: boolean;
  /** The schema of one non-empty answer; `submit` enforces what `draft` lets wait. */
  answer: (q: QuestionOf<K>, mode: Mode) => z.ZodType<AnswerValue>;
  /** Reads a posted form field into an answer-shaped value, keeping what it cannot read as typed. */
  fromForm: (q: QuestionOf<K>, raw: unknown) => unknown;
  /** Form: the keys of rows whose errors are shown in their row (items, ranks), if it has rows. */
  rowKeys: (q: QuestionOf<K>) => string[] | undefined;
  /** Form: whether an error at `sub` (the path below the question) is shown in a row or entry of its own. */
  ownsRow: (q: QuestionOf<K>, sub: string[]) => boolean;
  /** Form: the id of the control an error at `sub` takes a person to. */
  control: (q: QuestionOf<K>, anchor: string, path: string, sub: string[]) => string;
  /** Form: the name of the row or entry an error at `sub` is about ("Priority 2"). */
  rowLabel: (q: QuestionOf<K>, sub: string[], lang: Language, t: Translate) => string | undefined;
  /** Form: the view model its partial (templates/web/partials/kinds/<kind>.hbs) renders. */
  view: (q: QuestionOf<K>, c: ViewContext) => object;
  /** The answer as text a person reads (report, confirmation, receipt). */
  text: (q: QuestionOf<K>, value: AnswerValue, lang: Language, t: Translate) => string;
  /** Report: its columns in "All answers" (one, one per item, or one per part). */
  columns: (q: QuestionOf<K>, lang: Language) => Omit<Column, "questionId" | "section" | "question">[];
  /** Report: the answer in one of its columns (or as one cell when no column is given). */
  cell: (q: QuestionOf<K>, value: AnswerValue, lang: Language, t: Translate, column?: Column) => Cell;
  /** Report: the block its findings show in and how they add up; none when only a role shows it. */
  report: ReportPart<K> | undefined;
  /** Demo answers: a value as a browser would post it. */
  demo: (q: QuestionOf<K>, c: DemoContext) => unknown;
  /**
   * Translation: the parts of an answer a person wrote in their own words, to be translated for the
   * report's other languages. Absent for a kind whose answers are options, numbers or addresses.
   */
  freeText?: (q: QuestionOf<K>, value: AnswerValue) => string[];
  /** The questionnaire as a Word document: how its answer place is written and read back. */
  document: DocumentPart<K>;
}
