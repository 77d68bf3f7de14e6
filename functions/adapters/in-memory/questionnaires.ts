// Questionnaire versions in memory.
import type { QuestionnaireStore } from "../../core/ports.ts";
import type { Questionnaire } from "../../core/questionnaire/definition.ts";

export const inMemoryQuestionnaireStore = (): QuestionnaireStore => {
  const versions = new Map<string, Map<number, string>>();
  return {
    putQuestionnaire: async (q) => {
      const kept = versions.get(q.id) ?? new Map<number, string>();
      versions.set(q.id, kept);
      const definition = JSON.stringify(q);
      const stored = kept.get(q.version);
      if (stored === undefined) {
        kept.set(q.version, definition);
        return "created";
      }
      if (stored === definition) return "unchanged";
      throw new Error(
        `Questionnaire ${q.id} version ${q.version} is already stored with other content: raise its version`,
      );
    },
    listQuestionnaireVersions: async () =>
      [...versions.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .flatMap(([id, kept]) =>
          [...kept.entries()]
            .sort(([a], [b]) => a - b)
            .map(([version, definition]) => ({
              id,
              version,
              title: (JSON.parse(definition) as Questionnaire).title,
            })),
        ),
    getQuestionnaire: async (id, version) => {
      const kept = versions.get(id);
      const wanted = version ?? Math.max(...(kept?.keys() ?? []));
      const definition = kept?.get(wanted);
      return definition === undefined ? undefined : (JSON.parse(definition) as Questionnaire);
    },
  };
};
