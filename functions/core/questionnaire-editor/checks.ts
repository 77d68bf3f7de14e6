// What stands between a draft and publishing: the definition's own errors (loadQuestionnaire's), each
// placed at the section and question it is about, and every text still missing a language.
import { LANGUAGES, type Language } from "../languages.ts";
import { loadQuestionnaire, type DefinitionError, type Questionnaire } from "../questionnaire/definition.ts";
import type { Result } from "../result.ts";
import type { DraftDefinition, Texts } from "./draft.ts";

/** Where in the draft a problem is: the section and question (or a group's field) and the rest of the path. */
export type Place = { sectionId?: string; questionId?: string; fieldId?: string; at: string };

export type DraftProblem = Place & Omit<DefinitionError, "path"> & { path: string };
export type MissingTranslation = Place & { path: string; languages: Language[] };
export type DraftCheck = { problems: DraftProblem[]; missing: MissingTranslation[] };

const isLanguage = (key: string) => (LANGUAGES as readonly string[]).includes(key);

/** "sections[1].questions[0].fields[2].label" → the ids at those places, and "label". */
export const placeOf = (def: DraftDefinition, path: string): Place => {
  const m = /^sections\[(\d+)\](?:\.questions\[(\d+)\](?:\.fields\[(\d+)\])?)?\.?(.*)$/.exec(path);
  if (!m) return { at: path };
  const section = def.sections[Number(m[1])];
  const question = m[2] === undefined ? undefined : section?.questions[Number(m[2])];
  const field =
    m[3] === undefined ? undefined : (question?.fields as { id: string }[] | undefined)?.[Number(m[3])];
  return {
    ...(section ? { sectionId: section.id } : {}),
    ...(question ? { questionId: question.id } : {}),
    ...(field ? { fieldId: field.id } : {}),
    at: m[4] ?? "",
  };
};

/** A place as a terminal names it: "section main, question q-new: label". */
export const placeName = (p: Place) => {
  const where = [
    p.sectionId && `section ${p.sectionId}`,
    p.questionId && `question ${p.questionId}`,
    p.fieldId && `field ${p.fieldId}`,
  ].filter(Boolean);
  return where.length ? `${where.join(", ")}${p.at ? `: ${p.at}` : ""}` : p.at;
};

const TEXT_KEYS = new Set([
  "title",
  "intro",
  "description",
  "label",
  "help",
  "minLabel",
  "maxLabel",
  "itemLabel",
]);

const isTexts = (v: unknown): v is Texts =>
  !!v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).every(isLanguage);

/** Every text of the draft lacking a language, by path (a shared list's are checked where it is used). */
export const missingTranslations = (def: DraftDefinition): MissingTranslation[] => {
  const found: MissingTranslation[] = [];
  const visit = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, `${path}[${i}]`));
      return;
    }
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      const at = path ? `${path}.${key}` : key;
      if (key === "lists") continue;
      if (TEXT_KEYS.has(key) && isTexts(value)) {
        const languages = LANGUAGES.filter((lang) => !value[lang]?.trim());
        if (languages.length) found.push({ ...placeOf(def, at), path: at, languages });
      } else visit(value, at);
    }
  };
  visit(def, "");
  return found;
};

/**
 * The draft checked as publishing would: loadQuestionnaire's errors, found with the missing texts
 * stood in for (so that a text still to translate hides none of the rest), and the missing texts
 * listed once per text rather than once per language.
 */
export const checkDraft = (
  def: DraftDefinition,
): DraftCheck & { loaded: Result<Questionnaire, DefinitionError[]> } => {
  const missing = missingTranslations(def);
  const standIn = loadQuestionnaire(withStandInTexts(def));
  const problems = standIn.ok ? [] : standIn.error.map((e) => ({ ...placeOf(def, e.path), ...e }));
  return { problems, missing, loaded: missing.length ? loadQuestionnaire(def) : standIn };
};

/**
 * The draft with every missing text filled from a language it has, marked, so a preview shows the
 * whole form before the translators are done.
 */
export const withStandInTexts = (def: DraftDefinition): DraftDefinition => {
  const fill = (node: unknown, key?: string): unknown => {
    if (Array.isArray(node)) return node.map((child) => fill(child));
    if (!node || typeof node !== "object") return node;
    if (key !== undefined && TEXT_KEYS.has(key) && isTexts(node)) {
      const source = LANGUAGES.map((lang) => node[lang]).find((t) => t?.trim()) ?? "…";
      return Object.fromEntries(
        LANGUAGES.map((lang) => [lang, node[lang]?.trim() ? node[lang] : `[${lang}?] ${source}`]),
      );
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === "lists" ? v : fill(v, k)]));
  };
  return fill(def) as DraftDefinition;
};
