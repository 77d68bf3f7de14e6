// Pieces several question kinds share: storable numbers and text, form reading, labels, counting rows.
import * as z from "zod";
import type { Language } from "../../languages.ts";
import type { ListItem } from "../definition.ts";

/** The largest magnitude a number answer may have: DynamoDB, the SDK and Excel all keep it exactly. */
export const MAX_NUMBER = 1e12;
/** DynamoDB cannot store a non-zero number smaller than this in magnitude (it refuses the whole item). */
export const MIN_MAGNITUDE = 1e-130;

/** A custom issue's code and parameters, which become the field error's. */
export const issue = (code: string, params: Record<string, string | number> = {}) => ({
  params: { code, ...params },
});

export const noDuplicates = (values: string[]) => new Set(values).size === values.length;

export const ids = (items: { id: string }[]) => items.map((i) => i.id) as [string, ...string[]];

/**
 * Text every output can carry: no lone surrogate (not UTF-8, so not storable or sendable) and no
 * character XML 1.0 forbids (control characters other than tab and line breaks, U+FFFE, U+FFFF), which
 * would make the Excel report unreadable. The form reader turns pasted ones into line breaks first.
 */
export const isStorableText = (s: string) =>
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  s.isWellFormed() && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s);

/** A number within [min, max] that storage keeps as given, whatever bounds the definition sets. */
export const storableNumber = (n: z.ZodNumber, min = -MAX_NUMBER, max = MAX_NUMBER) =>
  n
    .min(Math.max(min, -MAX_NUMBER))
    .max(Math.min(max, MAX_NUMBER))
    .refine((v) => v === 0 || Math.abs(v) >= MIN_MAGNITUDE, issue("invalid"));

export const sum = (values: (number | undefined)[]) =>
  values.reduce<number>((total, v) => total + (v ?? 0), 0);

type Raw = unknown;

export const asArray = (value: Raw): Raw[] =>
  Array.isArray(value)
    ? value
    : value && typeof value === "object"
      ? Object.values(value)
      : value === undefined
        ? []
        : [value];

/** Reads "1 234,5", "1,234.5", "1234.5", "12,5" and "1e-7"; anything else is returned unchanged. */
export const readNumber = (value: Raw): Raw => {
  if (typeof value !== "string") return value;
  const compact = value.replace(/[\s\u00a0\u202f]/g, "");
  if (compact === "") return undefined;
  let normalised = compact;
  const lastComma = compact.lastIndexOf(",");
  const lastDot = compact.lastIndexOf(".");
  if (lastComma > -1 && lastDot > -1) {
    const decimal = lastComma > lastDot ? "," : ".";
    const thousands = decimal === "," ? "." : ",";
    normalised = compact.split(thousands).join("").replace(decimal, ".");
  } else if (lastComma > -1) {
    // "12,5" is a decimal comma; "10,000" is a thousands separator; "0,125" cannot be one.
    normalised = /^-?[1-9]\d{0,2}(,\d{3})+$/.test(compact)
      ? compact.replace(/,/g, "")
      : compact.replace(",", ".");
  } else if (/^-?[1-9]\d{0,2}(\.\d{3}){2,}$/.test(compact)) {
    // "1.234.567": two dots can only separate thousands ("1.234" alone stays a decimal point).
    normalised = compact.replace(/\./g, "");
  }
  // The form shows a stored number as JavaScript writes it, "1e-7" included: it must read back.
  return /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(normalised) ? Number(normalised) : value;
};

/**
 * Text as typed: browsers send line breaks as CRLF (counted as one character while typing, so they
 * must not count as two against the limit); a vertical tab or form feed pasted from a word processor
 * is a line break; other control characters are invisible and unstorable in the report, so dropped.
 */
export const readText = (value: Raw): Raw =>
  typeof value === "string"
    ? value
        // eslint-disable-next-line no-control-regex -- replacing control characters is the point
        .replace(/\r\n?|[\u000b\u000c]/g, "\n")
        // eslint-disable-next-line no-control-regex -- replacing control characters is the point
        .replace(/[\u0000-\u0008\u000e-\u001f\ufffe\uffff]/g, "")
    : value;

/** A score or share per item, each read as a number. */
export const readScores = (value: Raw): Raw => {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readNumber(v)]));
};

/** Labels by id, built once per list: answers are looked up many times over. */
const labelIndex = new WeakMap<ListItem[], Map<string, ListItem>>();

export const labelOf = (items: ListItem[], id: string, lang: Language): string => {
  let index = labelIndex.get(items);
  if (!index) {
    index = new Map(items.map((item) => [item.id, item]));
    labelIndex.set(items, index);
  }
  return index.get(id)?.label[lang] ?? id;
};

/** A value as the text a form control holds: nothing for no value or a structured one. */
export const str = (v: unknown) =>
  v === undefined || v === null ? "" : typeof v === "object" ? "" : String(v);

/** A score or share per item, as "Item: 3; Other item: 5". */
export const itemNumbersText = (items: ListItem[], value: unknown, lang: Language) =>
  Object.entries(value as Record<string, number>)
    .map(([id, n]) => `${labelOf(items, id, lang)}: ${n}`)
    .join("; ");

/** Picks from a list, in the questionnaire's order. */
export const pickedIds = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);

/** The form members of a kind with one control and no rows: errors point at the control itself. */
export const oneControl = {
  rowKeys: () => undefined,
  ownsRow: () => false,
  control: (_q: unknown, anchor: string) => `f-${anchor}`,
  rowLabel: () => undefined,
};

/** One column of "All answers", headed by the question. */
export const oneColumn = (q: { label: Record<Language, string> }, lang: Language) => [
  { header: q.label[lang] },
];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

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

export const stripUndefined = <T extends Record<string, unknown>>(item: T) =>
  Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };

/** The id a question's block on the form has, from its path in field errors ("g.0.f"). */
export const anchorOf = (path: string) => `q-${path.replace(/\./g, "-")}`;

/** An answer that is its own text: written as given, in one column. */
export const asWritten = {
  text: (_q: unknown, value: unknown) => String(value),
  columns: oneColumn,
  cell: (_q: unknown, value: unknown) => String(value),
};
