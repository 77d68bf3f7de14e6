// What a respondent's page costs in storage requests does not grow with the campaign: a form page is
// at most 4 DynamoDB requests in 2 round trips, the same with 50, 1,000 or 10,000 invitations.
import { randomUUID } from "node:crypto";
import { BatchWriteCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoRepository, ensureTable } from "../../../functions/adapters/dynamodb-repository.ts";
import type { Campaign } from "../../../functions/core/campaign.ts";
import { adminClient, loadContent } from "../../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../../functions/local/outbox.ts";
import { dynamoClient } from "../../support/dynamo.ts";
import { testStack } from "../../support/local-stack.ts";

const client = dynamoClient();
const tableName = `test-${randomUUID()}`;
/** Every request the repository sends, and how many waves they came in (in flight rising from none). */
const seen = { counting: false, requests: [] as string[], roundTrips: 0, inFlight: 0, linkReads: 0 };
client.middlewareStack.add(
  (next, context) => async (args) => {
    if (!seen.counting) return next(args);
    seen.requests.push(context.commandName ?? "?");
    const key = (args.input as { Key?: { PK?: unknown } }).Key;
    if (typeof key?.PK === "string" && key.PK.startsWith("TOKEN#")) seen.linkReads++;
    if (seen.inFlight++ === 0) seen.roundTrips++;
    try {
      return await next(args);
    } finally {
      seen.inFlight--;
    }
  },
  { step: "initialize", name: "countRequests" },
);

let stack: Awaited<ReturnType<typeof testStack>>;
let campaign: Campaign;
let link: string;

beforeAll(async () => {
  await ensureTable(client, tableName);
  stack = await testStack({ repository: createDynamoRepository({ client, tableName }) });
  const api = adminClient(stack);
  await loadContent(api);
  campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    closesAt: new Date(Date.now() + 864e5).toISOString(),
    invite: ["GTM"],
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  link = respondentLink(
    readOutbox(stack.paths.outbox).find((m) => m.headers["x-consulta-campaign"] === campaign.id)!,
  )!;
}, 120_000);
afterAll(() => stack.dispose());

/** Other members' invitations in the same campaign, written straight into the table. */
const grow = async (to: number, from: number) => {
  const doc = DynamoDBDocumentClient.from(client);
  const items = Array.from({ length: to - from }, (_, k) => ({
    PK: `CAMPAIGN#${campaign.id}`,
    SK: `INVITE#M${String(from + k).padStart(5, "0")}#focal-point`,
    kind: "invitation",
    campaignId: campaign.id,
    memberCode: `M${from + k}`,
    contactId: "focal-point",
    email: `fp${from + k}@example.org`,
    language: "es",
    state: "sent",
    rev: 1,
    generation: 1,
    tokenHashes: [],
    reminders: [],
    createdAt: new Date().toISOString(),
  }));
  for (let i = 0; i < items.length; i += 25)
    await doc.send(
      new BatchWriteCommand({
        RequestItems: { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
};

const measure = async () => {
  await fetch(link, { headers: { accept: "text/html" } }); // warm: the questionnaire is read once
  seen.requests = [];
  seen.roundTrips = 0;
  seen.counting = true;
  const res = await fetch(link, { headers: { accept: "text/html" } });
  seen.counting = false;
  expect(res.status).toBe(200);
  return { requests: [...seen.requests].sort(), roundTrips: seen.roundTrips };
};

describe("a form page", () => {
  it(
    "costs the same few requests however many invitations the campaign holds",
    { timeout: 180_000 },
    async () => {
      const costs: Record<number, Awaited<ReturnType<typeof measure>>> = {};
      let size = 1;
      for (const invitations of [50, 1_000, 10_000]) {
        await grow(invitations, size);
        size = invitations;
        costs[invitations] = await measure();
      }
      expect(costs[50]!.requests.length).toBeLessThanOrEqual(4);
      expect(costs[50]!.roundTrips).toBeLessThanOrEqual(2);
      expect(costs[1_000]).toEqual(costs[50]);
      expect(costs[10_000]).toEqual(costs[50]);
    },
  );
});

/** Posts the form as a browser without JavaScript does; counts how often the link's token is read. */
const post = async (fields: Record<string, string>) => {
  seen.linkReads = 0;
  seen.counting = true;
  const res = await fetch(link, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body: new URLSearchParams(fields).toString(),
  });
  seen.counting = false;
  return { status: res.status, linkReads: seen.linkReads, page: await res.text() };
};

describe("a form post", () => {
  // The session (link, campaign, member, questionnaire) is opened once per request; what changes while
  // the request runs (the answer, the colleagues) is read again, the rest is not.
  it("opens the link once when a colleague's save conflicts", async () => {
    const first = await post({ action: "draft", baseVersion: "0", "expected-achievements": "primera" });
    expect(first.status).toBe(303);
    const stale = await post({ action: "draft", baseVersion: "0", "expected-achievements": "segunda" });
    expect(stale.status).toBe(409);
    expect(stale.page).toContain("segunda");
    expect(stale.linkReads).toBe(1);
  });

  it("opens the link once when inviting a colleague", async () => {
    const invited = await post({
      action: "invite-contributor",
      baseVersion: "0",
      "contributor[name]": "Colega",
      "contributor[email]": "colega@example.org",
    });
    expect(invited.status).toBe(200);
    expect(invited.page).toContain("colega@example.org");
    expect(invited.linkReads).toBe(1);
  });
});
