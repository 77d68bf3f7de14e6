// A mailing cut short (the process killed, a worker lost with its lease): what was left is picked up by
// the scheduled job without anyone pressing "send", and "send" says what is still being delivered.
import { beforeAll, describe, expect, it } from "vitest";
import { deliverEmail } from "../../functions/core/deliver-email.ts";
import {
  newEmail,
  newInvitation,
  SENDING_LEASE_MS,
  type EmailJob,
} from "../../functions/core/invitations.ts";
import type { OutgoingEmail, Ports } from "../../functions/core/ports.ts";
import { sendInvitations } from "../../functions/core/send-invitations.ts";
import { createSendRemindersHandler } from "../../functions/handlers/send-reminders.ts";
import { freshTable } from "../support/dynamo.ts";
import { playedWorkerPorts, takeAndDie } from "../support/played-workers.ts";
import { campaign, member } from "../support/factories.ts";
import { movableClock } from "../support/local-stack.ts";

const clock = movableClock(new Date("2027-03-01T12:00:00Z"));
const MINUTE = 60_000;
let sent: OutgoingEmail[];
let queued: EmailJob[];
let ports: Ports;

beforeAll(async () => {
  const { repository } = await freshTable();
  await repository.putMembers([member("ARG"), member("BRA"), member("CHL"), member("COL")]);
  await repository.createCampaign(
    campaign({
      id: "c1",
      invited: ["ARG", "BRA", "CHL", "COL"],
      opensAt: "2027-01-01T00:00:00.000Z",
      closesAt: "2099-01-01T00:00:00.000Z",
      // No reminder is due for decades: whatever the scheduled job queues here is left-over mail.
      reminderPlan: [7],
    }),
  );
  ({ ports, sent, queued } = playedWorkerPorts(repository, clock));
});

const scheduledRun = createSendRemindersHandler(() => ports);
const deliverQueued = async () => {
  for (const job of queued.splice(0)) await deliverEmail(ports, job);
};

describe("a send killed part-way, then restarted", () => {
  it("'send' says which are still being delivered and until when; the scheduled job sends them once their lease has run out", async () => {
    await sendInvitations(ports, "c1");
    const [first, second, ...rest] = queued.splice(0);
    for (const job of rest) await deliverEmail(ports, job);
    // Killed with two emails taken and not sent; the in-memory queue lost everything else.
    const taken = await takeAndDie(ports, first!);
    await takeAndDie(ports, second!);

    // "send" after the restart: nothing to queue now, and it says why two are not sent yet.
    clock.advance(MINUTE);
    const summary = await sendInvitations(ports, "c1");
    expect(summary).toMatchObject({
      queued: 0,
      alreadySent: 2,
      inFlight: 2,
      inFlightUntil: taken.leaseUntil,
    });
    expect(queued).toEqual([]);

    // The scheduled job, every minute locally: while the lease runs it leaves them alone...
    await scheduledRun();
    expect(queued).toEqual([]);

    // ... and once it has run out (and the queue's own retry would have come), it sends them, once.
    clock.advance(2 * SENDING_LEASE_MS);
    await scheduledRun();
    expect(queued).toHaveLength(2);
    await deliverQueued();
    expect(sent.map((e) => e.to).sort()).toEqual([
      "fp.arg@example.org",
      "fp.bra@example.org",
      "fp.chl@example.org",
      "fp.col@example.org",
    ]);
    expect(await sendInvitations(ports, "c1")).toMatchObject({ queued: 0, alreadySent: 4, inFlight: 0 });
    await scheduledRun();
    expect(queued).toEqual([]);
  });

  it("an email recorded but never handed to the queue (a crash in between) goes out with the scheduled job", async () => {
    // "Replace link" died after recording the new email and before queueing it.
    const job: EmailJob = {
      campaignId: "c1",
      memberCode: "ARG",
      contactId: "focal-point",
      kind: "reminder",
      n: "now-x",
    };
    await ports.repository.createEmail(newEmail(job, clock.now()));
    await scheduledRun();
    expect(queued).toEqual([]); // it may be waiting in the queue still: a fresh record is left to it

    clock.advance(30 * MINUTE);
    await scheduledRun();
    expect(queued).toEqual([job]);
    const before = sent.length;
    await deliverQueued();
    expect(sent.length).toBe(before + 1);
    await scheduledRun();
    expect(queued).toEqual([]);
  });

  it("an invitation created but never handed to the queue (a crash in between) goes out with the scheduled job", async () => {
    // "Send" died after creating the invitation: its email has no record until a worker takes it.
    await ports.repository.createCampaign(
      campaign({
        id: "c2",
        invited: ["ARG"],
        opensAt: "2027-01-01T00:00:00.000Z",
        closesAt: "2099-01-01T00:00:00.000Z",
      }),
    );
    const fields = { campaignId: "c2", memberCode: "ARG", contactId: "focal-point" };
    await ports.repository.createInvitation(
      newInvitation({ ...fields, email: "fp.arg@example.org", language: "es" }, clock.now()),
    );
    await scheduledRun();
    expect(queued).toEqual([]); // it may be waiting in the queue still: a fresh invitation is left to it

    clock.advance(30 * MINUTE);
    await scheduledRun();
    expect(queued).toEqual([{ ...fields, kind: "invitation", n: "1" }]);
    const before = sent.length;
    await deliverQueued();
    expect(sent.length).toBe(before + 1);
    expect(await ports.repository.getInvitation("c2", "ARG", "focal-point")).toMatchObject({ state: "sent" });
    await scheduledRun();
    expect(queued).toEqual([]);
  });
});
