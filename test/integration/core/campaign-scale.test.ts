// A campaign of 10,000 members on dynalite: the status page, reminders and the audit log read and write
// a bounded number of times, and match members by key, not by scanning (issues 18.3 and 19).
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { campaignStatus } from "../../../functions/core/campaign-status.ts";
import { forEachConcurrently } from "../../../functions/core/concurrently.ts";
import type { EmailJob } from "../../../functions/core/invitations.ts";
import type { Ports, Repository, SignInJob } from "../../../functions/core/ports.ts";
import { REMINDER_WRITES_AT_ONCE, remindNow } from "../../../functions/core/reminders.ts";
import type { Response } from "../../../functions/core/responses.ts";
import { freshTable } from "../../support/dynamo.ts";
import { campaign as campaignOf, invitation, submission } from "../../support/factories.ts";
import { counted, members as membersOf, type Reads } from "../../support/scale.ts";

const N = 10_000;
const directory = membersOf(N);
const campaign = campaignOf({ id: "big", invited: directory.map((m) => m.code) });
const clock = { now: () => new Date("2026-06-01T12:00:00Z") };

/** Every tenth member bounced; of the others, one in five saved a draft and one in five submitted. */
const bounced = (i: number) => i % 10 === 9;
const drafting = (i: number) => !bounced(i) && i % 5 === 1;
const submitting = (i: number) => !bounced(i) && i % 5 === 2;

const response = (code: string, submitted: boolean): Response => ({
  campaignId: campaign.id,
  memberCode: code,
  status: submitted ? "submitted" : "draft",
  version: 3,
  answers: { note: `The answer of ${code}, long enough to weigh something on a Query page.` },
  updatedAt: "2026-05-01T00:00:00.000Z",
  updatedBy: { contactId: "focal-point", name: `Focal point ${code}` },
  ...(submitted ? { submittedAt: "2026-05-01T00:00:00.000Z", submittedVersion: 3 } : {}),
});

let repository: Repository;
let client: DynamoDBClient;

/** Every request the repository sends from now on, by command, with its input. */
const recording = () => {
  const sent: { command: string; input: Record<string, unknown> }[] = [];
  let on = true;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (on)
        sent.push({ command: String(context.commandName), input: args.input as Record<string, unknown> });
      return next(args);
    },
    { step: "initialize", name: `record-${Math.random()}` },
  );
  return {
    sent,
    stop: () => {
      on = false;
    },
  };
};

beforeAll(async () => {
  ({ repository, client } = await freshTable());
  await repository.putMembers(directory);
  await repository.createCampaign(campaign);
  await forEachConcurrently(
    directory.map((m, i) => ({ m, i })),
    32,
    async ({ m, i }) => {
      await repository.createInvitation(
        invitation({
          campaignId: campaign.id,
          memberCode: m.code,
          email: m.contacts[0]!.email,
          state: bounced(i) ? "bounced" : "sent",
          sentAt: "2026-04-01T00:00:00.000Z",
        }),
      );
      if (drafting(i) || submitting(i)) await repository.saveResponse(response(m.code, submitting(i)), 0);
      if (submitting(i)) {
        // Two submissions: the one in force (stored version 3) is the member's second.
        for (const version of [1, 3])
          await repository.putResponseVersion({
            ...submission(m.code, {}, version),
            campaignId: campaign.id,
          });
      }
    },
  );
  for (let i = 0; i < 120; i++) {
    await repository.putAudit({
      at: new Date(Date.UTC(2026, 4, 1, 0, i)).toISOString(),
      actor: "secretariat@example.org",
      action: `action ${i}`,
      campaignId: campaign.id,
    });
  }
}, 300_000);

describe("a campaign of 10,000 members", () => {
  it("shows its status with a fixed number of queries, however many members answered", async () => {
    const record = recording();
    const status = await campaignStatus({ repository, clock }, campaign.id);
    record.stop();

    // One query per list (members, invitations, responses, kept versions, reports, audit, and the
    // emails for each member's reminder history), each followed over its 1 MB pages; and the campaign
    // itself. Not one query per member.
    const fresh = record.sent.filter((r) => r.command === "QueryCommand" && !r.input.ExclusiveStartKey);
    expect(fresh).toHaveLength(7);
    expect(record.sent.filter((r) => r.command !== "QueryCommand")).toHaveLength(1);
    expect(record.sent.length).toBeLessThanOrEqual(40);

    expect(status.members).toHaveLength(50);
    expect(status.page).toMatchObject({ number: 1, pages: N / 50, matching: N, filter: "all" });
    expect(status.filters).toEqual({
      all: N,
      "not-answered": 6000,
      draft: 2000,
      submitted: 2000,
      bounced: 1000,
    });
    const submitted = status.members.find((m) => m.state === "submitted");
    expect(submitted?.response).toMatchObject({ status: "submitted", version: 2 });
    expect(status.byGroup.reduce((sum, t) => sum + t.invited, 0)).toBe(N);
    expect(status.byGroup.reduce((sum, t) => sum + t.submitted, 0)).toBe(2000);
    expect(status.audit).toHaveLength(50);
  });

  it("matches members to their invitations, answers and versions by key: work that grows with the lists", async () => {
    // Every list the repository returns counts its element reads. Matching by scanning would read
    // each list once per member (about 10⁸ reads); by key, each is read a few times.
    const reads: Reads = { count: 0 };
    const items = 4 * N; // members, invitations, responses and versions are each at most N here
    const budget = 10 * items;
    const countedRepository: Repository = {
      ...repository,
      listMembers: async () => counted(await repository.listMembers(), reads, budget),
      listInvitations: async (id) => counted(await repository.listInvitations(id), reads, budget),
      listResponses: async (id) => counted(await repository.listResponses(id), reads, budget),
      listKeptVersions: async (id) => counted(await repository.listKeptVersions(id), reads, budget),
    };
    const status = await campaignStatus({ repository: countedRepository, clock }, campaign.id, {
      filter: "submitted",
      page: 3,
    });
    expect(status.page).toMatchObject({ number: 3, matching: 2000, pages: 40 });
    expect(status.members.every((m) => m.state === "submitted")).toBe(true);
    expect(reads.count).toBeLessThanOrEqual(budget);
  });

  it("finds a member by code or name, accents and case aside", async () => {
    const [one] = directory.slice(4321, 4322);
    const byCode = await campaignStatus({ repository, clock }, campaign.id, {
      search: one!.code.toLowerCase(),
    });
    expect(byCode.members.map((m) => m.code)).toContain(one!.code);
    const byName = await campaignStatus({ repository, clock }, campaign.id, {
      search: `mémber ${one!.code}`,
    });
    expect(byName.members.map((m) => m.code)).toEqual([one!.code]);
    expect(byName.page.matching).toBe(1);
  });

  it("writes the reminders' records several at a time, never more than the bound", async () => {
    let inFlight = 0;
    let most = 0;
    let writes = 0;
    const watched: Repository = {
      ...repository,
      createEmail: async (email) => {
        writes++;
        most = Math.max(most, ++inFlight);
        try {
          return await repository.createEmail(email);
        } finally {
          inFlight--;
        }
      },
    };
    const queued: (EmailJob | SignInJob)[] = [];
    const ports = {
      repository: watched,
      clock,
      queue: { enqueue: async (jobs: (EmailJob | SignInJob)[]) => void queued.push(...jobs) },
    } satisfies Pick<Ports, "repository" | "queue" | "clock">;
    const summary = await remindNow(ports, campaign.id);

    // Reachable contacts of members who have not submitted: all but the bounced and the submitted.
    expect(summary.queued).toBe(7000);
    expect(writes).toBe(7000);
    expect(queued).toHaveLength(7000);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(REMINDER_WRITES_AT_ONCE);
  });

  it("reads the newest lines of the audit log with a Limit, in one request, not the whole partition", async () => {
    const record = recording();
    const audit = await repository.listAudit(campaign.id);
    record.stop();
    expect(record.sent).toHaveLength(1);
    expect(record.sent[0]?.input).toMatchObject({ Limit: 50, ScanIndexForward: false });
    expect(audit.map((a) => a.action).slice(0, 2)).toEqual(["action 119", "action 118"]);
    expect(audit).toHaveLength(50);
  });
});
