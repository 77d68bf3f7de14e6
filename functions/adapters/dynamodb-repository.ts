// The single-table DynamoDB repository: every write a single-item conditional write, every Query paginated.
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { Campaign } from "../core/campaign.ts";
import { TryAgain } from "../core/errors.ts";
import type { Contact, Member } from "../core/directory.ts";
import { contactsVersion } from "../core/member-contacts.ts";
import type { EmailJob, EmailRecord, Invitation, TokenRecord } from "../core/invitations.ts";
import type { Job } from "../core/jobs.ts";
import {
  AUDIT_SHOWN,
  type AuditEntry,
  type ConsoleSession,
  type ContentLoadRecord,
  type ReceiptPointer,
  type ReportRecord,
  type Repository,
  type SignInLink,
} from "../core/ports.ts";
import type { Questionnaire } from "../core/questionnaire/definition.ts";
import type { Response, ResponseVersion } from "../core/responses.ts";
import { logger } from "./telemetry.ts";

const key = {
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
  report: (campaignId: string, at: string) => ({ PK: `CAMPAIGN#${campaignId}`, SK: `REPORT#${at}` }),
  job: (id: string) => ({ PK: `JOB#${id}`, SK: "JOB" }),
};

const pad = (n: number) => String(n).padStart(6, "0");

/** Under DynamoDB's 400 KB an item, with room for the keys. */
const IMPORT_PART_BYTES = 350 * 1024;

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

/** Campaigns are listed from a second item per campaign in one partition (few campaigns a year). */
const campaignIndexKey = (c: Campaign) => ({ PK: "CAMPAIGNS", SK: `${c.createdAt}#${c.id}` });

const strip = <T>(item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined;
  // contactsVersion is the storage's own guard on a member's contacts (updateMemberContacts), not data.
  const { PK: _pk, SK: _sk, kind: _kind, contactsVersion: _contacts, ...rest } = item;
  return rest as T;
};

/**
 * DynamoDB refuses a partition key over 2048 bytes or a sort key over 1024 with a ValidationException.
 * Keys hold ids from URLs; no item can have a key that long, so reading one finds nothing.
 */
const fitsKey = (pk: unknown, sk: unknown = "") =>
  Buffer.byteLength(String(pk)) <= 2048 && Buffer.byteLength(String(sk)) <= 1024;

const isConditionFailure = (error: unknown) =>
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

/**
 * The SDK retries throttling and server faults itself (four attempts for DynamoDB, with backoff).
 * What still fails after that reaches the person as TryAgain, a 503 that keeps what they typed, not
 * as a 500; the log keeps the cause (never a key: keys can hold token hashes) for the alarm.
 */
const tryAgainWhenUnavailable = (doc: DynamoDBDocumentClient): DynamoDBDocumentClient => {
  // The prototype's send is looked up at each call, so a test's mock of the client still applies.
  const send = (...args: unknown[]) =>
    (Object.getPrototypeOf(doc) as { send: (...a: unknown[]) => Promise<unknown> }).send.apply(doc, args);
  doc.send = (async (...args: unknown[]) => {
    try {
      return await send(...args);
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
  }) as DynamoDBDocumentClient["send"];
  return doc;
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

export type DynamoRepositoryOptions = { client: DynamoDBClient; tableName: string };

/**
 * The SDK's logger middleware formats every request and response for a logger that, unless someone
 * configured one, does nothing with them: about 4 % of a form GET's CPU (issue 19's profile).
 */
const withoutSilentLogger = (client: DynamoDBClient) => {
  if (client.config.logger.constructor.name.includes("NoOp"))
    client.middlewareStack.remove("loggerMiddleware");
};

export const createDynamoRepository = ({ client, tableName }: DynamoRepositoryOptions): Repository => {
  withoutSilentLogger(client);
  const doc = tryAgainWhenUnavailable(
    DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    }),
  );
  const questionnaires = new Map<string, Questionnaire>();

  const queryAll = async (input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">) => {
    const items: Record<string, unknown>[] = [];
    if (!fitsKey(input.ExpressionAttributeValues?.[":pk"], input.ExpressionAttributeValues?.[":sk"]))
      return items;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({ ...input, TableName: tableName, ExclusiveStartKey: start }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  };

  const putIfAbsent = async (item: Record<string, unknown>): Promise<boolean> => {
    try {
      await doc.send(
        new PutCommand({ TableName: tableName, Item: item, ConditionExpression: "attribute_not_exists(PK)" }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };

  const conditionalPut = async (
    item: Record<string, unknown>,
    condition: string,
    values: Record<string, unknown>,
    names?: Record<string, string>,
  ): Promise<boolean> => {
    try {
      await doc.send(
        new PutCommand({
          TableName: tableName,
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
  };

  const read = coalescedReads(doc, tableName);
  const get = async <T>(k: ItemKey, consistent = true) =>
    fitsKey(k.PK, k.SK) ? strip<T>(await read(k, consistent)) : undefined;

  return {
    async putMembers(members: Member[]) {
      for (let i = 0; i < members.length; i += 25) {
        let pending: unknown[] = members.slice(i, i + 25).map((m) => ({
          PutRequest: {
            Item: {
              ...key.member(m.code),
              kind: "member",
              ...m,
              contactsVersion: contactsVersion(m.contacts),
            },
          },
        }));
        // BatchWrite may hand back unprocessed items under load; retry them with backoff.
        for (let attempt = 0; pending.length; attempt++) {
          const out = await doc.send(
            new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }),
          );
          pending = out.UnprocessedItems?.[tableName] ?? [];
          if (pending.length) {
            if (attempt >= 8)
              throw new Error(`Directory import: ${pending.length} members not written after retries`);
            await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
          }
        }
      }
    },
    getMember: (code: string) => get<Member>(key.member(code)),
    async updateMemberContacts(code: string, contacts: Contact[], expected: Contact[]) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key.member(code),
            UpdateExpression: "SET contacts = :contacts, contactsVersion = :next",
            // A member stored before versions were kept has none: its first edit sets one.
            ConditionExpression:
              "attribute_exists(PK) AND (contactsVersion = :expected OR attribute_not_exists(contactsVersion))",
            ExpressionAttributeValues: {
              ":contacts": contacts,
              ":next": contactsVersion(contacts),
              ":expected": contactsVersion(expected),
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async deleteMember(code: string) {
      await doc.send(new DeleteCommand({ TableName: tableName, Key: key.member(code) }));
    },
    async getContentLoad() {
      return (await get<{ record: ContentLoadRecord }>({ PK: "DIRECTORY", SK: "CONTENT-LOAD" }))?.record;
    },
    async putContentLoad(record: ContentLoadRecord) {
      // Beside the members but outside their MEMBER# prefix, so listing the directory never reads it.
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { PK: "DIRECTORY", SK: "CONTENT-LOAD", kind: "content-load", record },
        }),
      );
    },
    async listMembers() {
      const items = await queryAll({
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues: { ":pk": "DIRECTORY", ":sk": "MEMBER#" },
        ConsistentRead: true,
      });
      return items.map((i) => strip<Member>(i) as Member);
    },

    async putQuestionnaire(q: Questionnaire) {
      const item = {
        ...key.questionnaire(q.id, q.version),
        kind: "questionnaire",
        definition: JSON.stringify(q),
      };
      if (await putIfAbsent(item)) return "created";
      const stored = await get<{ definition: string }>(key.questionnaire(q.id, q.version));
      if (stored?.definition === item.definition) return "unchanged";
      throw new Error(
        `Questionnaire ${q.id} version ${q.version} is already stored with other content: raise its version`,
      );
    },
    async getQuestionnaire(id: string, version?: number) {
      if (!fitsKey(`QUESTIONNAIRE#${id}`)) return undefined;
      if (version === undefined) {
        const latest = await doc.send(
          new QueryCommand({
            TableName: tableName,
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
      const stored = await get<{ definition: string }>(key.questionnaire(id, version));
      if (!stored) return undefined;
      const questionnaire = deepFreeze(JSON.parse(String(stored.definition)) as Questionnaire);
      if (questionnaires.size >= QUESTIONNAIRES_CACHED)
        questionnaires.delete(questionnaires.keys().next().value!);
      questionnaires.set(cacheKey, questionnaire);
      return questionnaire;
    },

    async createCampaign(campaign: Campaign) {
      if (!(await putIfAbsent({ ...key.campaign(campaign.id), kind: "campaign", ...campaign }))) {
        throw new Error(`Campaign ${campaign.id} already exists`);
      }
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...campaignIndexKey(campaign), kind: "campaign-index", id: campaign.id },
        }),
      );
    },
    getCampaign: (id: string) => get<Campaign>(key.campaign(id)),
    async listCampaigns() {
      const index = await queryAll({
        KeyConditionExpression: "PK = :pk",
        ExpressionAttributeValues: { ":pk": "CAMPAIGNS" },
        ScanIndexForward: false,
      });
      const campaigns = await Promise.all(index.map((i) => get<Campaign>(key.campaign(String(i.id)))));
      return campaigns.filter((c): c is Campaign => c !== undefined);
    },

    createInvitation: (inv: Invitation) =>
      putIfAbsent({
        ...key.invitation(inv.campaignId, inv.memberCode, inv.contactId),
        kind: "invitation",
        ...inv,
      }),
    getInvitation: (campaignId: string, member: string, contact: string) =>
      get<Invitation>(key.invitation(campaignId, member, contact)),
    async listInvitations(campaignId: string) {
      const items = await queryAll({
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": "INVITE#" },
        ConsistentRead: true,
      });
      return items.map((i) => strip<Invitation>(i) as Invitation);
    },
    async listMemberInvitations(campaignId: string, memberCode: string) {
      const items = await queryAll({
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": `INVITE#${memberCode}#` },
        ConsistentRead: true,
      });
      return items.map((i) => strip<Invitation>(i) as Invitation);
    },
    async updateInvitation(next: Invitation, expectedRev: number) {
      return conditionalPut(
        { ...key.invitation(next.campaignId, next.memberCode, next.contactId), kind: "invitation", ...next },
        "rev = :rev",
        { ":rev": expectedRev },
      );
    },
    createEmail: (email: EmailRecord) =>
      putIfAbsent({ ...key.email(email), ...email, kind: "email", emailKind: email.kind }),
    getEmail: async (job: EmailJob) => unwrapEmail(await get<Record<string, unknown>>(key.email(job))),
    async listEmails(campaignId: string) {
      const items = await queryAll({
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": "EMAIL#" },
        ConsistentRead: true,
      });
      return items.map((i) => unwrapEmail(strip(i)) as EmailRecord);
    },
    async updateEmail(expected: EmailRecord, next: EmailRecord) {
      return conditionalPut(
        { ...key.email(next), ...next, kind: "email", emailKind: next.kind },
        "#status = :status AND attempts = :attempts",
        { ":status": expected.status, ":attempts": expected.attempts },
        { "#status": "status" },
      );
    },
    async putToken(token: TokenRecord) {
      if (!(await putIfAbsent({ ...key.token(token.tokenHash), kind: "token", ...token }))) {
        throw new Error("Token collision: refusing to reuse a token hash");
      }
    },
    getToken: (hash: string) => get<TokenRecord>(key.token(hash)),
    async setTokenStatus(hash: string, status: TokenRecord["status"]) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key.token(hash),
          UpdateExpression: "SET #status = :status",
          ConditionExpression: "attribute_exists(PK)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":status": status },
        }),
      );
    },

    getResponse: (campaignId: string, member: string) => get<Response>(key.response(campaignId, member)),
    async saveResponse(response: Response, expectedVersion: number) {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...key.response(response.campaignId, response.memberCode),
              kind: "response",
              ...response,
            },
            ...(expectedVersion === 0
              ? { ConditionExpression: "attribute_not_exists(PK)" }
              : {
                  ConditionExpression: "version = :expected",
                  ExpressionAttributeValues: { ":expected": expectedVersion },
                }),
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async putResponseVersion(version: ResponseVersion) {
      const item = {
        ...key.responseVersion(version.campaignId, version.memberCode, version.version),
        kind: "response-version",
        ...version,
      };
      if (!(await putIfAbsent(item))) throw new Error("A submitted version is never overwritten");
    },
    async listResponses(campaignId: string) {
      const items = await queryAll({
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": "RESPONSE#" },
        ConsistentRead: true,
      });
      return items.map((i) => strip<Response>(i) as Response);
    },
    getResponseVersion: (campaignId: string, member: string, version: number) =>
      get<ResponseVersion>(key.responseVersion(campaignId, member, version)),
    async listResponseVersions(campaignId: string, member: string) {
      const items = await queryAll({
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": `VERSION#${member}#` },
        ConsistentRead: true,
      });
      return items.map((i) => strip<ResponseVersion>(i) as ResponseVersion);
    },
    async putReceipt(code: string, pointer: ReceiptPointer) {
      // Codes carry 60 bits: a collision would be a once-in-a-billion event, and is refused, not overwritten.
      if (!(await putIfAbsent({ PK: `RECEIPT#${code}`, SK: "RECEIPT", kind: "receipt", ...pointer }))) {
        throw new Error(`Receipt code ${code} is already taken`);
      }
    },
    getReceipt: (code: string) => get<ReceiptPointer>({ PK: `RECEIPT#${code}`, SK: "RECEIPT" }),
    async listKeptVersions(campaignId: string) {
      // Only the two numbers: the page would otherwise carry every submission's answers over the wire.
      const items = await queryAll({
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
        ProjectionExpression: "memberCode, #version",
        ExpressionAttributeNames: { "#version": "version" },
        ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": "VERSION#" },
        ConsistentRead: true,
      });
      return items.map((i) => ({ memberCode: String(i.memberCode), version: Number(i.version) }));
    },
    async listLatestSubmissions(campaignId: string) {
      const items = await queryAll({
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": "VERSION#" },
        ConsistentRead: true,
      });
      const latest = new Map<string, ResponseVersion>();
      for (const item of items) {
        const v = strip<ResponseVersion>(item) as ResponseVersion;
        const known = latest.get(v.memberCode);
        if (!known || known.version < v.version) latest.set(v.memberCode, v);
      }
      return [...latest.values()];
    },
    async *latestSubmissionPages(campaignId: string) {
      const input = {
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": "VERSION#" },
        ConsistentRead: true,
      };
      if (!fitsKey(input.ExpressionAttributeValues[":pk"], input.ExpressionAttributeValues[":sk"])) return;
      // Versions sort by member, then version: a member's newest is its last item, and a member whose
      // versions run past the end of a page is held back until the next page says where they stop.
      let pending: ResponseVersion | undefined;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({ ...input, TableName: tableName, ExclusiveStartKey: start }),
        );
        start = page.LastEvaluatedKey;
        const latest: ResponseVersion[] = [];
        for (const item of page.Items ?? []) {
          const v = strip<ResponseVersion>(item) as ResponseVersion;
          if (pending && pending.memberCode !== v.memberCode) latest.push(pending);
          if (!pending || pending.memberCode !== v.memberCode || pending.version < v.version) pending = v;
        }
        if (!start && pending) {
          latest.push(pending);
          pending = undefined;
        }
        if (latest.length) yield latest;
      } while (start);
    },
    async putReport(report: ReportRecord) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...key.report(report.campaignId, report.generatedAt), kind: "report", ...report },
        }),
      );
    },
    async listReports(campaignId: string) {
      const items = await queryAll({
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": "REPORT#" },
        ScanIndexForward: false,
      });
      return items.map((i) => strip<ReportRecord>(i) as ReportRecord);
    },
    async setCampaignStatus(id: string, status: Campaign["status"], closesAt?: string) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key.campaign(id),
          UpdateExpression: closesAt ? "SET #status = :status, closesAt = :closes" : "SET #status = :status",
          ConditionExpression: "attribute_exists(PK)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":status": status, ...(closesAt ? { ":closes": closesAt } : {}) },
        }),
      );
    },

    // The Secretariat's sign-in links, sessions and rate counters expire by the table's TTL (expiresAt).
    async putSignInLink(link: SignInLink) {
      if (
        !(await putIfAbsent({
          PK: `SIGNIN#${link.tokenHash}`,
          SK: "LINK",
          kind: "sign-in",
          used: false,
          ...link,
        }))
      ) {
        throw new Error("Sign-in token collision");
      }
    },
    async consumeSignInLink(tokenHash: string, nowSeconds: number) {
      try {
        const out = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { PK: `SIGNIN#${tokenHash}`, SK: "LINK" },
            UpdateExpression: "SET used = :true",
            ConditionExpression: "attribute_exists(PK) AND used = :false AND expiresAt > :now",
            ExpressionAttributeValues: { ":true": true, ":false": false, ":now": nowSeconds },
            ReturnValues: "ALL_NEW",
          }),
        );
        const { email, expiresAt } = out.Attributes ?? {};
        return { tokenHash, email: String(email), expiresAt: Number(expiresAt) };
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },
    async countAttempt(counter: string, windowStart: number, limit: number, expiresAt: number) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { PK: `RATE#${counter}`, SK: `W#${windowStart}` },
            UpdateExpression: "ADD attempts :one SET expiresAt = :expires, kind = :kind",
            ConditionExpression: "attribute_not_exists(attempts) OR attempts < :limit",
            ExpressionAttributeValues: { ":one": 1, ":limit": limit, ":expires": expiresAt, ":kind": "rate" },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async putSession(session: ConsoleSession) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { PK: `SESSION#${session.sessionHash}`, SK: "SESSION", kind: "session", ...session },
        }),
      );
    },
    getSession: (sessionHash: string) => get<ConsoleSession>({ PK: `SESSION#${sessionHash}`, SK: "SESSION" }),
    async deleteSession(sessionHash: string) {
      await doc.send(
        new DeleteCommand({ TableName: tableName, Key: { PK: `SESSION#${sessionHash}`, SK: "SESSION" } }),
      );
    },
    async putAudit(entry: AuditEntry) {
      const suffix = Math.random().toString(36).slice(2, 8);
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            PK: entry.campaignId ? `CAMPAIGN#${entry.campaignId}` : "AUDIT",
            SK: `AUDIT#${entry.at}#${suffix}`,
            kind: "audit",
            ...entry,
          },
        }),
      );
    },
    async listAudit(campaignId?: string, limit = AUDIT_SHOWN) {
      // One request for the newest `limit`: the log is kept for ever and only its head is shown.
      const pk = campaignId ? `CAMPAIGN#${campaignId}` : "AUDIT";
      if (!fitsKey(pk)) return [];
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
          ExpressionAttributeValues: { ":pk": pk, ":sk": "AUDIT#" },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (page.Items ?? []).map((i) => strip<AuditEntry>(i) as AuditEntry);
    },
    async putImport(id: string, plan: unknown, expiresAt: number) {
      // A preview can be far larger than DynamoDB's 400 KB an item (one line per row of the file): its
      // JSON is kept in parts, and the head naming how many is written last, so a reader never finds
      // half a preview.
      const bytes = Buffer.from(JSON.stringify(plan));
      const parts = Math.max(1, Math.ceil(bytes.length / IMPORT_PART_BYTES));
      for (let i = 0; i < parts; i++) {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              PK: `IMPORT#${id}`,
              SK: `PART#${pad(i)}`,
              kind: "import-part",
              bytes: bytes.subarray(i * IMPORT_PART_BYTES, (i + 1) * IMPORT_PART_BYTES),
              expiresAt,
            },
          }),
        );
      }
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { PK: `IMPORT#${id}`, SK: "PLAN", kind: "import", parts, expiresAt },
        }),
      );
    },
    async createJob(job: Job) {
      // The job sits under `job`: its own `kind` (send, compile…) is not the table's.
      if (!(await putIfAbsent({ ...key.job(job.id), kind: "job", rev: job.rev, job })))
        throw new Error(`Job ${job.id} already exists`);
    },
    getJob: async (id: string) => (await get<{ job: Job }>(key.job(id)))?.job,
    updateJob: (next: Job, expectedRev: number) =>
      conditionalPut({ ...key.job(next.id), kind: "job", rev: next.rev, job: next }, "rev = :rev", {
        ":rev": expectedRev,
      }),
    async getImport(id: string) {
      const head = await get<{ parts?: number; plan?: string }>({ PK: `IMPORT#${id}`, SK: "PLAN" });
      if (!head) return undefined;
      if (typeof head.plan === "string") return JSON.parse(head.plan) as unknown; // kept whole, before parts
      const parts = await queryAll({
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues: { ":pk": `IMPORT#${id}`, ":sk": "PART#" },
        ConsistentRead: true,
      });
      if (parts.length !== head.parts) return undefined;
      return JSON.parse(Buffer.concat(parts.map((p) => p.bytes as Uint8Array)).toString("utf8")) as unknown;
    },
  };
};

/** Email items carry the table's own `kind` attribute, so the email's kind is stored as `emailKind`. */
const unwrapEmail = (item: Record<string, unknown> | undefined): EmailRecord | undefined => {
  if (!item) return undefined;
  const { emailKind, kind: _kind, ...rest } = item;
  return { ...rest, kind: emailKind } as EmailRecord;
};

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
