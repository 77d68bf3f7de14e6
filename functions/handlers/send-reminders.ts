// Scheduled (EventBridge): sends the reminder step that has come due in each open campaign, once.
import { lambdaPorts, type AwsAdapters } from "../adapters/ports.ts";
import type { Ports } from "../core/ports.ts";
import { sendDueReminders } from "../core/reminders.ts";
import { sqsEmailQueue } from "../adapters/sqs-email-queue.ts";

export const createSendRemindersHandler = (ports: () => Ports) => async () => {
  const sent = await sendDueReminders(ports());
  console.log(JSON.stringify({ level: "info", msg: "reminders queued", campaigns: sent }));
  return sent;
};

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: AwsAdapters = { queue: sqsEmailQueue };

export const handler = createSendRemindersHandler(lambdaPorts(needs));
