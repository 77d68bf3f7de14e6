// Each question kind's own settings as the editor's form shows them: what a new question starts with,
// and how a posted form reads back into the keys its definition schema names.
//
// A kind added to kinds/index.ts without a line here fails tsc, as its registry lines do.
import { LANGUAGES, type Language } from "../languages.ts";
import type { QuestionType, SimpleType } from "../questionnaire/definition.ts";
import type { DraftItem, DraftQuestion, Texts } from "./draft.ts";

/** One setting: its key in the definition and the control that edits it. */
export type Setting =
  | { name: string; input: "whole" | "number"; optional?: boolean }
  | { name: string; input: "checkbox" }
  | { name: string; input: "texts"; optional?: boolean }
  | { name: string; input: "items" }
  | { name: string; input: "codes" }
  | { name: string; input: "choice"; values: string[] }
  | { name: string; input: "fields" };

type KindEditor = { settings: Setting[]; initial: Record<string, unknown> };

export const KIND_SETTINGS: { [K in QuestionType]: KindEditor } = {
  "single-choice": { settings: [{ name: "options", input: "items" }], initial: { options: [] } },
  "multiple-choice": {
    settings: [
      { name: "options", input: "items" },
      { name: "maxPicks", input: "whole", optional: true },
    ],
    initial: { options: [] },
  },
  scale: {
    settings: [
      { name: "items", input: "items" },
      { name: "min", input: "whole" },
      { name: "max", input: "whole" },
      { name: "minLabel", input: "texts", optional: true },
      { name: "maxLabel", input: "texts", optional: true },
    ],
    initial: { items: [], min: 1, max: 5 },
  },
  "top-n": {
    settings: [
      { name: "items", input: "items" },
      { name: "n", input: "whole" },
    ],
    initial: { items: [], n: 3 },
  },
  "short-text": {
    settings: [
      { name: "maxLength", input: "whole", optional: true },
      { name: "format", input: "choice", values: ["", "email"] },
    ],
    initial: { maxLength: 300 },
  },
  "long-text": {
    settings: [{ name: "maxLength", input: "whole", optional: true }],
    initial: { maxLength: 4000 },
  },
  number: {
    settings: [
      { name: "min", input: "number", optional: true },
      { name: "max", input: "number", optional: true },
      { name: "integer", input: "checkbox" },
    ],
    initial: { integer: false },
  },
  money: {
    settings: [
      { name: "currencies", input: "codes" },
      { name: "min", input: "number", optional: true },
    ],
    initial: { currencies: ["USD"], min: 0 },
  },
  "yes-no": { settings: [], initial: {} },
  matrix: {
    settings: [
      { name: "items", input: "items" },
      { name: "columns", input: "items" },
      { name: "other", input: "texts", optional: true },
    ],
    initial: { items: [], columns: [] },
  },
  allocation: {
    settings: [
      { name: "items", input: "items" },
      { name: "total", input: "number", optional: true },
    ],
    initial: { items: [], total: 100 },
  },
  file: {
    settings: [
      { name: "accept", input: "codes" },
      { name: "maxBytes", input: "whole", optional: true },
      { name: "maxFiles", input: "whole", optional: true },
    ],
    initial: { accept: ["pdf", "docx", "odt", "xlsx"], maxBytes: 20 * 1024 * 1024, maxFiles: 1 },
  },
  group: {
    settings: [
      { name: "fields", input: "fields" },
      { name: "minItems", input: "whole", optional: true },
      { name: "maxItems", input: "whole", optional: true },
      { name: "itemLabel", input: "texts" },
    ],
    initial: { fields: [], minItems: 0, maxItems: 10, itemLabel: {} },
  },
};

export const QUESTION_KINDS = Object.keys(KIND_SETTINGS) as QuestionType[];
export const FIELD_KINDS = QUESTION_KINDS.filter((k): k is SimpleType => k !== "group");

export const isQuestionType = (value: unknown): value is QuestionType =>
  typeof value === "string" && Object.hasOwn(KIND_SETTINGS, value);

/** A question of a kind with nothing but its id: the kind's starting settings, texts still to write. */
export const newQuestion = (id: string, type: QuestionType): DraftQuestion => ({
  id,
  type,
  label: {},
  required: false,
  ...structuredClone(KIND_SETTINGS[type].initial),
});

/** A problem with one field of the posted form: its name in the form and a code the page translates. */
export type FormProblem = { field: string; code: string };

type Posted = Record<string, unknown>;

const text = (v: unknown) => (typeof v === "string" ? v : "");
const rows = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : v && typeof v === "object" ? Object.values(v) : [];
const record = (v: unknown): Posted => (v && typeof v === "object" && !Array.isArray(v) ? (v as Posted) : {});

/** Texts as typed: a language left blank is missing (flagged), never an empty text. */
export const readTexts = (v: unknown): Texts => {
  const posted = record(v);
  const texts: Texts = {};
  for (const lang of LANGUAGES) {
    const t = text(posted[lang]).trim();
    if (t) texts[lang] = t;
  }
  return texts;
};

const hasText = (t: Texts) => LANGUAGES.some((lang: Language) => t[lang] !== undefined);

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Rows of items: one left wholly blank is no item (the form always offers an empty row to add one). */
const readItems = (v: unknown, field: string, problems: FormProblem[]): DraftItem[] =>
  rows(v).flatMap((row, i) => {
    const r = record(row);
    const id = text(r.id).trim();
    const label = readTexts(r.label);
    if (!id && !hasText(label)) return [];
    if (!ID.test(id)) problems.push({ field: `${field}[${i}][id]`, code: "editor_bad_id" });
    const tag = text(r.tag).trim();
    return [{ id, label, ...(tag ? { tag } : {}) }];
  });

const readNumber = (raw: string, whole: boolean): number | undefined => {
  const n = Number(raw.replace(",", "."));
  return raw === "" || !Number.isFinite(n) || (whole && !Number.isInteger(n)) ? undefined : n;
};

/**
 * Reads one kind's settings from the posted `s[...]` fields; `current` is the question as stored, so a
 * group's fields keep the settings the rows do not show.
 */
export const readSettings = (
  type: QuestionType,
  posted: Posted,
  current: DraftQuestion | undefined,
  problems: FormProblem[],
): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const setting of KIND_SETTINGS[type].settings) {
    const field = `s[${setting.name}]`;
    const raw = posted[setting.name];
    switch (setting.input) {
      case "whole":
      case "number": {
        const typed = text(raw).trim();
        const n = readNumber(typed, setting.input === "whole");
        if (n !== undefined) out[setting.name] = n;
        else if (typed !== "" || !setting.optional)
          problems.push({ field, code: setting.input === "whole" ? "editor_whole_number" : "editor_number" });
        break;
      }
      case "checkbox":
        out[setting.name] = raw !== undefined && raw !== "";
        break;
      case "texts": {
        const texts = readTexts(raw);
        if (hasText(texts) || !setting.optional) out[setting.name] = texts;
        break;
      }
      case "items":
        out[setting.name] = readItems(raw, field, problems);
        break;
      case "codes":
        out[setting.name] = text(raw)
          .split(/[\s,;]+/)
          .map((c) => c.trim().toUpperCase())
          .filter(Boolean);
        break;
      case "choice": {
        const picked = text(raw);
        if (!setting.values.includes(picked)) problems.push({ field, code: "editor_choice" });
        else if (picked) out[setting.name] = picked;
        break;
      }
      case "fields": {
        const before = new Map(
          rows(current?.[setting.name]).map((f) => [(f as DraftQuestion).id, f as DraftQuestion]),
        );
        out[setting.name] = rows(raw).flatMap((row, i) => {
          const r = record(row);
          const id = text(r.id).trim();
          const label = readTexts(r.label);
          if (!id && !hasText(label)) return [];
          if (!ID.test(id)) problems.push({ field: `${field}[${i}][id]`, code: "editor_bad_id" });
          const kind = text(r.type);
          const fieldType: SimpleType = FIELD_KINDS.includes(kind as SimpleType)
            ? (kind as SimpleType)
            : "short-text";
          const kept = before.get(id);
          const base = kept && kept.type === fieldType ? kept : newQuestion(id, fieldType);
          return [{ ...base, id, label, required: r.required !== undefined && r.required !== "" }];
        });
        break;
      }
    }
  }
  return out;
};

/** A question's settings as the form's fields hold them (the reverse of readSettings). */
export const settingsForm = (q: DraftQuestion): Record<string, unknown> =>
  Object.fromEntries(
    KIND_SETTINGS[q.type].settings.map((setting) => {
      const value = q[setting.name];
      switch (setting.input) {
        case "whole":
        case "number":
          return [setting.name, value === undefined ? "" : String(value)];
        case "checkbox":
          return [setting.name, value === true];
        case "texts":
          return [setting.name, value ?? {}];
        case "codes":
          return [setting.name, Array.isArray(value) ? value.join(", ") : ""];
        case "choice":
          return [setting.name, typeof value === "string" ? value : ""];
        case "items":
        case "fields":
          return [setting.name, Array.isArray(value) ? value : []];
      }
    }),
  );
