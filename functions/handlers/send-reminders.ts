// Scheduled (EventBridge): sends the reminder step that has come due in each open campaign, once, and
// queues again the emails a crash left behind.
import { lambdaPorts, type AwsAdapters } from "../adapters/ports.ts";
import type { Ports } from "../core/ports.ts";
import { sendDueReminders } from "../core/reminders.ts";
import { resumeInterruptedEmails } from "../core/send-invitations.ts";
import { sqsEmailQueue } from "../adapters/sqs-email-queue.ts";
import { logger } from "../adapters/telemetry.ts";

export const createSendRemindersHandler = (ports: () => Ports) => async () => {
  const sent = await sendDueReminders(ports());
  logger.info("reminders queued", { campaigns: sent });
  const resumed = await resumeInterruptedEmails(ports());
  if (resumed.length) logger.info("interrupted emails queued again", { campaigns: resumed });
  return sent;
};

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: AwsAdapters = { queue: sqsEmailQueue };

export const handler = createSendRemindersHandler(lambdaPorts(needs));
