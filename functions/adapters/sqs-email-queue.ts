// The AWS email queue: jobs go to SQS in batches of ten, failed entries are retried, then reported.
import type { BatchResultErrorEntry, SQSClient } from "@aws-sdk/client-sqs";
import type { Config } from "../config.ts";
import type { EmailJob } from "../core/invitations.ts";
import type { EmailQueue, SignInJob } from "../core/ports.ts";
import { clientOf, onFirstUse, type ClientOnFirstUse } from "./on-first-use.ts";
import { sqsModule } from "./sqs-job-queue.ts";

/** SQS takes at most ten entries in one SendMessageBatch. */
const BATCH = 10;
const ATTEMPTS = 5;

export const createSqsEmailQueue = (client: ClientOnFirstUse<SQSClient>, queueUrl: string): EmailQueue => ({
  async enqueue(jobs: (EmailJob | SignInJob)[]) {
    const [{ SendMessageBatchCommand }, sqs] = await Promise.all([sqsModule(), clientOf(client)]);
    const refused: BatchResultErrorEntry[] = [];
    // Every batch is tried, so one job SQS will not take does not hold back the others.
    for (let i = 0; i < jobs.length; i += BATCH) {
      let batch = jobs
        .slice(i, i + BATCH)
        .map((job, n) => ({ Id: String(n), MessageBody: JSON.stringify(job) }));
      for (let attempt = 1; batch.length; attempt++) {
        const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch }));
        const failed = new Map((out.Failed ?? []).map((f) => [f.Id, f]));
        // A sender fault (too large, invalid characters) is refused the same way however often it is sent.
        const retry = (f: BatchResultErrorEntry | undefined) => f && !f.SenderFault && attempt < ATTEMPTS;
        refused.push(...[...failed.values()].filter((f) => !retry(f)));
        batch = batch.filter((entry) => retry(failed.get(entry.Id)));
        if (batch.length) await new Promise((r) => setTimeout(r, 100 * 2 ** (attempt - 1)));
      }
    }
    if (refused.length) {
      // The invitations stay "pending": sending again queues them; nothing is lost.
      const [first] = refused;
      throw new Error(
        `${refused.length} email job${refused.length === 1 ? "" : "s"} could not be queued ` +
          `(SQS: ${first?.Code}: ${first?.Message ?? "no reason given"})`,
      );
    }
  },
});

/** The email queue of a function that queues invitations or reminders. */
export const sqsEmailQueue = (cfg: Config): EmailQueue => {
  if (!cfg.emailQueueUrl) throw new Error("Configuration: EMAIL_QUEUE_URL is not set");
  const { region } = cfg;
  return createSqsEmailQueue(
    onFirstUse(async () => new (await sqsModule()).SQSClient({ region })),
    cfg.emailQueueUrl,
  );
};
