// SQS consumer: delivers email jobs; failed ones are reported back so only they are retried.
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { deliverInvitation } from "../core/deliver-invitation.ts";
import type { EmailJob } from "../core/invitations.ts";
import type { Ports } from "../core/ports.ts";
import { runtimePorts } from "../adapters/ports.ts";

export const createDeliverEmailHandler =
  (ports: () => Ports) =>
  async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failures: SQSBatchResponse["batchItemFailures"] = [];
    for (const record of event.Records) {
      try {
        await deliverInvitation(ports(), JSON.parse(record.body) as EmailJob);
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
