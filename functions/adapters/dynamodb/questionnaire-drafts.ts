// Questionnaire drafts, all in one partition: few at a time, listed with one Query.
import { DeleteCommand } from "@aws-sdk/lib-dynamodb";
import type { QuestionnaireDraft, QuestionnaireDraftStore } from "../../core/ports.ts";
import { fitsKey, pad, type Table } from "./table.ts";

const PK = "QUESTIONNAIRE-DRAFTS";
const keyOf = (questionnaireId: string, version: number) => ({
  PK,
  SK: `${questionnaireId}#${pad(version)}`,
});

type Stored = { draft: string; revision: number };
// The definition is kept as JSON text: a map nested this deep would cost more to write and read.
const parse = (item: Record<string, unknown>) => JSON.parse(String(item.draft)) as QuestionnaireDraft;

export const questionnaireDraftStore = (table: Table): QuestionnaireDraftStore => ({
  async getQuestionnaireDraft(questionnaireId, version) {
    const k = keyOf(questionnaireId, version);
    if (!fitsKey(k.PK, k.SK)) return undefined;
    const stored = await table.get<Stored>(k);
    return stored ? parse(stored) : undefined;
  },
  async putQuestionnaireDraft(draft) {
    const item = {
      ...keyOf(draft.questionnaireId, draft.version),
      kind: "questionnaire-draft",
      revision: draft.revision,
      draft: JSON.stringify(draft),
    };
    const written =
      draft.revision === 1
        ? await table.putIfAbsent(item)
        : await table.conditionalPut(
            item,
            "#revision = :previous",
            { ":previous": draft.revision - 1 },
            {
              "#revision": "revision",
            },
          );
    return written ? "saved" : "conflict";
  },
  async listQuestionnaireDrafts() {
    const items = await table.queryAll({
      KeyConditionExpression: "PK = :pk",
      ExpressionAttributeValues: { ":pk": PK },
      ConsistentRead: true,
    });
    return items.map(parse);
  },
  async deleteQuestionnaireDraft(questionnaireId, version) {
    const k = keyOf(questionnaireId, version);
    if (!fitsKey(k.PK, k.SK)) return;
    await table.doc.send(new DeleteCommand({ TableName: table.name, Key: k }));
  },
});
