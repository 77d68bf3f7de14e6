// Ports for core's unit tests: every store in memory, a clock the test moves, counted ids, a queue that records.
import { createInMemoryRepository } from "../../functions/adapters/in-memory/index.ts";
import type { EmailJob } from "../../functions/core/invitations.ts";
import type { SignInJob } from "../../functions/core/ports.ts";

export const fakePorts = (now = "2026-03-01T12:00:00.000Z") => {
  let time = new Date(now);
  let counter = 0;
  const queued: (EmailJob | SignInJob)[] = [];
  const logged: { level: "error" | "warn"; message: string; fields?: Record<string, unknown> }[] = [];
  return {
    repository: createInMemoryRepository(),
    clock: { now: () => new Date(time) },
    random: { token: () => `token-${++counter}`, id: () => `id-${++counter}` },
    log: {
      error: (message: string, fields?: Record<string, unknown>) =>
        void logged.push({ level: "error", message, ...(fields ? { fields } : {}) }),
      warn: (message: string, fields?: Record<string, unknown>) =>
        void logged.push({ level: "warn", message, ...(fields ? { fields } : {}) }),
    },
    /** What core logged, in order. */
    logged,
    queue: { enqueue: async (jobs: (EmailJob | SignInJob)[]) => void queued.push(...jobs) },
    /** Every email job queued, in order. */
    queued,
    moveTo: (at: string) => void (time = new Date(at)),
  };
};
