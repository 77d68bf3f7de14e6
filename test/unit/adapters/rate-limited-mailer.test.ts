import { afterEach, describe, expect, it, vi } from "vitest";
import { rateLimitedMailer } from "../../../functions/adapters/rate-limited-mailer.ts";
import type { OutgoingEmail } from "../../../functions/core/ports.ts";

const email = (to: string): OutgoingEmail => ({ to, subject: "s", html: "h", text: "t", tags: {} });

afterEach(() => {
  vi.useRealTimers();
});

describe("the rate-limited mailer", () => {
  it("spaces sends to the configured rate, concurrent callers included", async () => {
    // Fake timers: the test checks the schedule, not the speed of the machine.
    vi.useFakeTimers({ toFake: ["setTimeout", "performance"] });
    const sentAt: number[] = [];
    const mailer = rateLimitedMailer(
      { send: async () => (sentAt.push(performance.now()), { messageId: "m" }) },
      14,
    );
    const all = Promise.all(Array.from({ length: 28 }, (_, i) => mailer.send(email(`a${i}@example.org`))));
    await vi.runAllTimersAsync();
    await all;
    expect(sentAt).toHaveLength(28);
    const start = sentAt[0] ?? 0;
    // 28 emails at 14 a second: the last leaves 27/14 s after the first, each 1/14 s after the one before.
    // Timers fire on whole milliseconds, hence the one-millisecond tolerance.
    sentAt.forEach((t, i) => expect(Math.abs(t - start - (i * 1000) / 14)).toBeLessThanOrEqual(1));
  });

  it("does nothing when the rate is 0 (the local outbox has no quota)", () => {
    const inner = { send: async () => ({ messageId: "m" }) };
    expect(rateLimitedMailer(inner, 0)).toBe(inner);
  });
});
