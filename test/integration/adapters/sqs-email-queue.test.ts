// The SQS email queue against fauxqs (SQS's own protocol, started here; issue 18, item 8): what the
// adapter sends is what SQS accepts, and what the worker receives is what deliver-email parses.
import { fileURLToPath } from "node:url";
import { CreateQueueCommand, ReceiveMessageCommand, type Message } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { createSqsEmailQueue } from "../../../functions/adapters/sqs-email-queue.ts";
import type { EmailJob } from "../../../functions/core/invitations.ts";
import type { OutgoingEmail, Ports, SignInJob } from "../../../functions/core/ports.ts";
import { createDeliverEmailHandler } from "../../../functions/handlers/deliver-email.ts";
import { countCommands, startAwsEmulator, type AwsEmulator } from "../../support/aws-emulator.ts";

let aws: AwsEmulator;
beforeAll(async () => {
  aws = await startAwsEmulator();
});
afterAll(() => aws.stop());

let queues = 0;
const freshQueue = async (attributes: Record<string, string> = {}) => {
  const out = await aws.sqs.send(
    new CreateQueueCommand({ QueueName: `email-jobs-${++queues}`, Attributes: attributes }),
  );
  return out.QueueUrl as string;
};

const job = (i: number, contactId = "focal-point"): EmailJob => ({
  campaignId: "2027-planning",
  memberCode: `M${String(i).padStart(2, "0")}`,
  contactId,
  kind: "invitation",
  n: "1",
});

/** Everything on the queue, received as the Lambda event source would, ten at a time. */
const receiveAll = async (queueUrl: string): Promise<Message[]> => {
  const all: Message[] = [];
  for (;;) {
    const out = await aws.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ["All"],
        MessageAttributeNames: ["All"],
      }),
    );
    if (!out.Messages?.length) return all;
    all.push(...out.Messages);
  }
};

/** The event Lambda's SQS event source builds from received messages. */
const sqsEvent = (queueUrl: string, messages: Message[]): SQSEvent => ({
  Records: messages.map((m) => ({
    messageId: m.MessageId as string,
    receiptHandle: m.ReceiptHandle as string,
    body: m.Body as string,
    attributes: m.Attributes as SQSEvent["Records"][number]["attributes"],
    messageAttributes: {},
    md5OfBody: m.MD5OfBody as string,
    eventSource: "aws:sqs",
    eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${queueUrl.split("/").pop()}`,
    awsRegion: "us-east-1",
  })),
});

/** The worker, with ports that record what it was asked to deliver instead of delivering it. */
const worker = () => {
  const looked: EmailJob[] = [];
  const mailed: OutgoingEmail[] = [];
  const ports = {
    repository: {
      // Every email already sent: deliver-email skips the job, having read exactly what the queue carried.
      getEmail: async (j: EmailJob) => (
        looked.push(j),
        { ...j, status: "sent", attempts: 1, createdAt: "t" }
      ),
      // Read with the email record, in the same request.
      getCampaign: async () => undefined,
      getInvitation: async () => undefined,
      getMember: async () => undefined,
      getResponse: async () => undefined,
      putSignInLink: async () => {},
    },
    mailer: { send: async (email: OutgoingEmail) => (mailed.push(email), { messageId: "x" }) },
    views: createHandlebarsViews(fileURLToPath(new URL("../../../templates/", import.meta.url))),
    clock: { now: () => new Date("2027-03-01T12:00:00Z") },
    random: { token: () => "B".repeat(43), id: () => "id" },
    publicBaseUrl: "https://consulta.example.org",
  } as unknown as Ports;
  return { handler: createDeliverEmailHandler(() => ports), looked, mailed };
};

describe("the SQS email queue (against fauxqs)", () => {
  it("sends 23 jobs as batches of ten, and the worker reads back each job as it was queued", async () => {
    const queueUrl = await freshQueue();
    const commands = countCommands(aws.sqs);
    const signIn: SignInJob = { kind: "sign-in", lang: "fr", to: "secretaría@example.org" };
    const jobs = [...Array.from({ length: 22 }, (_, i) => job(i)), signIn];

    await createSqsEmailQueue(aws.sqs, queueUrl).enqueue(jobs);
    expect(commands.SendMessageBatchCommand).toBe(3);

    const messages = await receiveAll(queueUrl);
    expect(messages).toHaveLength(23);
    const { handler, looked, mailed } = worker();
    await expect(handler(sqsEvent(queueUrl, messages))).resolves.toEqual({ batchItemFailures: [] });
    const byMember = (a: EmailJob, b: EmailJob) => a.memberCode.localeCompare(b.memberCode);
    expect(looked.sort(byMember)).toEqual(jobs.slice(0, 22));
    expect(mailed.map((m) => m.to)).toEqual(["secretaría@example.org"]);
  });

  it("queues the jobs SQS accepts, refuses at once the one it never will, and says why", async () => {
    // The smallest limit SQS allows, so an ordinary job can exceed it.
    const queueUrl = await freshQueue({ MaximumMessageSize: "1024" });
    const commands = countCommands(aws.sqs);
    const jobs = Array.from({ length: 12 }, (_, i) => job(i));
    jobs[3] = job(3, "x".repeat(1100));

    await expect(createSqsEmailQueue(aws.sqs, queueUrl).enqueue(jobs)).rejects.toThrow(
      /1 email job could not be queued.*InvalidParameterValue/,
    );
    // One request per batch: SQS blamed the sender, so asking again would only be refused again.
    expect(commands.SendMessageBatchCommand).toBe(2);
    const queued = (await receiveAll(queueUrl)).map((m) => (JSON.parse(m.Body ?? "") as EmailJob).memberCode);
    expect(queued.sort()).toEqual(jobs.filter((_, i) => i !== 3).map((j) => j.memberCode));
  });
});
