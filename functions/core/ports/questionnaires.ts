// The questionnaires' store: each version of a definition, never changed once stored.
import type { LocalizedText } from "../languages.ts";
import type { Questionnaire } from "../questionnaire/definition.ts";

/** A stored version as a list shows it. */
export type QuestionnaireVersion = { id: string; version: number; title: LocalizedText };

export interface QuestionnaireStore {
  /** Stores a definition; the same id and version can only ever hold one content. */
  putQuestionnaire(q: Questionnaire): Promise<"created" | "unchanged">;
  /** A given version, or the latest when no version is named. */
  getQuestionnaire(id: string, version?: number): Promise<Questionnaire | undefined>;
  /** Every stored version of every questionnaire, by id and version. */
  listQuestionnaireVersions(): Promise<QuestionnaireVersion[]>;
}
