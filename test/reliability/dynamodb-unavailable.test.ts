// The repository's reading of DynamoDB's errors, once the SDK has given up retrying: throttling, server
// faults and unreachable endpoints become TryAgain (503, shown to the person); a lost conditional write
// stays an answer ("someone else saved"); anything else stays a fault to fix (500).
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  InternalServerError,
  ProvisionedThroughputExceededException,
} from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDynamoRepository } from "../../functions/adapters/dynamodb-repository.ts";
import { TryAgain } from "../../functions/core/errors.ts";
import type { Response } from "../../functions/core/responses.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const repository = createDynamoRepository({
  client: new DynamoDBClient({ region: "us-east-1" }),
  tableName: "consulta",
});
afterEach(() => {
  ddb.reset();
  vi.restoreAllMocks();
});

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode, attempts: 4 } });
const throttled = () =>
  new ProvisionedThroughputExceededException({
    message: "Rate of requests exceeds the allowed throughput",
    ...meta(400),
  });
const serverFault = () => new InternalServerError({ message: "Internal server error", ...meta(500) });
const unreachable = () => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });

const response: Response = {
  campaignId: "c1",
  memberCode: "ARG",
  status: "draft",
  version: 1,
  answers: { "anything-else": "texto" },
  updatedAt: "2027-01-01T00:00:00.000Z",
  updatedBy: { contactId: "focal-point", name: "Ana" },
};

describe("DynamoDB unavailable after the SDK's retries", () => {
  it.each([
    ["throttled", throttled],
    ["failing on its side (5xx)", serverFault],
    ["unreachable", unreachable],
  ])("%s: reads, writes and queries ask the person to try again", async (_, error) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    ddb.on(GetCommand).rejects(error()).on(PutCommand).rejects(error()).on(QueryCommand).rejects(error());
    for (const call of [
      () => repository.getResponse("c1", "ARG"),
      () => repository.saveResponse(response, 0),
      () => repository.listResponses("c1"),
    ]) {
      const failure = await call().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(TryAgain);
      expect(failure).toMatchObject({ status: 503, code: "try_again", expose: true });
    }
    expect(logged.mock.calls.map((c) => String(c[0]))).toEqual(
      Array(3).fill(expect.stringContaining("DynamoDB unavailable after retries")),
    );
  });

  it("a lost conditional write is not a fault: the caller is told someone else saved first", async () => {
    ddb
      .on(PutCommand)
      .rejects(
        new ConditionalCheckFailedException({ message: "The conditional request failed", ...meta(400) }),
      );
    await expect(repository.saveResponse(response, 0)).resolves.toBe(false);
  });

  it("a request DynamoDB refuses as invalid stays a fault to fix, not a 'try again'", async () => {
    // DynamoDB's ValidationException has no class of its own in the SDK: a plain 400 of that name.
    const invalid = Object.assign(new Error("One or more parameter values were invalid"), {
      name: "ValidationException",
      $fault: "client",
      ...meta(400),
    });
    ddb.on(GetCommand).rejects(invalid);
    const failure = await repository.getResponse("c1", "ARG").catch((e: unknown) => e);
    expect(failure).not.toBeInstanceOf(TryAgain);
    expect(failure).toBe(invalid);
  });

  it("reads asked for together: keys DynamoDB leaves unprocessed are asked again, a failure reaches every reader", async () => {
    const arg = { PK: "DIRECTORY", SK: "MEMBER#ARG", code: "ARG" };
    const bra = { PK: "DIRECTORY", SK: "MEMBER#BRA", code: "BRA" };
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { consulta: [arg] },
        UnprocessedKeys: { consulta: { Keys: [{ PK: bra.PK, SK: bra.SK }] } },
      })
      .resolvesOnce({ Responses: { consulta: [bra] } });
    const both = await Promise.all([repository.getMember("ARG"), repository.getMember("BRA")]);
    expect(both.map((m) => m?.code)).toEqual(["ARG", "BRA"]);
    expect(ddb.commandCalls(BatchGetCommand)[1]?.args[0].input.RequestItems?.consulta?.Keys).toEqual([
      { PK: bra.PK, SK: bra.SK },
    ]);

    ddb.reset();
    vi.spyOn(console, "error").mockImplementation(() => {});
    ddb.on(BatchGetCommand).rejects(throttled());
    const failures = await Promise.all(
      ["ARG", "BRA"].map((code) => repository.getMember(code).catch((e: unknown) => e)),
    );
    for (const failure of failures) expect(failure).toBeInstanceOf(TryAgain);
  });
});
