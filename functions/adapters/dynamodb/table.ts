// The one DynamoDB table every store shares: its keys, its client, and the reads and writes they all use.
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { TryAgain } from "../../core/errors.ts";
import type { EmailJob } from "../../core/invitations.ts";
import { logger } from "../telemetry.ts";

/** Where each item lives: partitions are shared by a campaign's items, each kind under its own prefix. */
export const key = {
  member: (code: string) => ({ PK: "DIRECTORY", SK: `MEMBER#${code}` }),
  questionnaire: (id: string, version: number) => ({ PK: `QUESTIONNAIRE#${id}`, SK: `V#${pad(version)}` }),
  campaign: (id: string) => ({ PK: `CAMPAIGN#${id}`, SK: "META" }),
  invitation: (campaignId: string, member: string, contact: string) => ({
    PK: `CAMPAIGN#${campaignId}`,
    SK: `INVITE#${member}#${contact}`,
  }),
  email: (j: EmailJob) => ({
    PK: `CAMPAIGN#${j.campaignId}`,
    SK: `EMAIL#${j.memberCode}#${j.contactId}#${j.kind}#${j.n}`,
  }),
  token: (hash: string) => ({ PK: `TOKEN#${hash}`, SK: "TOKEN" }),
  response: (campaignId: string, member: string) => ({
    PK: `CAMPAIGN#${campaignId}`,
    SK: `RESPONSE#${member}`,
  }),
  // Versions have a prefix of their own: listing responses reads no version, listing versions no response.
  responseVersion: (campaignId: string, member: string, version: number) => ({
    PK: `CAMPAIGN#${campaignId}`,
    SK: `VERSION#${member}#${pad(version)}`,
  }),
  // The language in the key: one compile writes its four languages, possibly within the same millisecond.
  report: (campaignId: string, at: string, language: string) => ({
    PK: `CAMPAIGN#${campaignId}`,
    SK: `REPORT#${at}#${language}`,
  }),
  job: (id: string) => ({ PK: `JOB#${id}`, SK: "JOB" }),
};

export const pad = (n: number) => String(n).padStart(6, "0");

export const strip = <T>(item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined;
  // contactsVersion is the storage's own guard on a member's contacts (updateMemberContacts), not data.
  const { PK: _pk, SK: _sk, kind: _kind, contactsVersion: _contacts, ...rest } = item;
  return rest as T;
};

/**
 * DynamoDB refuses a partition key over 2048 bytes or a sort key over 1024 with a ValidationException.
 * Keys hold ids from URLs; no item can have a key that long, so reading one finds nothing.
 */
export const fitsKey = (pk: unknown, sk: unknown = "") =>
  Buffer.byteLength(String(pk)) <= 2048 && Buffer.byteLength(String(sk)) <= 1024;

export const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error as { name?: string } | undefined)?.name === "ConditionalCheckFailedException";

const THROTTLED = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
]);
const TRANSIENT_NETWORK = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "TimeoutError"]);

/** DynamoDB said "slow down" or failed on its side, or could not be reached. */
const isUnavailable = (error: unknown): boolean => {
  const e = error as {
    name?: string;
    code?: string;
    $fault?: string;
    $retryable?: { throttling?: boolean };
    $metadata?: { httpStatusCode?: number };
  } | null;
  return (
    !!e &&
    (THROTTLED.has(e.name ?? "") ||
      e.$retryable?.throttling === true ||
      e.$fault === "server" ||
      (e.$metadata?.httpStatusCode ?? 0) >= 500 ||
      TRANSIENT_NETWORK.has(e.code ?? e.name ?? ""))
  );
};

const TRY_AGAIN_STEP = "consultaTryAgainWhenUnavailable";

/**
 * The SDK retries throttling and server faults itself (its retry step, four attempts for DynamoDB with
 * backoff). This step sits outside it, in the client's own middleware stack, so it sees only what
 * still fails after those retries: that reaches the person as TryAgain, a 503 that keeps what they
 * typed, not as a 500; the log keeps the cause (never a key: keys can hold token hashes) for the alarm.
 */
const tryAgainWhenUnavailable = (client: DynamoDBClient) => {
  // A client shared by two repositories (tests build several) has the step once.
  if (client.middlewareStack.identify().some((step) => step.startsWith(TRY_AGAIN_STEP))) return;
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number; attempts?: number } };
        logger.error("DynamoDB unavailable after retries", {
          error: e.name,
          status: e.$metadata?.httpStatusCode,
          attempts: e.$metadata?.attempts,
        });
        throw new TryAgain();
      }
    },
    { step: "initialize", priority: "high", name: TRY_AGAIN_STEP },
  );
};

/**
 * The SDK's logger middleware formats every request and response for a logger that, unless someone
 * configured one, does nothing with them: about 4 % of a form GET's CPU (issue 19's profile).
 */
const withoutSilentLogger = (client: DynamoDBClient) => {
  if (client.config.logger.constructor.name.includes("NoOp"))
    client.middlewareStack.remove("loggerMiddleware");
};

type ItemKey = { PK: string; SK: string };
type Item = Record<string, unknown>;

/**
 * Reads asked for in the same turn (core's Promise.all of a member, an invitation and a response) go to
 * DynamoDB as one BatchGetItem instead of a GetItem each: the SDK's work per request was most of a
 * form page's CPU (bench/README.md). A read asked for alone is still a GetItem.
 */
const coalescedReads = (doc: DynamoDBDocumentClient, tableName: string) => {
  type Waiting = {
    key: ItemKey;
    consistent: boolean;
    resolve: (item: Item | undefined) => void;
    reject: (error: unknown) => void;
  };
  const id = (k: ItemKey) => `${k.PK}\u0000${k.SK}`;
  let waiting: Waiting[] = [];

  const alone = (w: Waiting) =>
    doc
      .send(new GetCommand({ TableName: tableName, Key: w.key, ConsistentRead: w.consistent }))
      .then((out) => w.resolve(out.Item), w.reject);

  const together = async (group: Waiting[], consistent: boolean) => {
    // BatchGetItem refuses a key listed twice: each is asked once and answered to every waiter.
    const keys = [...new Map(group.map((w) => [id(w.key), w.key])).values()];
    const found = new Map<string, Item>();
    try {
      for (let i = 0; i < keys.length; i += 100) {
        let pending = keys.slice(i, i + 100);
        for (let attempt = 0; pending.length; attempt++) {
          const out = await doc.send(
            new BatchGetCommand({
              RequestItems: { [tableName]: { Keys: pending, ConsistentRead: consistent } },
            }),
          );
          for (const item of out.Responses?.[tableName] ?? []) found.set(id(item as ItemKey), item);
          // Under load DynamoDB may leave some keys for later: asked again with backoff.
          pending = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as ItemKey[];
          if (pending.length && attempt >= 5) throw new TryAgain();
          if (pending.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
        }
      }
      for (const w of group) w.resolve(found.get(id(w.key)));
    } catch (error) {
      for (const w of group) w.reject(error);
    }
  };

  const flush = () => {
    const asked = waiting;
    waiting = [];
    for (const consistent of [true, false]) {
      const group = asked.filter((w) => w.consistent === consistent);
      if (group.length === 1) void alone(group[0]!);
      else if (group.length > 1) void together(group, consistent);
    }
  };

  return (key: ItemKey, consistent: boolean) =>
    new Promise<Item | undefined>((resolve, reject) => {
      if (waiting.push({ key, consistent, resolve, reject }) === 1) queueMicrotask(flush);
    });
};

/** The table as the stores use it: one document client, every Query paginated, writes conditional. */
export const openTable = (client: DynamoDBClient, name: string) => {
  withoutSilentLogger(client);
  tryAgainWhenUnavailable(client);
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const read = coalescedReads(doc, name);

  return {
    doc,
    name,
    queryAll: async (input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">) => {
      const items: Record<string, unknown>[] = [];
      if (!fitsKey(input.ExpressionAttributeValues?.[":pk"], input.ExpressionAttributeValues?.[":sk"]))
        return items;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({ ...input, TableName: name, ExclusiveStartKey: start }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
    putIfAbsent: async (item: Record<string, unknown>): Promise<boolean> => {
      try {
        await doc.send(
          new PutCommand({ TableName: name, Item: item, ConditionExpression: "attribute_not_exists(PK)" }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    conditionalPut: async (
      item: Record<string, unknown>,
      condition: string,
      values: Record<string, unknown>,
      names?: Record<string, string>,
    ): Promise<boolean> => {
      try {
        await doc.send(
          new PutCommand({
            TableName: name,
            Item: item,
            ConditionExpression: condition,
            ExpressionAttributeValues: values,
            ...(names ? { ExpressionAttributeNames: names } : {}),
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    get: async <T>(k: ItemKey, consistent = true) =>
      fitsKey(k.PK, k.SK) ? strip<T>(await read(k, consistent)) : undefined,
  };
};

export type Table = ReturnType<typeof openTable>;

/** Creates the table if it is missing: for the local stack and tests (CDK owns it in AWS). */
export const ensureTable = async (client: DynamoDBClient, tableName: string) => {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (
      !(error instanceof ResourceNotFoundException) &&
      (error as { name?: string }).name !== "ResourceNotFoundException"
    )
      throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "PK", AttributeType: "S" },
        { AttributeName: "SK", AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: "PK", KeyType: "HASH" },
        { AttributeName: "SK", KeyType: "RANGE" },
      ],
    }),
  );
  for (let i = 0; i < 100; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === "ACTIVE") return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Table ${tableName} did not become active`);
};
