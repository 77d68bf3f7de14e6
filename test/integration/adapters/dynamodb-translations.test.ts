import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { createDynamoTranslationStore } from "../../../functions/adapters/dynamodb-translations.ts";
import { textHash } from "../../../functions/core/translation/translate-answers.ts";
import {
  translationCorrectionsContract,
  translationStoreContract,
} from "../../contract/translation-store-contract.ts";
import { freshTable } from "../../support/dynamo.ts";

const dynamoStore = async () => {
  const { client, tableName } = await freshTable();
  const doc = DynamoDBDocumentClient.from(client);
  return { doc, tableName, store: createDynamoTranslationStore({ doc, tableName }) };
};

translationStoreContract("DynamoDB (dynalite)", async () => (await dynamoStore()).store);
translationCorrectionsContract("DynamoDB (dynalite)", async () => (await dynamoStore()).store);

describe("the DynamoDB translation store", () => {
  it("keeps each translation in the single table under its text's hash and its pair", async () => {
    const { doc, tableName, store } = await dynamoStore();
    const sha256 = textHash("Hola");
    await store.putTranslations([
      {
        sha256,
        source: "es",
        target: "en",
        text: "Hello",
        engine: "apertium",
        translatedAt: "2026-12-06T20:00:00.000Z",
      },
    ]);
    const { Item } = await doc.send(
      new GetCommand({ TableName: tableName, Key: { PK: `TRANSLATION#${sha256}`, SK: "es#en" } }),
    );
    expect(Item).toMatchObject({ kind: "translation", text: "Hello", engine: "apertium" });
  });
});
