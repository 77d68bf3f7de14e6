// A questionnaire being edited: the definition's own shape, with texts that may still lack a language.
import type { Language } from "../languages.ts";
import type { Condition, ListItem, QuestionType } from "../questionnaire/definition.ts";

/** A text as far as it is translated: a language without text is missing, not empty. */
export type Texts = Partial<Record<Language, string>>;

export type DraftItem = { id: string; label: Texts; tag?: string };

/** A question as edited: its kind's settings are the keys its definition schema names. */
export type DraftQuestion = {
  id: string;
  type: QuestionType;
  label: Texts;
  help?: Texts;
  required?: boolean;
  when?: Condition;
  [setting: string]: unknown;
};

export type DraftSection = {
  id: string;
  title: Texts;
  description?: Texts;
  when?: Condition;
  questions: DraftQuestion[];
};

export type DraftDefinition = {
  id: string;
  version: number;
  title: Texts;
  intro?: Texts;
  /** Shared lists a copied version names; the editor writes items into each question instead. */
  lists?: Record<string, ListItem[] | DraftItem[]>;
  sections: DraftSection[];
};
