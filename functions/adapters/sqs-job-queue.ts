// The AWS job queue: one SQS message per job, carrying its id; the run-job worker takes it from there.
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { Config } from "../config.ts";
import type { JobQueue } from "../core/ports.ts";
import { clientOf, onFirstUse, type ClientOnFirstUse } from "./on-first-use.ts";

/** The SQS client's module, loaded with the first message (a form GET sends none). */
export const sqsModule = onFirstUse(() => import("@aws-sdk/client-sqs"));

export type JobMessage = { jobId: string };

export const createSqsJobQueue = (client: ClientOnFirstUse<SQSClient>, queueUrl: string): JobQueue => ({
  async enqueue(jobId: string) {
    const { SendMessageCommand } = await sqsModule();
    await (
      await clientOf(client)
    ).send(
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
  const { region } = cfg;
  return createSqsJobQueue(
    onFirstUse(async () => new (await sqsModule()).SQSClient({ region })),
    cfg.jobQueueUrl,
  );
};
