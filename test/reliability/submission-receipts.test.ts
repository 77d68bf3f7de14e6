// A submission's receipts are as durable as the submission: when queueing them fails, or the request
// dies after the answers were stored, the same person pressing "Submit" again, or the scheduled job,
// sends them, once each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import type { EmailQueue, Repository } from "../../functions/core/ports.ts";
import { resumeInterruptedEmails } from "../../functions/core/send-invitations.ts";
import { adminClient, loadContent } from "../../functions/local/demo.ts";
import { readOutbox } from "../../functions/local/outbox.ts";
import { testStack } from "../support/local-stack.ts";
import { demoFormAnswers, postSubmission, sentCampaign } from "../support/submissions.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
/** Receipt jobs handed to the queue fail while set: SQS refusing, or the function dying before it. */
let queueFailsForReceipts = false;
/** Recording receipts fails while set: the request dies after keeping the version, before its receipts. */
let receiptRecordsFail = false;

beforeAll(async () => {
  stack = await testStack();
  const queue = stack.ports.queue;
  stack.ports.queue = {
    enqueue: (jobs) =>
      queueFailsForReceipts && jobs.some((j) => "kind" in j && j.kind === "receipt")
        ? Promise.reject(new Error("SQS unavailable"))
        : queue.enqueue(jobs),
  } satisfies EmailQueue;
  const real = stack.ports.repository;
  stack.ports.repository = new Proxy(real, {
    get: (target, prop: keyof Repository) =>
      prop === "createEmail"
        ? (email: Parameters<Repository["createEmail"]>[0]) =>
            receiptRecordsFail && email.kind === "receipt"
              ? Promise.reject(new Error("the function ran out of time"))
              : target.createEmail(email)
        : target[prop],
  });
  await loadContent(adminClient(stack));
});
afterAll(() => stack.dispose());

const openCampaign = async (member: string) => {
  const { campaign, link } = await sentCampaign(stack, member);
  const fields = demoFormAnswers(5);
  return { campaign, submit: () => postSubmission(link, fields) };
};

const receiptsOf = (campaign: Campaign) =>
  readOutbox(stack.paths.outbox)
    .filter(
      (m) => m.headers["x-consulta-campaign"] === campaign.id && m.headers["x-consulta-kind"] === "receipt",
    )
    .map((m) => m.headers["x-consulta-contact"])
    .sort();

describe("a submission's receipts", () => {
  it("are sent when the same person submits again after queueing them failed, once each", async () => {
    const { campaign, submit } = await openCampaign("ARG");
    queueFailsForReceipts = true;
    expect((await submit()).status).toBe(303); // the answers are stored: the person is told so
    queueFailsForReceipts = false;
    expect(receiptsOf(campaign)).toEqual([]);

    expect((await submit()).status).toBe(303);
    expect(receiptsOf(campaign)).toEqual(["focal-point", "secretariat"]);
    expect((await submit()).status).toBe(303);
    expect(receiptsOf(campaign)).toEqual(["focal-point", "secretariat"]);
  });

  it("are sent by the scheduled job when the request died after keeping the version and nobody came back", async () => {
    const { campaign, submit } = await openCampaign("BRA");
    receiptRecordsFail = true;
    expect((await submit()).status).toBe(303);
    receiptRecordsFail = false;
    expect(await stack.ports.repository.listLatestSubmissions(campaign.id)).toHaveLength(1);
    expect(receiptsOf(campaign)).toEqual([]);

    const swept = await resumeInterruptedEmails(stack.ports);
    expect(swept.find((s) => s.campaignId === campaign.id)).toMatchObject({ completed: 1 });
    expect(receiptsOf(campaign)).toEqual(["alternate", "focal-point", "secretariat"]);
    const again = await resumeInterruptedEmails(stack.ports);
    expect(again.find((s) => s.campaignId === campaign.id)).toBeUndefined();
    expect(receiptsOf(campaign)).toEqual(["alternate", "focal-point", "secretariat"]);
  });
});
