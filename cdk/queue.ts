// The queue concern: SQS email jobs with a dead-letter queue, consumed by the deliver-email worker at the SES
// send rate; and the bulk jobs (send, remind, compile, an import's apply) the run-job worker does in chunks.
import { Duration } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

/** What one worker can keep up with: each email is an SES call and a few DynamoDB writes, about 200 ms. */
const SENDS_PER_WORKER_PER_SECOND = 5;
/** The least maximum concurrency an SQS event source accepts. */
const MIN_WORKERS = 2;
const MAX_BATCH = 10;

export type WorkerPlan = {
  /** Workers at most: the event source's maximum concurrency and the function's reserved concurrency. */
  concurrency: number;
  /** Each worker's share of the SES rate, which it keeps to itself (SEND_RATE_PER_SECOND). */
  perWorkerRate: number;
  /** Jobs per invocation: as many as a worker sends in half its timeout, ten at most. */
  batchSize: number;
};

/**
 * Splits the account's SES send rate (`aws sesv2 get-account` → SendQuota.MaxSendRate) between the
 * workers so that together they never exceed it: enough workers that none has to send faster than it
 * can, each paced to its share (functions/adapters/rate-limited-mailer.ts).
 */
export const workerPlan = (sendRatePerSecond: number, workerTimeout: Duration): WorkerPlan => {
  const concurrency = Math.max(MIN_WORKERS, Math.ceil(sendRatePerSecond / SENDS_PER_WORKER_PER_SECOND));
  // Rounded down, so rounding never lets the workers together go over the quota.
  const perWorkerRate = Math.floor((sendRatePerSecond / concurrency) * 1000) / 1000;
  const batchSize = Math.min(
    MAX_BATCH,
    Math.max(1, Math.floor((perWorkerRate * workerTimeout.toSeconds()) / 2)),
  );
  return { concurrency, perWorkerRate, batchSize };
};

export type QueueProps = {
  /** The worker's timeout; the queue's visibility timeout is derived from it. */
  workerTimeout: Duration;
  /** The run-job worker's timeout; the bulk-job queue's visibility timeout is derived from it. */
  jobWorkerTimeout: Duration;
  /** Receives before a job is parked in the dead-letter queue. */
  maxReceiveCount?: number;
};

export class Queue extends Construct {
  readonly jobs: sqs.Queue;
  readonly deadLetters: sqs.Queue;
  /** SES events the ses-events handler failed to record after Lambda's retries (kept apart: not email jobs). */
  readonly eventDeadLetters: sqs.Queue;
  /** Bulk jobs: one message per job id, taken by run-job one at a time. */
  readonly bulkJobs: sqs.Queue;
  readonly bulkJobDeadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: QueueProps) {
    super(scope, id);
    this.deadLetters = new sqs.Queue(this, "DeadLetters", {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The longest SQS keeps anything: time to find out why a job failed and redrive it.
      retentionPeriod: Duration.days(14),
    });
    this.eventDeadLetters = new sqs.Queue(this, "EventDeadLetters", {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.jobs = new sqs.Queue(this, "EmailJobs", {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the worker timeout (AWS's advice for Lambda consumers). It also outlasts the worker's
      // sending lease (SENDING_LEASE_MS, 2 minutes, in functions/core/invitations.ts), so a retried job
      // arrives after a crashed worker's lease has expired instead of being skipped as "held".
      visibilityTimeout: Duration.seconds(Math.max(6 * props.workerTimeout.toSeconds(), 180)),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: props.maxReceiveCount ?? 5 },
    });
    this.bulkJobDeadLetters = new sqs.Queue(this, "BulkJobDeadLetters", {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.bulkJobs = new sqs.Queue(this, "BulkJobs", {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // A worker that dies mid-job (its Lambda timed out or crashed) leaves its message here: it comes
      // back after this, long after the job's lease (JOB_LEASE_MS, 2 minutes) has run out, and the next
      // worker resumes from the job's cursor. Anyone watching the job revives it sooner (watchJob).
      visibilityTimeout: Duration.seconds(6 * props.jobWorkerTimeout.toSeconds()),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.bulkJobDeadLetters, maxReceiveCount: props.maxReceiveCount ?? 5 },
    });
  }

  /**
   * Makes `runner` the consumer of the bulk jobs, one job per invocation. Two at most: jobs are rare
   * (a send or a compile a week), and a send's emails go through the email queue at the SES rate anyway.
   */
  attachJobRunner(runner: lambda.IFunction) {
    runner.addEventSource(
      new SqsEventSource(this.bulkJobs, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: MIN_WORKERS,
      }),
    );
  }

  /** Makes `worker` the consumer of the email jobs, as many instances at once as the plan allows. */
  attachWorker(worker: lambda.IFunction, plan: WorkerPlan) {
    worker.addEventSource(
      new SqsEventSource(this.jobs, {
        batchSize: plan.batchSize,
        // deliver-email reports the messages that failed; only those return to the queue.
        reportBatchItemFailures: true,
        maxConcurrency: plan.concurrency,
      }),
    );
  }
}
