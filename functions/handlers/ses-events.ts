// SNS subscriber for SES event publishing: permanent bounces and complaints mark the invitation, so
// no reminder goes to that address again and the Secretariat sees it.
import type { SNSEvent } from "aws-lambda";
import * as z from "zod";
import { lambdaPorts, type AwsAdapters } from "../adapters/ports.ts";
import { recordDeliveryEvent, type DeliveryEvent } from "../core/delivery-events.ts";
import type { Ports } from "../core/ports.ts";
import { logger } from "../adapters/telemetry.ts";

const Tag = z.array(z.string()).min(1);
const SesEvent = z.object({
  eventType: z.string(),
  mail: z.object({
    timestamp: z.string(),
    tags: z.object({ campaign: Tag, member: Tag, contact: Tag }).loose(),
  }),
  bounce: z
    .object({
      bounceType: z.string(),
      bouncedRecipients: z.array(z.object({ diagnosticCode: z.string().optional() }).loose()).optional(),
    })
    .loose()
    .optional(),
  complaint: z.object({ timestamp: z.string().optional() }).loose().optional(),
});

/** The delivery event an SES notification stands for, or undefined when it changes nothing. */
export const toDeliveryEvent = (message: unknown): DeliveryEvent | undefined => {
  const parsed = SesEvent.safeParse(message);
  if (!parsed.success) return undefined;
  const { eventType, mail, bounce } = parsed.data;
  const who = {
    campaignId: mail.tags.campaign[0] as string,
    memberCode: mail.tags.member[0] as string,
    contactId: mail.tags.contact[0] as string,
  };
  // A transient bounce (mailbox full, out of office) is not a reason to stop writing.
  if (eventType === "Bounce" && bounce?.bounceType === "Permanent") {
    const detail = bounce.bouncedRecipients?.[0]?.diagnosticCode;
    return { ...who, type: "bounce", at: mail.timestamp, ...(detail ? { detail } : {}) };
  }
  if (eventType === "Complaint") return { ...who, type: "complaint", at: mail.timestamp };
  return undefined;
};

export const createSesEventsHandler = (ports: () => Ports) => async (event: SNSEvent) => {
  for (const record of event.Records) {
    let message: unknown;
    try {
      message = JSON.parse(record.Sns.Message);
    } catch {
      logger.warn("SES event is not JSON", { messageId: record.Sns.MessageId });
      continue;
    }
    const delivery = toDeliveryEvent(message);
    if (delivery) await recordDeliveryEvent(ports(), delivery);
  }
};

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: AwsAdapters = {};

export const handler = createSesEventsHandler(lambdaPorts(needs));
