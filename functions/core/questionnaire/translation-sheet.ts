// The translators' sheet: every translatable text of a questionnaire version as one row (a locked id,
// where it appears, one column per language), and a returned sheet read back as a plan of changes.
//
// The texts are found by walking the definition, not by knowing its kinds: a question kind added later
// (its rows, columns, labels) is in the sheet without this file changing. A list shared by several
// questions is one set of rows under `lists/…`, as the Secretariat wrote it once.
import { LANGUAGES, type Language } from "../languages.ts";
import type { Questionnaire } from "./definition.ts";

export type TextRow = {
  /** Stable path of the text in the definition, e.g. `sections/priorities/questions/topics/label`. */
  id: string;
  texts: Partial<Record<Language, string>>;
};

/** The sheet's first row: the id, then one column per language. */
export const SHEET_HEADER = ["id", ...LANGUAGES] as const;

type Node = unknown;
type Located = { path: string[]; text: Partial<Record<Language, string>> };

const isLocalizedText = (node: Node): node is Partial<Record<Language, string>> => {
  if (!node || typeof node !== "object" || Array.isArray(node)) return false;
  const entries = Object.entries(node);
  return (
    entries.length > 0 &&
    entries.every(
      ([key, value]) => (LANGUAGES as readonly string[]).includes(key) && typeof value === "string",
    )
  );
};

const segment = (element: Node, index: number): string =>
  element && typeof element === "object" && "id" in element && typeof element.id === "string"
    ? element.id
    : String(index);

/** Where a question's items are a shared list (copied in when the definition was loaded), by path. */
type SharedItems = { path: string[]; list: string };

const walk = (q: Questionnaire) => {
  const found: Located[] = [];
  const shared: SharedItems[] = [];
  const lists = new Map(Object.entries(q.lists ?? {}).map(([name, items]) => [JSON.stringify(items), name]));
  const visit = (node: Node, path: string[]) => {
    if (isLocalizedText(node)) {
      found.push({ path, text: node });
      return;
    }
    if (Array.isArray(node)) {
      const list = path[0] !== "lists" ? lists.get(JSON.stringify(node)) : undefined;
      if (list !== undefined) {
        shared.push({ path, list });
        return;
      }
      node.forEach((element, i) => visit(element, [...path, segment(element, i)]));
      return;
    }
    if (node && typeof node === "object")
      for (const [key, value] of Object.entries(node)) visit(value, [...path, key]);
  };
  visit(q, []);
  return { found, shared };
};

/** Every translatable text of the version, in the order the definition holds them. */
export const translatableTexts = (q: Questionnaire): TextRow[] =>
  walk(q).found.map(({ path, text }) => ({ id: path.join("/"), texts: { ...text } }));

/** The sheet as rows of cells: the header, then one row per text. */
export const translationRows = (q: Questionnaire): string[][] => [
  [...SHEET_HEADER],
  ...translatableTexts(q).map((row) => [row.id, ...LANGUAGES.map((lang) => row.texts[lang] ?? "")]),
];

export type TextChange = { id: string; language: Language; before: string; after: string };

export type TranslationPlan =
  | {
      ok: true;
      changes: TextChange[];
      /** Cells left empty in the file: the text stays as it is (a definition cannot hold an empty text). */
      keptEmpty: { id: string; language: Language }[];
    }
  | {
      ok: false;
      /** Why the file cannot be applied to this version; nothing is changed. */
      problem: "no-header" | "ids-differ";
      /** Ids the file has that this version does not (edited, or from another questionnaire). */
      unknown: string[];
      /** Ids of this version the file lacks (rows deleted). */
      missing: string[];
      /** Ids the file holds more than once. */
      repeated: string[];
    };

const normalize = (text: string) => text.replace(/\r\n?/g, "\n").trim();

/**
 * What a returned sheet would change in this version. The ids must be exactly this version's: a file
 * made from another version (or with rows added, deleted or renamed) is refused, naming each id.
 */
export const planTranslationImport = (q: Questionnaire, rows: string[][]): TranslationPlan => {
  const headerAt = rows.findIndex((row) => row.some((cell) => cell.trim() !== ""));
  const header = (rows[headerAt] ?? []).map((cell) => cell.trim().toLowerCase());
  const idColumn = header.indexOf("id");
  const columns = LANGUAGES.map((lang) => ({
    lang,
    at: header.findIndex((cell) => cell === lang || cell.startsWith(`${lang} `)),
  })).filter((c) => c.at >= 0);
  const refusal = { unknown: [], missing: [], repeated: [] };
  if (headerAt < 0 || idColumn < 0 || columns.length === 0)
    return { ok: false, problem: "no-header", ...refusal };

  const current = new Map(translatableTexts(q).map((row) => [row.id, row.texts]));
  const seen = new Set<string>();
  const repeated = new Set<string>();
  const unknown: string[] = [];
  const changes: TextChange[] = [];
  const keptEmpty: { id: string; language: Language }[] = [];
  for (const row of rows.slice(headerAt + 1)) {
    const id = (row[idColumn] ?? "").trim();
    if (!id) continue;
    if (seen.has(id)) repeated.add(id);
    seen.add(id);
    const texts = current.get(id);
    if (!texts) {
      unknown.push(id);
      continue;
    }
    for (const { lang, at } of columns) {
      const after = normalize(row[at] ?? "");
      const before = texts[lang] ?? "";
      if (!after) {
        if (before) keptEmpty.push({ id, language: lang });
      } else if (after !== normalize(before)) changes.push({ id, language: lang, before, after });
    }
  }
  const missing = [...current.keys()].filter((id) => !seen.has(id));
  if (unknown.length || missing.length || repeated.size)
    return { ok: false, problem: "ids-differ", unknown, missing, repeated: [...repeated] };
  return { ok: true, changes, keptEmpty };
};

/** The version with the changes made: a new definition (the caller keeps it as a draft to publish). */
export const applyTranslations = (q: Questionnaire, changes: TextChange[]): Questionnaire => {
  const copy = structuredClone(q);
  const { found, shared } = walk(copy);
  const byId = new Map(found.map((f) => [f.path.join("/"), f.text]));
  for (const change of changes) {
    const text = byId.get(change.id);
    if (!text) throw new Error(`No text ${change.id} in ${q.id} v${q.version}`);
    text[change.language] = change.after;
  }
  // Questions carry a copy of the shared lists they use: give them the translated list again.
  for (const { path, list } of shared) {
    const parent = path.slice(0, -1).reduce<Node>((node, key) => childOf(node, key), copy);
    const items = copy.lists[list];
    if (parent && typeof parent === "object" && items)
      (parent as Record<string, unknown>)[path.at(-1) as string] = structuredClone(items);
  }
  return copy;
};

const childOf = (node: Node, key: string): Node => {
  if (Array.isArray(node)) return node.find((element, i) => segment(element, i) === key);
  return node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
};
