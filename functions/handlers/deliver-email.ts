// SQS consumer: delivers email jobs one by one at the configured rate; failed ones are reported back so
// only they are retried (and, after the queue's limit, dead-lettered), never the whole batch.
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { lambdaPorts, type AwsAdapters } from "../adapters/ports.ts";
import { deliverEmail } from "../core/deliver-email.ts";
import type { EmailJob } from "../core/invitations.ts";
import type { Ports, SignInJob } from "../core/ports.ts";
import { awsMailer } from "../adapters/mail-transport.ts";
import { pdfDocuments } from "../adapters/pdf-documents.ts";
import { logger } from "../adapters/telemetry.ts";

export const createDeliverEmailHandler =
  (ports: () => Ports) =>
  async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failures: SQSBatchResponse["batchItemFailures"] = [];
    for (const record of event.Records) {
      try {
        await deliverEmail(ports(), JSON.parse(record.body) as EmailJob | SignInJob);
      } catch (error) {
        logger.error("email job failed", { messageId: record.messageId, error: String(error) });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  };

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: AwsAdapters = { mailer: awsMailer };

// Receipts carry the answers as PDF: the worker prints them (pdfmake beside its bundle).
export const handler = createDeliverEmailHandler(lambdaPorts(needs, { documents: pdfDocuments }));
