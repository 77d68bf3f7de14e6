import { fileURLToPath } from "node:url";
import {
  SendEmailCommand,
  SESv2Client,
  MessageRejected,
  TooManyRequestsException,
} from "@aws-sdk/client-sesv2";
import { mockClient } from "aws-sdk-client-mock";
import { beforeAll, describe, expect, it } from "vitest";
import type { SQSEvent } from "aws-lambda";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { pdfDocuments } from "../../../functions/adapters/pdf-documents.ts";
import { wordDocuments } from "../../../functions/adapters/docx-documents.ts";
import { writeXlsx } from "../../../functions/adapters/xlsx/stream-writer.ts";
import { createInProcessEmailQueue } from "../../../functions/adapters/in-process-email-queue.ts";
import { createSesMailer } from "../../../functions/adapters/ses-mailer.ts";
import { deliverEmail } from "../../../functions/core/deliver-email.ts";
import type { EmailJob } from "../../../functions/core/invitations.ts";
import type { Ports } from "../../../functions/core/ports.ts";
import { sendInvitations } from "../../../functions/core/send-invitations.ts";
import { createDeliverEmailHandler } from "../../../functions/handlers/deliver-email.ts";
import { freshTable } from "../../support/dynamo.ts";
import { campaign, member } from "../../support/factories.ts";

const ses = mockClient(SESv2Client);
const views = createHandlebarsViews(fileURLToPath(new URL("../../../templates/", import.meta.url)));
const deadLetters: EmailJob[] = [];
let ports: Ports;

const throttled = () =>
  new TooManyRequestsException({ message: "Maximum sending rate exceeded", $metadata: {} });
const rejected = () => new MessageRejected({ message: "Email address is not verified", $metadata: {} });
const accepted = (address: string) =>
  ses.commandCalls(SendEmailCommand).filter((c) => c.args[0].input.Destination?.ToAddresses?.[0] === address);

beforeAll(async () => {
  const { repository } = await freshTable();
  await repository.putMembers([member("ARG"), member("BRA", { language: "pt" })]);
  await repository.createCampaign(
    campaign({ id: "c1", invited: ["ARG", "BRA"], closesAt: "2099-01-01T00:00:00.000Z" }),
  );
  ports = {
    repository,
    views,
    workbooks: writeXlsx,
    documents: { ...pdfDocuments, ...wordDocuments },
    mailer: createSesMailer(
      new SESv2Client({ region: "us-east-1" }),
      { from: "consulta@example.org" },
      "consulta",
    ),
    queue: createInProcessEmailQueue<EmailJob>(() => (job) => deliverEmail(ports, job), {
      attempts: 3,
      onDeadLetter: (job) => deadLetters.push(job),
    }),
    jobs: { enqueue: async () => {} },
    blobs: { put: async () => {}, get: async () => undefined, downloadUrl: async () => undefined },
    clock: { now: () => new Date("2026-06-01T00:00:00Z") },
    random: {
      token: () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url"),
      id: () => "id",
    },
    log: { error: () => {}, warn: () => {} },
    publicBaseUrl: "https://consulta.example.org",
  };
});

describe("faults only SES raises", () => {
  it("retries throttling until accepted, dead-letters a reject with the reason, never sends twice, loses nothing", async () => {
    ses
      .on(SendEmailCommand, { Destination: { ToAddresses: ["fp.arg@example.org"] } })
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .resolves({ MessageId: "ses-arg" });
    ses.on(SendEmailCommand, { Destination: { ToAddresses: ["fp.bra@example.org"] } }).rejects(rejected());

    await sendInvitations(ports, "c1");

    expect(accepted("fp.arg@example.org")).toHaveLength(3); // two throttled, one accepted
    expect(await ports.repository.getInvitation("c1", "ARG", "focal-point")).toMatchObject({ state: "sent" });
    expect(accepted("fp.bra@example.org")).toHaveLength(3);
    expect(deadLetters.map((j) => j.memberCode)).toEqual(["BRA"]);
    expect(await ports.repository.getInvitation("c1", "BRA", "focal-point")).toMatchObject({
      state: "failed",
      failureReason: "MessageRejected: Email address is not verified",
    });

    // The address is fixed in SES; "send" again reaches Brazil once, and Argentina not again.
    ses
      .on(SendEmailCommand, { Destination: { ToAddresses: ["fp.bra@example.org"] } })
      .resolves({ MessageId: "ses-bra" });
    expect(await sendInvitations(ports, "c1")).toMatchObject({ created: 0, queued: 1, alreadySent: 1 });
    expect(accepted("fp.arg@example.org")).toHaveLength(3);
    expect(accepted("fp.bra@example.org")).toHaveLength(4);
    expect(await ports.repository.getInvitation("c1", "BRA", "focal-point")).toMatchObject({ state: "sent" });
    expect(await sendInvitations(ports, "c1")).toMatchObject({ queued: 0, alreadySent: 2 });
  });

  it("retries SES's own faults (5xx) like throttling, and only the link of the email that left opens the form", async () => {
    ses.reset();
    const unavailable = () =>
      Object.assign(new Error("Service Unavailable"), {
        name: "ServiceUnavailable",
        $fault: "server",
        $metadata: { httpStatusCode: 503 },
      });
    ses
      .on(SendEmailCommand)
      .rejectsOnce(unavailable())
      .rejectsOnce(unavailable())
      .resolves({ MessageId: "ses-c2" });
    await ports.repository.createCampaign(
      campaign({ id: "c2", invited: ["ARG"], closesAt: "2099-01-01T00:00:00.000Z" }),
    );

    await sendInvitations(ports, "c2");

    expect(accepted("fp.arg@example.org")).toHaveLength(3); // two 503s, one accepted
    const invitation = await ports.repository.getInvitation("c2", "ARG", "focal-point");
    expect(invitation).toMatchObject({ state: "sent" });
    // Each attempt carried a link of its own: those of the emails that never left must not work.
    const tokens = await Promise.all(invitation!.tokenHashes.map((h) => ports.repository.getToken(h)));
    expect(tokens.map((t) => t?.status)).toEqual(["revoked", "revoked", "active"]);
    expect(deadLetters.filter((j) => j.campaignId === "c2")).toEqual([]);
    expect(await sendInvitations(ports, "c2")).toMatchObject({ queued: 0, alreadySent: 1 });
    expect(accepted("fp.arg@example.org")).toHaveLength(3);
  });

  it("an SQS batch reports only the failed message, so one bad address holds back nobody", async () => {
    ses.reset();
    ses.on(SendEmailCommand).rejects(throttled());
    const record = (id: string, job: EmailJob) =>
      ({ messageId: id, body: JSON.stringify(job) }) as SQSEvent["Records"][number];
    await ports.repository.createEmail({
      campaignId: "c1",
      memberCode: "ARG",
      contactId: "focal-point",
      kind: "reminder",
      n: "d7",
      status: "pending",
      attempts: 0,
      createdAt: "t",
    });
    const handler = createDeliverEmailHandler(() => ports);
    const out = await handler({
      Records: [
        record("already-sent", {
          campaignId: "c1",
          memberCode: "BRA",
          contactId: "focal-point",
          kind: "invitation",
          n: "1",
        }),
        record("throttled", {
          campaignId: "c1",
          memberCode: "ARG",
          contactId: "focal-point",
          kind: "reminder",
          n: "d7",
        }),
      ],
    });
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: "throttled" }] });
  });
});
