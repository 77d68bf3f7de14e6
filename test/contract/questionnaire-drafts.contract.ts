// What every QuestionnaireDraftStore does, whatever keeps it.
import { describe, expect, it } from "vitest";
import type { QuestionnaireDraft, QuestionnaireDraftStore } from "../../functions/core/ports.ts";

const draft = (overrides: Partial<QuestionnaireDraft> = {}): QuestionnaireDraft => ({
  questionnaireId: "planning",
  version: 2,
  basedOn: 1,
  definition: {
    id: "planning",
    version: 2,
    title: { en: "Planning", es: "Planificación" },
    sections: [{ id: "main", title: { en: "Main" }, questions: [{ id: "a", type: "yes-no", label: {} }] }],
  },
  revision: 1,
  updatedAt: "2026-12-06T10:00:00.000Z",
  updatedBy: "secretariat@example.org",
  ...overrides,
});

export const questionnaireDraftContract = (open: () => Promise<QuestionnaireDraftStore>) =>
  describe("QuestionnaireDraftStore", () => {
    it("keeps a draft as saved, texts missing a language included", async () => {
      const store = await open();
      expect(await store.putQuestionnaireDraft(draft())).toBe("saved");
      expect(await store.getQuestionnaireDraft("planning", 2)).toEqual(draft());
      expect(await store.getQuestionnaireDraft("planning", 3)).toBeUndefined();
      expect(await store.getQuestionnaireDraft("x".repeat(3000), 1)).toBeUndefined();
    });

    it("saves only over the revision it was read at", async () => {
      const store = await open();
      await store.putQuestionnaireDraft(draft());
      // A second "new" draft of the same version, and a save from an older page, are both refused.
      expect(await store.putQuestionnaireDraft(draft({ updatedBy: "other@example.org" }))).toBe("conflict");
      expect(await store.putQuestionnaireDraft(draft({ revision: 2, updatedBy: "a@example.org" }))).toBe(
        "saved",
      );
      expect(await store.putQuestionnaireDraft(draft({ revision: 2, updatedBy: "b@example.org" }))).toBe(
        "conflict",
      );
      expect(await store.putQuestionnaireDraft(draft({ revision: 4 }))).toBe("conflict");
      expect(await store.getQuestionnaireDraft("planning", 2)).toMatchObject({
        revision: 2,
        updatedBy: "a@example.org",
      });
    });

    it("lists drafts by questionnaire and version, and forgets a deleted one", async () => {
      const store = await open();
      await store.putQuestionnaireDraft(draft({ version: 10 }));
      await store.putQuestionnaireDraft(draft({ questionnaireId: "alpha", version: 3 }));
      await store.putQuestionnaireDraft(draft({ version: 9 }));
      expect((await store.listQuestionnaireDrafts()).map((d) => `${d.questionnaireId}@${d.version}`)).toEqual(
        ["alpha@3", "planning@9", "planning@10"],
      );
      await store.deleteQuestionnaireDraft("planning", 9);
      await store.deleteQuestionnaireDraft("planning", 99);
      expect(await store.getQuestionnaireDraft("planning", 9)).toBeUndefined();
      expect((await store.listQuestionnaireDrafts()).length).toBe(2);
      // Deleted, its version can be drafted anew.
      expect(await store.putQuestionnaireDraft(draft({ version: 9 }))).toBe("saved");
    });
  });
