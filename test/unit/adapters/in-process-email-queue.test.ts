// The local queue: one pool of workers across hand-overs, each hand-over settled when its jobs are delivered.
import { describe, expect, it } from "vitest";
import { createInProcessEmailQueue } from "../../../functions/adapters/in-process-email-queue.ts";
import type { EmailJob } from "../../../functions/core/invitations.ts";

const job = (n: number): EmailJob => ({
  kind: "invitation",
  n: "1",
  campaignId: "c1",
  memberCode: `M${n}`,
  contactId: "focal-point",
});

describe("the in-process email queue", () => {
  it("never delivers more than its concurrency at once, however many hand-overs overlap", async () => {
    let running = 0;
    let peak = 0;
    const delivered: string[] = [];
    const queue = createInProcessEmailQueue<EmailJob>(
      () => async (j) => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 2));
        delivered.push(j.memberCode);
        running--;
      },
      { concurrency: 3 },
    );
    const chunks = [0, 1, 2, 3].map((c) => [0, 1, 2, 3, 4].map((i) => job(c * 5 + i)));
    await Promise.all(chunks.map((chunk) => queue.enqueue(chunk)));
    expect(peak).toBe(3);
    expect(delivered.sort()).toEqual(
      chunks
        .flat()
        .map((j) => j.memberCode)
        .sort(),
    );
  });

  it("settles a hand-over once its own jobs are delivered, retrying a failure and dead-lettering the last", async () => {
    const attempts = new Map<string, number>();
    const dead: string[] = [];
    const queue = createInProcessEmailQueue<EmailJob>(
      () => async (j) => {
        attempts.set(j.memberCode, (attempts.get(j.memberCode) ?? 0) + 1);
        if (j.memberCode === "M1") throw new Error("SES refused");
      },
      { attempts: 2, onDeadLetter: (j) => dead.push(j.memberCode) },
    );
    await queue.enqueue([job(0), job(1)]);
    expect(Object.fromEntries(attempts)).toEqual({ M0: 1, M1: 2 });
    expect(dead).toEqual(["M1"]);
  });
});
