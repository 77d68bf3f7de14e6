// Submitting the form in Portuguese keeps the reply language and queues the job that translates the free
// texts (Apertium on the local stack): the request does not wait for it, and the cache holds them after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textHash } from "../../../functions/core/translation/translate-answers.ts";
import { freeTexts } from "../../../functions/core/translation/translate-submission.ts";
import { adminClient, loadContent } from "../../../functions/local/demo.ts";
import { testStack } from "../../support/local-stack.ts";
import { demoFormAnswers, postSubmission, sentCampaign } from "../../support/submissions.ts";

let stack: Awaited<ReturnType<typeof testStack>>;

beforeAll(async () => {
  stack = await testStack();
  await loadContent(adminClient(stack));
});
afterAll(() => stack.dispose());

describe("a submission in Portuguese", () => {
  it("records its reply language and has its free texts translated by a job, into the three others", async () => {
    const { campaign, link } = await sentCampaign(stack, "BRA");
    const fields = { ...demoFormAnswers(11, undefined, "pt"), lang: "pt" };
    const posted = await postSubmission(`${link}${link.includes("?") ? "&" : "?"}lang=pt`, fields);
    expect(posted.status).toBe(303);
    await stack.jobsSettled?.();

    const [kept] = await stack.ports.repository.listLatestSubmissions(campaign.id);
    expect(kept?.language).toBe("pt");
    const questionnaire = await stack.ports.repository.getQuestionnaire(
      campaign.questionnaireId,
      campaign.questionnaireVersion,
    );
    const texts = freeTexts(questionnaire!, kept?.answers ?? {});
    expect(texts.length).toBeGreaterThan(0);
    const keys = texts.flatMap((text) =>
      (["es", "en", "fr"] as const).map((target) => ({
        sha256: textHash(text),
        source: "pt" as const,
        target,
      })),
    );
    const cached = (await stack.ports.translations?.getTranslations(keys)) ?? [];
    // Texts the detector clearly finds in another language are translated from that one instead.
    expect(cached.length).toBeGreaterThanOrEqual(keys.length - 3);
    expect(cached.every((t) => t.engine === "apertium")).toBe(true);
  });
});
