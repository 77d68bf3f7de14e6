// The simple question kinds (all but the repeatable group), each by name: its definition schema and its module.
import type { SimpleQuestion, SimpleType } from "../definition.ts";
import type { QuestionKind } from "./kind.ts";
import * as allocation from "./allocation.ts";
import * as file from "./file.ts";
import * as longText from "./long-text.ts";
import * as matrix from "./matrix.ts";
import * as money from "./money.ts";
import * as multipleChoice from "./multiple-choice.ts";
import * as number from "./number.ts";
import * as scale from "./scale.ts";
import * as shortText from "./short-text.ts";
import * as singleChoice from "./single-choice.ts";
import * as topN from "./top-n.ts";
import * as yesNo from "./yes-no.ts";

/** Each simple kind's definition schema, built on first load (definition.ts): the type names are its keys. */
export const SIMPLE_DEFINITIONS = {
  "single-choice": singleChoice.definition,
  "multiple-choice": multipleChoice.definition,
  scale: scale.definition,
  "top-n": topN.definition,
  "short-text": shortText.definition,
  "long-text": longText.definition,
  number: number.definition,
  money: money.definition,
  "yes-no": yesNo.definition,
  allocation: allocation.definition,
  matrix: matrix.definition,
  file: file.definition,
};

/** Every simple kind's module: a type in SIMPLE_DEFINITIONS without a complete module here fails tsc. */
export const SIMPLE_KINDS: { [K in SimpleType]: QuestionKind<K> } = {
  "single-choice": singleChoice.singleChoice,
  "multiple-choice": multipleChoice.multipleChoice,
  scale: scale.scale,
  "top-n": topN.topN,
  "short-text": shortText.shortText,
  "long-text": longText.longText,
  number: number.number,
  money: money.money,
  "yes-no": yesNo.yesNo,
  allocation: allocation.allocation,
  matrix: matrix.matrix,
  file: file.file,
};

/**
 * The module of a simple question's kind, for that question: each module takes only its own kind, and
 * `q` is of the kind it picks, so the cast only forgets which one.
 */
export const simpleKindOf = (q: SimpleQuestion) =>
  SIMPLE_KINDS[q.type] as unknown as QuestionKind<SimpleType>;
