// The AWS job queue: one SQS message per job, carrying its id; the run-job worker takes it from there.
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { Config } from "../config.ts";
import type { JobQueue } from "../core/ports.ts";

export type JobMessage = { jobId: string };

export const createSqsJobQueue = (client: SQSClient, queueUrl: string): JobQueue => ({
  async enqueue(jobId: string) {
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify({ jobId } satisfies JobMessage),
      }),
    );
  },
});

/** The job queue of a function that starts bulk work (or, the worker, hands it on). */
export const sqsJobQueue = (cfg: Config): JobQueue => {
  if (!cfg.jobQueueUrl) throw new Error("Configuration: JOB_QUEUE_URL is not set");
  return createSqsJobQueue(new SQSClient({ region: cfg.region }), cfg.jobQueueUrl);
};
