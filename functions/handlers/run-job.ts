// SQS consumer: does a job's chunks (send, remind, compile, an import's apply) until its time is nearly
// up, then hands the job on to a fresh invocation; a worker that dies leaves its message to come back.
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { amazonTranslator } from "../adapters/amazon-translator.ts";
import { lambdaPorts, type AwsAdapters } from "../adapters/ports.ts";
import { logger } from "../adapters/telemetry.ts";
import { runJob } from "../core/jobs.ts";
import type { Ports } from "../core/ports.ts";
import { s3BlobStore } from "../adapters/s3-blob-store.ts";
import { sqsEmailQueue } from "../adapters/sqs-email-queue.ts";
import { sqsJobQueue, type JobMessage } from "../adapters/sqs-job-queue.ts";
import { writeXlsx } from "../adapters/xlsx/stream-writer.ts";
import { pdfDocuments } from "../adapters/pdf-documents.ts";

/**
 * Time kept in hand: no new chunk starts with less left. A chunk of 1,000 contacts or a compile of
 * 10,000 answers takes well under this (bench/RESULTS.md); one that overruns dies with the Lambda and
 * its message comes back once the lease has run out.
 */
export const CHUNK_RESERVE_MS = 90_000;

type Remaining = Pick<Context, "getRemainingTimeInMillis" | "awsRequestId">;

export const createRunJobHandler =
  (ports: () => Ports) =>
  async (event: SQSEvent, context?: Remaining): Promise<SQSBatchResponse> => {
    const failures: SQSBatchResponse["batchItemFailures"] = [];
    for (const record of event.Records) {
      const { jobId } = JSON.parse(record.body) as JobMessage;
      try {
        const { job, unfinished } = await runJob(ports(), jobId, {
          owner: `${context?.awsRequestId ?? "run-job"}/${record.messageId}`,
          more: () => (context?.getRemainingTimeInMillis() ?? Infinity) > CHUNK_RESERVE_MS,
        });
        // Out of time with work left: a new message, a new invocation with its full time.
        if (unfinished) await ports().jobs.enqueue(jobId);
        logger.info(unfinished ? "job handed on" : "job left", {
          jobId,
          status: job?.status,
          progress: job?.progress,
        });
      } catch (error) {
        logger.error("job chunk failed", { jobId, error: String(error) });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  };

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: AwsAdapters = {
  queue: sqsEmailQueue,
  jobs: sqsJobQueue,
  blobs: s3BlobStore,
  translator: amazonTranslator,
};

// The report compile runs here: the one function that writes workbooks, and the report's PDF edition.
export const handler = createRunJobHandler(
  lambdaPorts(needs, { workbooks: writeXlsx, documents: pdfDocuments }),
);
