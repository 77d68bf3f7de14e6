// The floor of a handler's cold start (issue 19): a Lambda bundle of the DynamoDB client alone, one GetItem per event.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";

// As functions/adapters/ports.ts makes the client: the local endpoint's fixed credentials, the environment's otherwise.
const endpoint = process.env.DYNAMODB_ENDPOINT;
const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: process.env.AWS_REGION,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  }),
);

export const handler = async () => {
  const { Item } = await doc.send(
    new GetCommand({ TableName: process.env.TABLE_NAME, Key: { PK: "floor", SK: "floor" } }),
  );
  return { statusCode: Item ? 200 : 404 };
};
