// The repository's DynamoDB client: no step in its request pipeline that does nothing (issue 19).
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { createDynamoRepository } from "../../../functions/adapters/dynamodb-repository.ts";

const steps = (client: DynamoDBClient) => client.middlewareStack.identify().map((s) => s.split(" ")[0]);

describe("the repository's DynamoDB client", () => {
  it("has no logger middleware when its logger is the SDK's no-op one", () => {
    const client = new DynamoDBClient({ region: "us-east-1" });
    expect(steps(client)).toContain("loggerMiddleware");
    createDynamoRepository({ client, tableName: "t" });
    expect(steps(client)).not.toContain("loggerMiddleware");
    // The rest of the pipeline is untouched.
    expect(steps(client)).toContain("serializerMiddleware");
  });

  it("keeps it when someone gave the client a logger", () => {
    const client = new DynamoDBClient({ region: "us-east-1", logger: console });
    createDynamoRepository({ client, tableName: "t" });
    expect(steps(client)).toContain("loggerMiddleware");
  });
});
