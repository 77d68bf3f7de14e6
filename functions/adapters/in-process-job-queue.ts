// The local job queue: each job runs in this process, in the background, as the SQS-driven worker runs
// it in AWS; the request that recorded it has already answered. A failed run is tried again, as SQS would.
import type { JobQueue } from "../core/ports.ts";

/** Runs a job while `more()` allows; rejects when a chunk failed and the job should be tried again. */
export type JobRunner = (jobId: string, more: () => boolean) => Promise<unknown>;

export const createInProcessJobQueue = (
  runner: () => JobRunner,
  options: { attempts?: number; onFailed?: (jobId: string, error: unknown) => void } = {},
): JobQueue & { stop(): Promise<void>; settled(): Promise<void> } => {
  const attempts = options.attempts ?? 3;
  const running = new Set<Promise<void>>();
  let stopping = false;
  const more = () => !stopping;
  const run = async (jobId: string) => {
    for (let attempt = 1; !stopping; attempt++) {
      try {
        await runner()(jobId, more);
        return;
      } catch (error) {
        if (attempt >= attempts) {
          options.onFailed?.(jobId, error);
          return;
        }
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      }
    }
  };
  return {
    async enqueue(jobId: string) {
      if (stopping) throw new Error("The local job queue has stopped");
      const started = run(jobId).finally(() => running.delete(started));
      running.add(started);
    },
    /** Resolves once no job is running, including those queued while waiting (the demo's translations). */
    async settled() {
      while (running.size) await Promise.all(running);
    },
    /** Starts no further chunk and waits for those running: the stack closes between chunks. */
    async stop() {
      stopping = true;
      await Promise.all(running);
    },
  };
};
