// A fresh table on the shared dynalite for each suite, so suites never see each other's items.
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { inject } from "vitest";
import { createDynamoRepository, ensureTable } from "../../functions/adapters/dynamodb-repository.ts";

export const dynamoClient = () =>
  new DynamoDBClient({
    endpoint: inject("dynamoEndpoint"),
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });

export const freshTable = async () => {
  const client = dynamoClient();
  const tableName = `test-${randomUUID()}`;
  await ensureTable(client, tableName);
  return { client, tableName, repository: createDynamoRepository({ client, tableName }) };
};
