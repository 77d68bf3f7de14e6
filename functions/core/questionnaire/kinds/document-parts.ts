// What the question kinds write into the Word questionnaire and read back from it: the block model
// (content controls tagged with a question's id) and the small pieces several kinds share.
import type { Language } from "../../languages.ts";
import type { ListItem } from "../definition.ts";
import { str } from "./parts.ts";

/** A place to answer: plain text (one line or several), a drop-down list, or a check box. */
export type Control =
  | { control: "text"; tag: string; value: string; multiline: boolean }
  | { control: "choice"; tag: string; options: { id: string; label: string }[]; value: string | undefined }
  | { control: "check"; tag: string; checked: boolean };
export type Inline = { text: string; bold?: boolean } | Control;
export type DocumentBlock =
  | { block: "heading"; level: 1 | 2 | 3; text: string }
  | { block: "paragraph"; parts: Inline[]; note?: boolean }
  /** Rows of cells of inlines; the first row is a header when `header` is set. */
  | { block: "table"; rows: Inline[][][]; header?: boolean };

/** The controls found in a returned document, by tag; each read marks its tag as recognised. */
export interface FoundControls {
  /** The text of the control with this tag ("" when left at its placeholder); undefined if absent. */
  text(tag: string): string | undefined;
  /** Whether the check box with this tag is checked; undefined if absent. */
  checked(tag: string): boolean | undefined;
}

// What kinds write and read.

export const textControl = (tag: string, value: unknown, multiline = false): Control => ({
  control: "text",
  tag,
  value: str(value),
  multiline,
});

export const choiceControl = (tag: string, items: ListItem[], lang: Language, value: unknown): Control => ({
  control: "choice",
  tag,
  options: items.map((i) => ({ id: i.id, label: i.label[lang] })),
  value: typeof value === "string" && items.some((i) => i.id === value) ? value : undefined,
});

export const line = (...parts: (Inline | string)[]): DocumentBlock => ({
  block: "paragraph",
  parts: parts.map((p) => (typeof p === "string" ? { text: p } : p)),
});

export const note = (text: string): DocumentBlock => ({ block: "paragraph", parts: [{ text }], note: true });

export const normal = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();

/**
 * The id of the item a list shows as `text`: its label in any language, its id, or its number in the
 * list; "" for nothing chosen; the text as written when it names none (validation then says so).
 */
export const itemIdOf = (items: ListItem[], text: string | undefined): string | undefined => {
  if (text === undefined) return undefined;
  const wanted = normal(text);
  if (wanted === "") return "";
  const found = items.find(
    (i) => i.id === wanted || Object.values(i.label).some((label) => normal(label) === wanted),
  );
  if (found) return found.id;
  const n = /^\d+$/.test(wanted) ? items[Number(wanted) - 1] : undefined;
  return n?.id ?? text.trim();
};

/** Per item, the text under `tag/<item>`: a form post's map of scores or shares; undefined if none found. */
export const readPerItem = (items: ListItem[], found: FoundControls, tag: string, asId?: ListItem[]) => {
  const out: Record<string, string> = {};
  let any = false;
  for (const item of items) {
    const text = found.text(`${tag}/${item.id}`);
    if (text === undefined) continue;
    any = true;
    out[item.id] = asId ? (itemIdOf(asId, text) ?? "") : text;
  }
  return any ? out : undefined;
};

/** A label that reads the same in every language: a number, a currency code, a word already translated. */
export const sameIn = (text: string) => ({ es: text, en: text, fr: text, pt: text });

/** Currencies as a list to choose from. */
export const currencyItems = (codes: string[]): ListItem[] => codes.map((c) => ({ id: c, label: sameIn(c) }));
