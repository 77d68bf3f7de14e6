// Sending a large campaign: invitations made in parallel and handed to the queue as they are made.
import { describe, expect, it } from "vitest";
import type { EmailJob } from "../../../functions/core/invitations.ts";
import { sendInvitations } from "../../../functions/core/send-invitations.ts";
import { freshTable } from "../../support/dynamo.ts";
import { campaign, member } from "../../support/factories.ts";

const clock = { now: () => new Date("2026-03-01T12:00:00.000Z") };
const codes = Array.from({ length: 250 }, (_, i) => `M${String(i).padStart(3, "0")}`);

const withCampaign = async () => {
  const { repository } = await freshTable();
  await repository.putMembers(codes.map((code) => member(code)));
  await repository.createCampaign(campaign({ invited: codes }));
  return repository;
};

describe("sendInvitations on 250 members", () => {
  it("queues each contact's invitation exactly once, in several hand-overs", async () => {
    const repository = await withCampaign();
    const handOvers: EmailJob[][] = [];
    const summary = await sendInvitations(
      { repository, clock, queue: { enqueue: async (jobs: EmailJob[]) => void handOvers.push(jobs) } },
      "c1",
    );
    expect(summary).toEqual({ created: 250, queued: 250, alreadySent: 0, contacts: 250, inFlight: 0 });
    expect(handOvers.length).toBeGreaterThan(1);
    expect(
      handOvers
        .flat()
        .map((j) => j.memberCode)
        .sort(),
    ).toEqual(codes);
    expect(await repository.listInvitations("c1")).toHaveLength(250);
  });

  it("reports a queue that refuses a hand-over only after the others settle, and sending again creates nothing twice and queues every email still pending", async () => {
    const repository = await withCampaign();
    const accepted: EmailJob[] = [];
    let calls = 0;
    const flaky = {
      enqueue: async (jobs: EmailJob[]) => {
        if (++calls === 2) throw new Error("SQS unavailable");
        await new Promise((r) => setTimeout(r, 5));
        accepted.push(...jobs);
      },
    };
    await expect(sendInvitations({ repository, clock, queue: flaky }, "c1")).rejects.toThrow(
      "SQS unavailable",
    );
    const refused = codes.filter((c) => !accepted.some((j) => j.memberCode === c));
    expect(refused.length).toBeGreaterThan(0);
    expect(accepted.length + refused.length).toBe(250);

    // The refused ones are still "pending": the Secretariat presses send again.
    const again: EmailJob[] = [];
    const summary = await sendInvitations(
      { repository, clock, queue: { enqueue: async (jobs: EmailJob[]) => void again.push(...jobs) } },
      "c1",
    );
    expect(summary.created).toBe(0);
    // Pending records are queued again, all of them: the worker's once-only guard skips any already sent.
    expect(again.map((j) => j.memberCode).sort()).toEqual(codes);
  });
});
