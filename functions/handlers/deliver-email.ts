// SQS consumer: delivers email jobs one by one at the configured rate; failed ones are reported back so
// only they are retried (and, after the queue's limit, dead-lettered), never the whole batch.
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { runtimePorts } from "../adapters/ports.ts";
import { deliverEmail } from "../core/deliver-email.ts";
import type { EmailJob } from "../core/invitations.ts";
import type { Ports } from "../core/ports.ts";

export const createDeliverEmailHandler =
  (ports: () => Ports) =>
  async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failures: SQSBatchResponse["batchItemFailures"] = [];
    for (const record of event.Records) {
      try {
        await deliverEmail(ports(), JSON.parse(record.body) as EmailJob);
      } catch (error) {
        console.error(
          JSON.stringify({
            level: "error",
            msg: "email job failed",
            messageId: record.messageId,
            error: String(error),
          }),
        );
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  };

export const handler = createDeliverEmailHandler(runtimePorts);
