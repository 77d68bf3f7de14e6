// What every QuestionnaireStore does, whatever keeps it.
import { describe, expect, it } from "vitest";
import type { QuestionnaireStore } from "../../functions/core/ports.ts";
import { question, questionnaire } from "../support/factories.ts";

export const questionnaireContract = (open: () => Promise<QuestionnaireStore>) =>
  describe("QuestionnaireStore", () => {
    it("never lets one version hold two contents", async () => {
      const store = await open();
      const v1 = questionnaire([question("a", "yes-no")]);
      expect(await store.putQuestionnaire(v1)).toBe("created");
      expect(await store.putQuestionnaire(v1)).toBe("unchanged");
      await expect(store.putQuestionnaire({ ...v1, intro: v1.title })).rejects.toThrow(/raise its version/);
      expect(await store.getQuestionnaire(v1.id, 1)).toEqual(v1);
    });

    it("finds a named version, or the latest", async () => {
      const store = await open();
      const v1 = questionnaire([question("a", "yes-no")]);
      await store.putQuestionnaire(v1);
      await store.putQuestionnaire({ ...v1, version: 2 });
      expect((await store.getQuestionnaire(v1.id))?.version).toBe(2);
      expect((await store.getQuestionnaire(v1.id, 1))?.version).toBe(1);
      expect(await store.getQuestionnaire(v1.id, 3)).toBeUndefined();
      expect(await store.getQuestionnaire("none")).toBeUndefined();
    });

    it("lists every stored version with its title", async () => {
      const store = await open();
      expect(await store.listQuestionnaireVersions()).toEqual([]);
      const v1 = questionnaire([question("a", "yes-no")]);
      await store.putQuestionnaire({ ...v1, version: 2 });
      await store.putQuestionnaire(v1);
      await store.putQuestionnaire(v1);
      await store.putQuestionnaire({ ...v1, id: "another" });
      expect(await store.listQuestionnaireVersions()).toEqual([
        { id: "another", version: 1, title: v1.title },
        { id: v1.id, version: 1, title: v1.title },
        { id: v1.id, version: 2, title: v1.title },
      ]);
    });
  });
