// Questionnaire drafts in memory.
import type { QuestionnaireDraft, QuestionnaireDraftStore } from "../../core/ports.ts";
import { bySortKey, copy, pad } from "./kept.ts";

const keyOf = (questionnaireId: string, version: number) => `${questionnaireId}#${pad(version)}`;

export const inMemoryQuestionnaireDraftStore = (): QuestionnaireDraftStore => {
  const drafts = new Map<string, QuestionnaireDraft>();
  return {
    getQuestionnaireDraft: async (questionnaireId, version) =>
      copy(drafts.get(keyOf(questionnaireId, version))),
    putQuestionnaireDraft: async (draft) => {
      const k = keyOf(draft.questionnaireId, draft.version);
      if ((drafts.get(k)?.revision ?? 0) !== draft.revision - 1) return "conflict";
      drafts.set(k, copy(draft));
      return "saved";
    },
    listQuestionnaireDrafts: async () =>
      [...drafts.values()].sort(bySortKey((d) => keyOf(d.questionnaireId, d.version))).map(copy),
    deleteQuestionnaireDraft: async (questionnaireId, version) => {
      drafts.delete(keyOf(questionnaireId, version));
    },
  };
};
