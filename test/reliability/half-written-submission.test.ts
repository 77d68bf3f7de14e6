// A submission is two writes (the response, then its kept version): if the second fails, the retry
// completes it instead of reporting the person's own first attempt as a colleague's conflict.
import qs from "qs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import { TryAgain } from "../../functions/core/errors.ts";
import type { Repository } from "../../functions/core/ports.ts";
import { defaultQuestionnairePath, readQuestionnaireFile } from "../../functions/local/content.ts";
import { generateFormAnswers, seededRng } from "../../functions/local/demo-answers.ts";
import { adminClient, loadContent } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { testStack } from "../support/local-stack.ts";

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
    const api = adminClient(stack);
    const campaign = await api<Campaign>("POST", "/api/campaigns", {
      questionnaireId: "iacml-planning",
      closesAt: new Date(Date.now() + 864e5).toISOString(),
      invite: ["ARG"],
    });
    await api("POST", `/api/campaigns/${campaign.id}/send`);
    const link = respondentLink(
      readOutbox(stack.paths.outbox).find((m) => m.headers["x-consulta-campaign"] === campaign.id)!,
    )!;
    const fields = generateFormAnswers(readQuestionnaireFile(defaultQuestionnairePath), seededRng(3), "es", {
      name: "Ana",
      email: "ana@example.org",
    });
    const submit = () =>
      fetch(link, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
        body: qs.stringify({ ...fields, action: "submit", baseVersion: "0" }),
      });

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
