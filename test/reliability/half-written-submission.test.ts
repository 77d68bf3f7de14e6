// A submission is two writes (the response, then its kept version): if the second fails, the retry
// completes it instead of reporting the person's own first attempt as a colleague's conflict.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TryAgain } from "../../functions/core/errors.ts";
import type { Repository } from "../../functions/core/ports.ts";
import { adminClient, loadContent } from "../../functions/local/demo.ts";
import { readOutbox } from "../../functions/local/outbox.ts";
import { testStack } from "../support/local-stack.ts";
import { demoFormAnswers, postSubmission, sentCampaign } from "../support/submissions.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let failNextVersionWrite = false;

beforeAll(async () => {
  stack = await testStack();
  const real = stack.ports.repository;
  stack.ports.repository = new Proxy(real, {
    get: (target, prop: keyof Repository) =>
      prop === "putResponseVersion"
        ? (v: Parameters<Repository["putResponseVersion"]>[0]) => {
            if (failNextVersionWrite) {
              failNextVersionWrite = false;
              return Promise.reject(new TryAgain());
            }
            return target.putResponseVersion(v);
          }
        : target[prop],
  });
  await loadContent(adminClient(stack));
});
afterAll(() => stack.dispose());

describe("a submission interrupted between its two writes", () => {
  it("asks to try again, and the retry completes it: kept as a version, receipted, no false conflict", async () => {
    const { campaign, link } = await sentCampaign(stack, "ARG");
    const fields = demoFormAnswers(3);
    const submit = () => postSubmission(link, fields);

    failNextVersionWrite = true;
    const first = await submit();
    expect(first.status).toBe(503);
    expect(await stack.ports.repository.listLatestSubmissions(campaign.id)).toEqual([]);

    const retry = await submit();
    expect(retry.status).toBe(303);
    const kept = await stack.ports.repository.listLatestSubmissions(campaign.id);
    expect(kept.map((v) => `${v.memberCode} v${v.version}`)).toEqual(["ARG v1"]);
    expect(await stack.ports.repository.getReceipt(kept[0]!.receiptCode)).toMatchObject({
      memberCode: "ARG",
      version: 1,
    });
    const receipts = readOutbox(stack.paths.outbox).filter(
      (m) => m.headers["x-consulta-campaign"] === campaign.id && m.headers["x-consulta-kind"] === "receipt",
    );
    expect(receipts.length).toBeGreaterThan(0);
    expect(receipts.every((m) => m.text.includes(kept[0]!.receiptCode))).toBe(true);
  });
});
