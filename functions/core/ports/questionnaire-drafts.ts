// The questionnaire drafts' store: the next version of a questionnaire while the Secretariat edits it.
import type { DraftDefinition } from "../questionnaire-editor/draft.ts";

export type QuestionnaireDraft = {
  questionnaireId: string;
  /** The version it will be published as (the next free one when it was copied). */
  version: number;
  /** The published version it was copied from. */
  basedOn: number;
  definition: DraftDefinition;
  /** Raised by one on every save: a save made over an older page is refused, not merged. */
  revision: number;
  updatedAt: string;
  updatedBy: string;
};

export interface QuestionnaireDraftStore {
  getQuestionnaireDraft(questionnaireId: string, version: number): Promise<QuestionnaireDraft | undefined>;
  /**
   * Stores a draft whose `revision` is one more than the stored one (1 for a new draft); "conflict"
   * when another save came first, and nothing is written.
   */
  putQuestionnaireDraft(draft: QuestionnaireDraft): Promise<"saved" | "conflict">;
  /** Every draft, by questionnaire and version. */
  listQuestionnaireDrafts(): Promise<QuestionnaireDraft[]>;
  deleteQuestionnaireDraft(questionnaireId: string, version: number): Promise<void>;
}
