// The translation cache in the application's single DynamoDB table, one item per text and language pair.
import {
  BatchGetCommand,
  BatchWriteCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";
import { TryAgain } from "../core/errors.ts";
import type {
  CorrectedTranslation,
  StoredTranslation,
  TranslationCorrections,
  TranslationKey,
  TranslationStore,
} from "../core/translation/ports.ts";

/**
 * Keyed by the text's hash, not by campaign or member: the same sentence submitted twice, or by two
 * members, is translated and paid for once.
 */
const key = (k: TranslationKey) => ({ PK: `TRANSLATION#${k.sha256}`, SK: `${k.source}#${k.target}` });
const id = (k: { PK: string; SK: string }) => `${k.PK}\u0000${k.SK}`;

const pause = (attempt: number) => new Promise((r) => setTimeout(r, 20 * 2 ** attempt));

export type DynamoTranslationsOptions = { doc: DynamoDBDocumentClient; tableName: string };

export const createDynamoTranslationStore = ({
  doc,
  tableName,
}: DynamoTranslationsOptions): TranslationStore & TranslationCorrections => ({
  async getTranslations(keys) {
    // BatchGetItem refuses a key listed twice, and takes at most 100.
    const unique = [...new Map(keys.map((k) => [id(key(k)), key(k)])).values()];
    const found: StoredTranslation[] = [];
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Record<string, unknown>[] = unique.slice(i, i + 100);
      for (let attempt = 0; pending.length; attempt++) {
        const out = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
        for (const item of out.Responses?.[tableName] ?? []) {
          const { PK: _pk, SK: _sk, kind: _kind, ...translation } = item;
          found.push(translation as StoredTranslation);
        }
        // Under load DynamoDB leaves some keys for later: asked again with backoff.
        pending = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
        if (pending.length && attempt >= 5) throw new TryAgain();
        if (pending.length) await pause(attempt);
      }
    }
    return found;
  },

  async putTranslations(translations) {
    const unique = [...new Map(translations.map((t) => [id(key(t)), t])).values()];
    for (let i = 0; i < unique.length; i += 25) {
      let pending: unknown[] = unique
        .slice(i, i + 25)
        .map((t) => ({ PutRequest: { Item: { ...key(t), kind: "translation", ...t } } }));
      for (let attempt = 0; pending.length; attempt++) {
        const out = await doc.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }),
        );
        pending = out.UnprocessedItems?.[tableName] ?? [];
        if (pending.length && attempt >= 8) throw new TryAgain();
        if (pending.length) await pause(attempt);
      }
    }
  },

  // A correction lives in its campaign's partition, never under the machine's key: a machine run
  // that writes the same text again cannot overwrite what a person corrected.
  async putCorrection(correction: CorrectedTranslation) {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          PK: `CAMPAIGN#${correction.campaignId}`,
          SK: `TRANSLATION#${correction.sha256}#${correction.source}#${correction.target}`,
          kind: "translation-correction",
          ...correction,
        },
      }),
    );
  },

  async listCorrections(campaignId: string) {
    const found: CorrectedTranslation[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
          ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": "TRANSLATION#" },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of out.Items ?? []) {
        const { PK: _pk, SK: _sk, kind: _kind, ...correction } = item;
        found.push(correction as CorrectedTranslation);
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return found;
  },
});
