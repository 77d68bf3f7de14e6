// The repository's reading of DynamoDB's errors, once the SDK has given up retrying: throttling, server
// faults and unreachable endpoints become TryAgain (503, shown to the person); a lost conditional write
// stays an answer ("someone else saved"); anything else stays a fault to fix (500). DynamoDB's answers
// are played at the HTTP handler, beneath the SDK's retry step and the repository's own step above it.
import { Readable } from "node:stream";
import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDynamoRepository } from "../../functions/adapters/dynamodb-repository.ts";
import { TryAgain } from "../../functions/core/errors.ts";
import type { Response } from "../../functions/core/responses.ts";

/** Attempts the SDK makes at one request before giving up. */
const ATTEMPTS = 4;

/** The SDK's retry loop, deciding from its own reading of each error, without waiting between attempts. */
const retryWithoutWaiting: NonNullable<DynamoDBClientConfig["retryStrategy"]> = (() => {
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => 0 });
  return {
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (t: { getRetryCount(): number }, info: { errorType: string }) => {
      if (info.errorType === "CLIENT_ERROR" || t.getRetryCount() + 1 >= ATTEMPTS)
        throw new Error("no more attempts");
      return token(t.getRetryCount() + 1);
    },
    recordSuccess: () => {},
  };
})();

type Reply = { status: number; body: object } | Error;
const replies = new Map<string, (() => Reply)[]>();
/** The operations DynamoDB received, in order, with their bodies. */
const received: { operation: string; body: Record<string, unknown> }[] = [];

/** DynamoDB answers `operation` with `reply`, `times` times (every time when not said). */
const answer = (operation: string, reply: () => Reply, times = Infinity) => {
  const queue = replies.get(operation) ?? [];
  for (let i = 0; i < Math.min(times, 1000); i++) queue.push(reply);
  replies.set(operation, queue);
};

const client = new DynamoDBClient({
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
  retryStrategy: retryWithoutWaiting,
});
(client.config as { requestHandler: unknown }).requestHandler = {
  handle: async (request: { headers: Record<string, string>; body: string }) => {
    const operation = (request.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
    received.push({ operation, body: JSON.parse(request.body) as Record<string, unknown> });
    const reply = replies.get(operation)?.shift()?.();
    if (!reply) throw new Error(`No answer planned for ${operation}`);
    if (reply instanceof Error) throw reply;
    return {
      response: {
        statusCode: reply.status,
        headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "played" },
        body: Readable.from([Buffer.from(JSON.stringify(reply.body))]),
      },
    };
  },
};
const repository = createDynamoRepository({ client, tableName: "consulta" });

afterEach(() => {
  replies.clear();
  received.length = 0;
  vi.restoreAllMocks();
});

const error = (status: number, type: string, message: string) => () => ({
  status,
  body: { __type: `com.amazonaws.dynamodb.v20120810#${type}`, message },
});
const throttled = error(
  400,
  "ProvisionedThroughputExceededException",
  "Rate of requests exceeds the allowed throughput",
);
const serverFault = error(500, "InternalServerError", "Internal server error");
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
  ])("%s: reads, writes and queries are retried, then ask the person to try again", async (_, fault) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const operation of ["GetItem", "PutItem", "Query"]) answer(operation, fault);
    for (const [operation, call] of [
      ["GetItem", () => repository.getResponse("c1", "ARG")],
      ["PutItem", () => repository.saveResponse(response, 0)],
      ["Query", () => repository.listResponses("c1")],
    ] as const) {
      received.length = 0;
      const failure = await call().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(TryAgain);
      expect(failure).toMatchObject({ status: 503, code: "try_again", expose: true });
      // The SDK tried every attempt before the repository gave up.
      expect(received.map((r) => r.operation)).toEqual(Array(ATTEMPTS).fill(operation));
    }
    expect(logged.mock.calls.map((c) => String(c[0]))).toEqual(
      Array(3).fill(expect.stringContaining("DynamoDB unavailable after retries")),
    );
  });

  it("recovers unnoticed when DynamoDB answers before the SDK's last attempt", async () => {
    answer("GetItem", throttled, ATTEMPTS - 1);
    answer("GetItem", () => ({ status: 200, body: {} }));
    await expect(repository.getResponse("c1", "ARG")).resolves.toBeUndefined();
    expect(received).toHaveLength(ATTEMPTS);
  });

  it("a lost conditional write is not a fault: the caller is told someone else saved first, at once", async () => {
    answer("PutItem", error(400, "ConditionalCheckFailedException", "The conditional request failed"));
    await expect(repository.saveResponse(response, 0)).resolves.toBe(false);
    expect(received).toHaveLength(1);
  });

  it("a request DynamoDB refuses as invalid stays a fault to fix, not a 'try again'", async () => {
    answer("GetItem", () => ({
      status: 400,
      body: {
        __type: "com.amazon.coral.validate#ValidationException",
        message: "One or more parameter values were invalid",
      },
    }));
    const failure = await repository.getResponse("c1", "ARG").catch((e: unknown) => e);
    expect(failure).not.toBeInstanceOf(TryAgain);
    expect(failure).toMatchObject({ name: "ValidationException" });
    expect(received).toHaveLength(1);
  });

  it("reads asked for together: keys DynamoDB leaves unprocessed are asked again, a failure reaches every reader", async () => {
    const item = (code: string) => ({
      PK: { S: "DIRECTORY" },
      SK: { S: `MEMBER#${code}` },
      code: { S: code },
    });
    answer(
      "BatchGetItem",
      () => ({
        status: 200,
        body: {
          Responses: { consulta: [item("ARG")] },
          UnprocessedKeys: { consulta: { Keys: [{ PK: { S: "DIRECTORY" }, SK: { S: "MEMBER#BRA" } }] } },
        },
      }),
      1,
    );
    answer("BatchGetItem", () => ({ status: 200, body: { Responses: { consulta: [item("BRA")] } } }), 1);
    const both = await Promise.all([repository.getMember("ARG"), repository.getMember("BRA")]);
    expect(both.map((m) => m?.code)).toEqual(["ARG", "BRA"]);
    expect(received[1]?.body).toMatchObject({
      RequestItems: { consulta: { Keys: [{ PK: { S: "DIRECTORY" }, SK: { S: "MEMBER#BRA" } }] } },
    });

    vi.spyOn(console, "error").mockImplementation(() => {});
    answer("BatchGetItem", throttled);
    const failures = await Promise.all(
      ["ARG", "BRA"].map((code) => repository.getMember(code).catch((e: unknown) => e)),
    );
    for (const failure of failures) expect(failure).toBeInstanceOf(TryAgain);
  });
});
