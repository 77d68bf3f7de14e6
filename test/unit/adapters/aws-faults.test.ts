import { SendEmailCommand, SESv2Client, MessageRejected } from "@aws-sdk/client-sesv2";
import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { createSesMailer } from "../../../functions/adapters/ses-mailer.ts";
import { createSqsEmailQueue } from "../../../functions/adapters/sqs-email-queue.ts";

const ses = mockClient(SESv2Client);
const sqs = mockClient(SQSClient);
afterEach(() => {
  ses.reset();
  sqs.reset();
});

const email = {
  to: "fp@example.org",
  subject: "S",
  html: "<p>H</p>",
  text: "T",
  tags: { campaign: "c 1", kind: "invitation" },
};
const job = (n: number) => ({
  kind: "invitation" as const,
  n: "1",
  campaignId: "c1",
  memberCode: `M${n}`,
  contactId: "focal-point",
});

describe("the SES mailer", () => {
  it("sends the raw MIME of HTML and text with the configuration set and tags SES accepts", async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: "m-1" });
    await expect(
      createSesMailer(new SESv2Client({}), { from: "from@example.org" }, "consulta").send(email),
    ).resolves.toEqual({ messageId: "m-1" });
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input?.ConfigurationSetName).toBe("consulta");
    expect(input?.EmailTags).toContainEqual({ Name: "campaign", Value: "c_1" });
    const sent = await simpleParser(Buffer.from(input?.Content?.Raw?.Data ?? new Uint8Array()));
    expect([sent.subject, sent.text, sent.html]).toEqual(["S", "T", "<p>H</p>"]);
  });

  it("lets a rejection reach the caller, which marks the invitation failed and retries", async () => {
    ses
      .on(SendEmailCommand)
      .rejects(new MessageRejected({ message: "Email address is not verified", $metadata: {} }));
    await expect(
      createSesMailer(new SESv2Client({}), { from: "from@example.org" }, undefined).send(email),
    ).rejects.toThrow(/not verified/);
  });
});

describe("the SQS email queue", () => {
  it("sends jobs in batches of ten", async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    await createSqsEmailQueue(new SQSClient({}), "https://sqs/q").enqueue(
      Array.from({ length: 23 }, (_, i) => job(i)),
    );
    expect(sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries?.length)).toEqual([
      10, 10, 3,
    ]);
  });

  it("retries only the entries SQS reports as failed", async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Failed: [{ Id: "1", SenderFault: false, Code: "InternalError" }] })
      .resolves({ Failed: [] });
    await createSqsEmailQueue(new SQSClient({}), "https://sqs/q").enqueue([job(0), job(1), job(2)]);
    const calls = sqs.commandCalls(SendMessageBatchCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input.Entries?.map((e) => JSON.parse(e.MessageBody ?? "{}").memberCode)).toEqual(
      ["M1"],
    );
  });

  it("gives up after repeated failures so the caller knows those invitations are still pending", async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolves({ Failed: [{ Id: "0", SenderFault: false, Code: "InternalError" }] });
    await expect(createSqsEmailQueue(new SQSClient({}), "https://sqs/q").enqueue([job(0)])).rejects.toThrow(
      /could not be queued/,
    );
  });
});
