// A delivery worker killed after taking an email job and before sending it: the queue brings the job
// back, but while the dead worker's lease runs nobody sends it, and once the lease has run out it is
// sent exactly once.
import { beforeAll, describe, expect, it } from "vitest";
import { deliverEmail } from "../../functions/core/deliver-email.ts";
import { SENDING_LEASE_MS, type EmailJob } from "../../functions/core/invitations.ts";
import type { OutgoingEmail, Ports } from "../../functions/core/ports.ts";
import { sendInvitations } from "../../functions/core/send-invitations.ts";
import { freshTable } from "../support/dynamo.ts";
import { playedWorkerPorts, takeAndDie } from "../support/played-workers.ts";
import { campaign, member } from "../support/factories.ts";
import { movableClock } from "../support/local-stack.ts";

const clock = movableClock(new Date("2027-03-01T12:00:00Z"));
let sent: OutgoingEmail[];
let queued: EmailJob[];
let ports: Ports;

beforeAll(async () => {
  const { repository } = await freshTable();
  await repository.putMembers([member("ARG")]);
  await repository.createCampaign(
    campaign({ id: "c1", invited: ["ARG"], closesAt: "2099-01-01T00:00:00.000Z" }),
  );
  ({ ports, sent, queued } = playedWorkerPorts(repository, clock));
});

describe("a worker killed between taking an email and sending it", () => {
  it("leaves the email to nobody while its lease runs, then to exactly one worker", async () => {
    await sendInvitations(ports, "c1");
    const job = queued.shift()!;
    await takeAndDie(ports, job);

    // The queue hands the job out again (its visibility timeout is shorter than it takes to notice):
    // twice in parallel, while the dead worker's lease still runs.
    clock.advance(SENDING_LEASE_MS / 2);
    expect(await Promise.all([deliverEmail(ports, job), deliverEmail(ports, job)])).toEqual([
      "skipped",
      "skipped",
    ]);
    expect(sent).toHaveLength(0);

    // The lease has run out: of three workers handed the job at once, one sends it.
    clock.advance(SENDING_LEASE_MS);
    const outcomes = await Promise.all([
      deliverEmail(ports, job),
      deliverEmail(ports, job),
      deliverEmail(ports, job),
    ]);
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(1);
    expect(sent.map((e) => e.to)).toEqual(["fp.arg@example.org"]);

    // And it is never sent again, however often the job comes back or "send" is pressed.
    expect(await deliverEmail(ports, job)).toBe("skipped");
    clock.advance(10 * SENDING_LEASE_MS);
    expect(await sendInvitations(ports, "c1")).toMatchObject({ queued: 0, alreadySent: 1 });
    expect(sent).toHaveLength(1);
    expect(await ports.repository.getEmail(job)).toMatchObject({ status: "sent", attempts: 2 });
    expect(await ports.repository.getInvitation("c1", "ARG", "focal-point")).toMatchObject({ state: "sent" });
  });
});
