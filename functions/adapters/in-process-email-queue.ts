// The local email queue: jobs are delivered in this process, a few at a time, retried with backoff.
import type { EmailJob } from "../core/invitations.ts";
import type { EmailQueue } from "../core/ports.ts";

export type JobWorker = (job: EmailJob) => Promise<unknown>;

export const createInProcessEmailQueue = (
  worker: () => JobWorker,
  options: {
    concurrency?: number;
    attempts?: number;
    onDeadLetter?: (job: EmailJob, error: unknown) => void;
  } = {},
): EmailQueue => {
  const concurrency = options.concurrency ?? 8;
  const attempts = options.attempts ?? 3;
  const runOne = async (job: EmailJob) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await worker()(job);
        return;
      } catch (error) {
        if (attempt >= attempts) {
          options.onDeadLetter?.(job, error);
          return;
        }
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      }
    }
  };
  return {
    // Delivery completes before enqueue resolves, so the local stack and tests see a settled outbox.
    async enqueue(jobs) {
      const queue = [...jobs];
      await Promise.all(
        Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
          for (let job = queue.shift(); job; job = queue.shift()) await runOne(job);
        }),
      );
    },
  };
};
