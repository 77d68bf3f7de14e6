// The local email queue: jobs are delivered in this process, a few at a time, retried with backoff.
import type { EmailJob } from "../core/invitations.ts";
import type { EmailQueue, SignInJob } from "../core/ports.ts";

/** A queue of every kind of job by default; a test's queue may carry one kind. */
export const createInProcessEmailQueue = <Job extends EmailJob | SignInJob = EmailJob | SignInJob>(
  worker: () => (job: Job) => Promise<unknown>,
  options: {
    concurrency?: number;
    attempts?: number;
    onDeadLetter?: (job: Job, error: unknown) => void;
  } = {},
): EmailQueue & { enqueue(jobs: Job[]): Promise<void> } => {
  const concurrency = options.concurrency ?? 8;
  const attempts = options.attempts ?? 3;
  const runOne = async (job: Job) => {
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
  // One pool of workers for every hand-over, as SQS feeds a capped number of Lambdas: a campaign's
  // mailing handed over in chunks never delivers more than `concurrency` at once.
  const waiting: { job: Job; delivered: () => void }[] = [];
  let running = 0;
  const work = async () => {
    running++;
    try {
      for (let next = waiting.shift(); next; next = waiting.shift()) {
        await runOne(next.job);
        next.delivered();
      }
    } finally {
      running--;
    }
  };
  return {
    // Delivery completes before enqueue resolves, so the local stack and tests see a settled outbox.
    async enqueue(jobs: Job[]) {
      const delivered = jobs.map(
        (job) => new Promise<void>((resolve) => waiting.push({ job, delivered: resolve })),
      );
      while (running < concurrency && waiting.length > 0) void work();
      await Promise.all(delivered);
    },
  };
};
