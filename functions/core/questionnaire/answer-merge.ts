// Saving as a merge by question: what a person did not change on their page never overwrites what a
// colleague saved meanwhile; only a question both changed is a conflict.
//
// The page carries, per question, a fingerprint of what the question held when it was loaded (the
// "base"). On save, the typed value is compared with that base: equal means this person left the
// question alone, so whatever is stored now is kept. Repeatable groups merge by entry: entries either
// person added survive, entries this person removed or edited give way to what they typed.
import { createHash } from "node:crypto";
import { answerSchema, emptyToUndefined, type Answers } from "./answers.ts";
import { allQuestions, type Question, type Questionnaire } from "./definition.ts";

/** Per question id, the fingerprint of what it held; groups hold one fingerprint per entry, joined by ".". */
export type AnswerBase = Record<string, string>;

const EMPTY = "-";

/** JSON with object keys sorted, so the same answer always gives the same text. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
};

const digest = (value: unknown) =>
  value === undefined
    ? EMPTY
    : createHash("sha256").update(canonicalJson(value)).digest("base64url").slice(0, 12);

/**
 * An answer as storage would keep it: blank means unanswered, and a value a draft accepts takes its
 * stored shape ("10" typed in a number field is 10), so a typed value and the stored one compare equal.
 */
const normalised = (q: Question, value: unknown): unknown => {
  const blank = emptyToUndefined(value);
  if (blank === undefined) return undefined;
  const parsed = answerSchema(q, "draft").safeParse(blank);
  return parsed.success ? parsed.data : blank;
};

const entriesOf = (q: Question, value: unknown): unknown[] => {
  const list = normalised(q, value);
  if (!Array.isArray(list)) return list === undefined ? [] : [list];
  return list.map((entry) => {
    const one = normalised(q, [entry]);
    return Array.isArray(one) && one.length === 1 ? one[0] : entry;
  });
};

/** The fingerprint of one question's answer (or of each of its entries, for a group). */
export const fingerprint = (q: Question, value: unknown): string =>
  q.type === "group"
    ? entriesOf(q, value)
        .map((e) => digest(e))
        .join(".") || EMPTY
    : digest(normalised(q, value));

/** What the page records of the answers it shows, to be posted back with every save. */
export const answerBase = (questionnaire: Questionnaire, answers: Answers): AnswerBase =>
  Object.fromEntries(
    allQuestions(questionnaire).map(({ question }) => [
      question.id,
      fingerprint(question, answers[question.id]),
    ]),
  );

/** Reads a posted base, keeping only well-formed fingerprints of known questions. */
export const readAnswerBase = (questionnaire: Questionnaire, posted: unknown): AnswerBase | undefined => {
  if (!posted || typeof posted !== "object" || Array.isArray(posted)) return undefined;
  const known = new Set(allQuestions(questionnaire).map(({ question }) => question.id));
  const base: AnswerBase = {};
  for (const [id, value] of Object.entries(posted as Record<string, unknown>)) {
    if (known.has(id) && typeof value === "string" && /^[\w.-]{1,20000}$/.test(value)) base[id] = value;
  }
  return base;
};

export type MergeOutcome = {
  /** The answers to store: stored ones, with what this person changed applied. */
  merged: Record<string, unknown>;
  /** Questions this person and someone else both changed, to different values. */
  conflicts: string[];
  /** Questions whose stored value this person changed. */
  changed: string[];
};

/** Multiset difference of fingerprints: each one in `remove` takes away one occurrence. */
const without = <T>(items: { fp: string; value: T }[], remove: string[]) => {
  const left = new Map<string, number>();
  for (const fp of remove) left.set(fp, (left.get(fp) ?? 0) + 1);
  return items.filter(({ fp }) => {
    const n = left.get(fp) ?? 0;
    if (n === 0) return true;
    left.set(fp, n - 1);
    return false;
  });
};

const mergeEntries = (q: Question, base: string, typed: unknown, stored: unknown): unknown[] => {
  const baseFps = base === EMPTY ? [] : base.split(".");
  const mine = entriesOf(q, typed).map((value) => ({ fp: digest(value), value }));
  const theirs = entriesOf(q, stored).map((value) => ({ fp: digest(value), value }));
  const added = without(mine, baseFps);
  const removedFrom = (after: { fp: string }[]) =>
    without(
      baseFps.map((fp) => ({ fp, value: fp })),
      after.map((m) => m.fp),
    ).map((r) => r.fp);
  // A copy of an entry the colleague removed too was most likely the same one: removing it again
  // would take away a copy both people kept.
  const removed = without(
    removedFrom(mine).map((fp) => ({ fp, value: fp })),
    removedFrom(theirs),
  ).map((r) => r.fp);
  const kept = without(theirs, removed);
  const keptFps = kept.map((k) => k.fp);
  return [...kept, ...without(added, keptFps)].map((e) => e.value);
};

/**
 * Applies what this person typed to what is stored now, question by question. `editable` limits the
 * questions this person may change (a contributor's sections); a question the page did not carry a
 * base for is left as stored.
 */
export const mergeAnswers = (
  questionnaire: Questionnaire,
  input: { base: AnswerBase; typed: Record<string, unknown>; stored: Answers; editable: Set<string> },
): MergeOutcome => {
  const { base, typed, stored, editable } = input;
  const merged: Record<string, unknown> = { ...stored };
  const conflicts: string[] = [];
  const changed: string[] = [];
  for (const { question } of allQuestions(questionnaire)) {
    const id = question.id;
    const loaded = base[id];
    if (loaded === undefined || !editable.has(id)) continue;
    const mineFp = fingerprint(question, typed[id]);
    if (mineFp === loaded) continue; // untouched on this page: what is stored stays
    const storedFp = fingerprint(question, stored[id]);
    if (mineFp === storedFp) continue; // already stored as typed
    changed.push(id);
    if (storedFp === loaded) {
      merged[id] = typed[id];
    } else if (question.type === "group") {
      merged[id] = mergeEntries(question, loaded, typed[id], stored[id]);
    } else {
      conflicts.push(id);
      merged[id] = typed[id];
    }
  }
  return { merged, conflicts, changed };
};

/**
 * What the page shows after a conflict: this person's typed value where they changed a question (both
 * people's entries, for a group), what is stored now everywhere else; its base is what is stored now, so saving again applies exactly
 * what this person changed and nothing else.
 */
export const valuesAfterConflict = (
  questionnaire: Questionnaire,
  input: { base: AnswerBase; typed: Record<string, unknown>; stored: Answers; editable: Set<string> },
): Record<string, unknown> => {
  const values: Record<string, unknown> = { ...input.stored };
  for (const { question } of allQuestions(questionnaire)) {
    const id = question.id;
    const loaded = input.base[id];
    if (loaded === undefined || !input.editable.has(id)) continue;
    if (fingerprint(question, input.typed[id]) === loaded) continue;
    // A group shows both people's entries: saving again must not read a colleague's as removed.
    values[id] =
      question.type === "group" && fingerprint(question, input.stored[id]) !== loaded
        ? mergeEntries(question, loaded, input.typed[id], input.stored[id])
        : input.typed[id];
  }
  return values;
};

/**
 * The base a page that still shows what was typed carries after a save: a question now stored as typed
 * has that as its base; any other keeps the base it had, so a colleague's answer merged in (which the
 * page does not show) is not taken for this person's change at the next save.
 */
export const baseAfterSave = (
  questionnaire: Questionnaire,
  base: AnswerBase,
  typed: Record<string, unknown>,
  stored: Record<string, unknown>,
): AnswerBase => {
  const next: AnswerBase = { ...base };
  for (const { question } of allQuestions(questionnaire)) {
    const id = question.id;
    if (base[id] === undefined) continue;
    const mine = fingerprint(question, typed[id]);
    if (mine === fingerprint(question, stored[id])) next[id] = mine;
  }
  return next;
};

/** Whether what is stored differs from what the page shows on a question the page carries. */
export const showsOthers = (
  questionnaire: Questionnaire,
  base: AnswerBase,
  typed: Record<string, unknown>,
  stored: Record<string, unknown>,
): boolean =>
  allQuestions(questionnaire).some(
    ({ question }) =>
      base[question.id] !== undefined &&
      fingerprint(question, typed[question.id]) !== fingerprint(question, stored[question.id]),
  );
