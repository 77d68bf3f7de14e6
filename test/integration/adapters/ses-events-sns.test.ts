// SES bounce notifications through SNS's own protocol (fauxqs, started here; issue 18, item 8): the
// envelope SNS wraps around SES's event still parses in ses-events and marks the invitation bounced.
// fauxqs delivers topics to SQS only, not to Lambda, so the topic fans out to a queue and the test
// builds Lambda's SNS record from the envelope the queue received: the same fields, two renamed.
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { SNSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ports, Repository } from "../../../functions/core/ports.ts";
import { createSesEventsHandler } from "../../../functions/handlers/ses-events.ts";
import { startAwsEmulator, type AwsEmulator } from "../../support/aws-emulator.ts";
import { freshTable } from "../../support/dynamo.ts";
import { invitation } from "../../support/factories.ts";

let aws: AwsEmulator;
let repository: Repository;
let topicArn: string;
let queueUrl: string;
beforeAll(async () => {
  aws = await startAwsEmulator();
  ({ repository } = await freshTable());
  topicArn = (await aws.sns.send(new CreateTopicCommand({ Name: "consulta-ses-events" }))).TopicArn as string;
  queueUrl = (await aws.sqs.send(new CreateQueueCommand({ QueueName: "ses-events" }))).QueueUrl as string;
  const attributes = await aws.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }),
  );
  await aws.sns.send(
    new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: attributes.Attributes?.QueueArn }),
  );
});
afterAll(() => aws.stop());

/** An event as SES's event publishing writes it (the Bounce example of the SES developer guide). */
const sesBounce = (bounceType: "Permanent" | "Transient", diagnosticCode: string) => ({
  eventType: "Bounce",
  bounce: {
    feedbackId: "0100017a-example-000000",
    bounceType,
    bounceSubType: bounceType === "Permanent" ? "General" : "MailboxFull",
    bouncedRecipients: [
      { emailAddress: "fp.arg@example.org", action: "failed", status: "5.1.1", diagnosticCode },
    ],
    timestamp: "2027-03-02T10:00:01.000Z",
    reportingMTA: "dsn; mx.example.org",
  },
  mail: {
    timestamp: "2027-03-02T10:00:00.000Z",
    source: "Consulta <consulta@example.org>",
    sendingAccountId: "123456789012",
    messageId: "0100017a-example-message-000000",
    destination: ["fp.arg@example.org"],
    headersTruncated: false,
    headers: [{ name: "Subject", value: "Cuestionario de planificación" }],
    commonHeaders: { from: ["consulta@example.org"], to: ["fp.arg@example.org"], subject: "Cuestionario" },
    tags: {
      "ses:configuration-set": ["consulta"],
      "ses:from-domain": ["example.org"],
      campaign: ["2027-planning"],
      member: ["ARG"],
      contact: ["focal-point"],
    },
  },
});

/** What SNS hands a subscribed Lambda, built from what it handed the subscribed queue. */
const deliveredToLambda = async (): Promise<SNSEvent> => {
  const out = await aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
  return {
    Records: (out.Messages ?? []).map((m) => {
      const { SigningCertURL, UnsubscribeURL, ...envelope } = JSON.parse(m.Body ?? "") as Record<
        string,
        string
      >;
      return {
        EventSource: "aws:sns",
        EventVersion: "1.0",
        EventSubscriptionArn: `${topicArn}:subscription`,
        Sns: {
          Subject: "",
          MessageAttributes: {},
          ...envelope,
          SigningCertUrl: SigningCertURL ?? "",
          UnsubscribeUrl: UnsubscribeURL ?? "",
        } as SNSEvent["Records"][number]["Sns"],
      };
    }),
  };
};

describe("SES events through SNS (against fauxqs)", () => {
  it("marks the invitation bounced on a permanent bounce, and not on a transient one", async () => {
    await repository.createInvitation(
      invitation({ campaignId: "2027-planning", memberCode: "ARG", state: "sent" }),
    );
    const handler = createSesEventsHandler(() => ({ repository }) as unknown as Ports);

    await aws.sns.send(
      new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify(sesBounce("Transient", "452 full")) }),
    );
    await handler(await deliveredToLambda());
    expect((await repository.getInvitation("2027-planning", "ARG", "focal-point"))?.state).toBe("sent");

    const reason = "smtp; 550 5.1.1 buzón inexistente — usuario desconocido";
    await aws.sns.send(
      new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify(sesBounce("Permanent", reason)) }),
    );
    const event = await deliveredToLambda();
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]?.Sns).toMatchObject({ Type: "Notification", TopicArn: topicArn });
    await handler(event);
    expect(await repository.getInvitation("2027-planning", "ARG", "focal-point")).toMatchObject({
      state: "bounced",
      bouncedAt: "2027-03-02T10:00:00.000Z",
      failureReason: reason,
    });
  });
});
