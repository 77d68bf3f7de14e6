// Where an error on the respondent's form points: the control to correct (an input that exists and
// takes focus), and the words naming its question and row or entry, for the summary and screen readers.
import type { FieldError } from "./errors.ts";
import type { Language } from "./languages.ts";
import { allQuestions, type Question, type Questionnaire } from "./questionnaire/definition.ts";
import { kindOf } from "./questionnaire/kinds/index.ts";
import { anchorOf } from "./questionnaire/kinds/parts.ts";
import type { Translate } from "./report/inputs-report.ts";

export { anchorOf };

/** Questions whose errors can belong to one row: a topic of a scale, a share, a rank. */
export const rowKeys = (q: Question): string[] | undefined => kindOf(q).rowKeys(q);

/**
 * The id of the control an error at `sub` (the path below the question at `path`) takes a person to:
 * an input, select or textarea that exists on the page and takes focus.
 */
export const controlFor = (q: Question, path: string, sub: string[]): string =>
  kindOf(q).control(q, anchorOf(path), path, sub);

/** The name of the row or entry an error at `sub` is about: a topic, "Priority 2", "Proposal 2 — Title". */
const rowLabel = (q: Question, sub: string[], lang: Language, t: Translate): string | undefined =>
  sub[0] === undefined ? undefined : kindOf(q).rowLabel(q, sub, lang, t);

export type ErrorSummaryEntry = {
  /** The id of the control the link focuses. */
  target: string;
  label: string;
  row?: string;
  code: string;
  params: Record<string, string | number>;
};

/**
 * One entry per error, naming its question and its row or entry, linked to the control to correct;
 * the unanswered rows of one question are one entry naming them all.
 */
export const errorSummary = (
  questionnaire: Questionnaire,
  errors: FieldError[],
  lang: Language,
  t: Translate,
): ErrorSummaryEntry[] => {
  const entries: ErrorSummaryEntry[] = [];
  const missing = new Map<string, { entry: ErrorSummaryEntry; rows: string[] }>();
  for (const e of errors) {
    const [id = "", ...sub] = e.path.split(".");
    const q = allQuestions(questionnaire).find((x) => x.question.id === id)?.question;
    if (!q) continue;
    const row = rowLabel(q, sub, lang, t);
    const entry: ErrorSummaryEntry = {
      target: controlFor(q, id, sub),
      label: q.label[lang],
      ...(row ? { row } : {}),
      code: e.code,
      params: e.params ?? {},
    };
    if (e.code === "required" && row && rowKeys(q) && sub.length === 1) {
      const seen = missing.get(id);
      if (seen) {
        seen.rows.push(row);
        continue;
      }
      const grouped = { entry: { ...entry, code: "missing_rows" }, rows: [row] };
      missing.set(id, grouped);
      entries.push(grouped.entry);
      continue;
    }
    entries.push(entry);
  }
  for (const { entry, rows } of missing.values()) {
    delete entry.row;
    entry.params = { rows: rows.join("; "), count: rows.length };
  }
  return entries;
};
