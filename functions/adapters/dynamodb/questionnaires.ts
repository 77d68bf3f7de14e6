// Questionnaire versions, each stored once and cached in memory once read.
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Questionnaire } from "../../core/questionnaire/definition.ts";
import type { QuestionnaireStore, QuestionnaireVersion } from "../../core/ports.ts";
import { key, fitsKey, pad, type Table } from "./table.ts";

/**
 * Each version also has a line in one partition of its own, so the console lists every version with
 * one Query (the definitions' partitions are one per questionnaire, and a table is never scanned).
 */
const VERSIONS = "QUESTIONNAIRE-VERSIONS";
const versionLine = (q: Questionnaire) => ({
  PK: VERSIONS,
  SK: `${q.id}#${pad(q.version)}`,
  kind: "questionnaire-version",
  id: q.id,
  version: q.version,
  title: q.title,
});

/** Questionnaire versions kept in memory: a campaign uses one; old campaigns' reports may read others. */
const QUESTIONNAIRES_CACHED = 16;

/** Shared between requests, so frozen: code that tried to change one would throw, not corrupt the others. */
const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

export const questionnaireStore = (table: Table): QuestionnaireStore => {
  const questionnaires = new Map<string, Questionnaire>();
  return {
    async putQuestionnaire(q: Questionnaire) {
      const item = {
        ...key.questionnaire(q.id, q.version),
        kind: "questionnaire",
        definition: JSON.stringify(q),
      };
      if (await table.putIfAbsent(item)) {
        await table.doc.send(new PutCommand({ TableName: table.name, Item: versionLine(q) }));
        return "created";
      }
      const stored = await table.get<{ definition: string }>(key.questionnaire(q.id, q.version));
      if (stored?.definition === item.definition) {
        // Storing it again writes a line lost between the two writes (or stored before there were lines).
        await table.doc.send(new PutCommand({ TableName: table.name, Item: versionLine(q) }));
        return "unchanged";
      }
      throw new Error(
        `Questionnaire ${q.id} version ${q.version} is already stored with other content: raise its version`,
      );
    },
    async listQuestionnaireVersions() {
      const lines = await table.queryAll({
        KeyConditionExpression: "PK = :pk",
        ExpressionAttributeValues: { ":pk": VERSIONS },
      });
      return lines.map(({ id, version, title }) => ({ id, version, title }) as QuestionnaireVersion);
    },
    async getQuestionnaire(id: string, version?: number) {
      if (!fitsKey(`QUESTIONNAIRE#${id}`)) return undefined;
      if (version === undefined) {
        const latest = await table.doc.send(
          new QueryCommand({
            TableName: table.name,
            KeyConditionExpression: "PK = :pk",
            ExpressionAttributeValues: { ":pk": `QUESTIONNAIRE#${id}` },
            ScanIndexForward: false,
            Limit: 1,
            ConsistentRead: true,
          }),
        );
        const item = latest.Items?.[0];
        return item ? (JSON.parse(String(item.definition)) as Questionnaire) : undefined;
      }
      // A version's content never changes (putQuestionnaire refuses other content under the same version):
      // every page and email of a campaign reads the same one, so it is read once per container.
      const cacheKey = `${id}\u0000${version}`;
      const cached = questionnaires.get(cacheKey);
      if (cached) return cached;
      const stored = await table.get<{ definition: string }>(key.questionnaire(id, version));
      if (!stored) return undefined;
      const questionnaire = deepFreeze(JSON.parse(String(stored.definition)) as Questionnaire);
      if (questionnaires.size >= QUESTIONNAIRES_CACHED)
        questionnaires.delete(questionnaires.keys().next().value!);
      questionnaires.set(cacheKey, questionnaire);
      return questionnaire;
    },
  };
};
