// The AWS email queue: jobs go to SQS in batches of ten, failed entries are retried, then reported.
import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { Config } from "../config.ts";
import type { EmailJob } from "../core/invitations.ts";
import type { EmailQueue, SignInJob } from "../core/ports.ts";

export const createSqsEmailQueue = (client: SQSClient, queueUrl: string): EmailQueue => ({
  async enqueue(jobs: (EmailJob | SignInJob)[]) {
    for (let i = 0; i < jobs.length; i += 10) {
      let batch = jobs
        .slice(i, i + 10)
        .map((job, n) => ({ Id: String(n), MessageBody: JSON.stringify(job) }));
      for (let attempt = 0; batch.length; attempt++) {
        const out = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch }));
        const failed = new Set((out.Failed ?? []).map((f) => f.Id));
        batch = batch.filter((entry) => failed.has(entry.Id));
        if (batch.length && attempt >= 4) {
          // The invitations stay "pending": sending again queues them; nothing is lost.
          throw new Error(`${batch.length} email jobs could not be queued`);
        }
        if (batch.length) await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
  },
});

/** The email queue of a function that queues invitations or reminders. */
export const sqsEmailQueue = (cfg: Config): EmailQueue => {
  if (!cfg.emailQueueUrl) throw new Error("Configuration: EMAIL_QUEUE_URL is not set");
  return createSqsEmailQueue(new SQSClient({ region: cfg.region }), cfg.emailQueueUrl);
};
