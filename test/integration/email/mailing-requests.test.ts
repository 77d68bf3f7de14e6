// What a mailing costs in storage requests (issue 19): creating and delivering an invitation takes a
// fixed handful of DynamoDB requests, counted on the local stack's real client, never timed.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoRepository, ensureTable } from "../../../functions/adapters/dynamodb-repository.ts";
import type { Campaign } from "../../../functions/core/campaign.ts";
import { adminClient, loadContent } from "../../../functions/local/demo.ts";
import { readOutbox } from "../../../functions/local/outbox.ts";
import { dynamoClient } from "../../support/dynamo.ts";
import { member } from "../../support/factories.ts";
import { testStack } from "../../support/local-stack.ts";

const INVITATIONS = 50;
/** Issue 19's target. */
const MOST_PER_INVITATION = 6;
/**
 * The send's own requests, whatever the campaign's size: the job's record and lease, the campaign,
 * its members, invitations and emails listed once.
 */
const ONE_OFF = 20;

const client = dynamoClient();
const tableName = `test-${randomUUID()}`;
/** The test's own reads, on a client of their own: not counted. */
const uncounted = createDynamoRepository({ client: dynamoClient(), tableName });
const seen = { counting: false, requests: new Map<string, number>() };
client.middlewareStack.add(
  (next, context) => async (args) => {
    if (seen.counting) {
      const name = context.commandName ?? "?";
      seen.requests.set(name, (seen.requests.get(name) ?? 0) + 1);
    }
    return next(args);
  },
  { step: "initialize", name: "countRequests" },
);

let stack: Awaited<ReturnType<typeof testStack>>;
let api: ReturnType<typeof adminClient>;
let campaign: Campaign;
const codes = Array.from({ length: INVITATIONS }, (_, i) =>
  String.fromCharCode(81, 65 + Math.floor(i / 26), 65 + (i % 26)),
);

beforeAll(async () => {
  await ensureTable(client, tableName);
  stack = await testStack({ repository: createDynamoRepository({ client, tableName }) });
  api = adminClient(stack);
  await loadContent(api);
  await stack.ports.repository.putMembers(codes.map((code) => member(code)));
  campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    closesAt: new Date(Date.now() + 864e5).toISOString(),
    invite: codes,
  });
}, 120_000);
afterAll(() => stack.dispose());

const delivered = () =>
  readOutbox(stack.paths.outbox).filter((m) => m.headers["x-consulta-campaign"] === campaign.id).length;

describe("a mailing", () => {
  it(
    `creates and delivers each invitation in at most ${MOST_PER_INVITATION} DynamoDB requests`,
    { timeout: 180_000 },
    async () => {
      seen.counting = true;
      await api("POST", `/api/campaigns/${campaign.id}/send`);
      while (delivered() < INVITATIONS) await new Promise((r) => setTimeout(r, 100));
      // The last email's own records are written after it reaches the outbox.
      await expect
        .poll(
          async () => (await uncounted.listInvitations(campaign.id)).filter((i) => i.state === "sent").length,
          {
            timeout: 30_000,
          },
        )
        .toBe(INVITATIONS);
      seen.counting = false;
      const total = [...seen.requests.values()].reduce((a, b) => a + b, 0);
      expect(total, JSON.stringify(Object.fromEntries(seen.requests))).toBeLessThanOrEqual(
        MOST_PER_INVITATION * INVITATIONS + ONE_OFF,
      );
      expect(delivered()).toBe(INVITATIONS);
    },
  );
});
