// An autosave that left the page before "Submit" but reaches the server after the submission, with
// nothing in it the submission does not already hold: it changes nothing, so the answer stays
// submitted as it was (it used to become a draft saved after the submission, and the respondent saw
// the form again instead of the confirmation).
import qs from "qs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../../functions/core/campaign.ts";
import { defaultQuestionnairePath, readQuestionnaireFile } from "../../../functions/local/content.ts";
import { generateFormAnswers, seededRng } from "../../../functions/local/demo-answers.ts";
import { adminClient, loadContent } from "../../../functions/local/demo.ts";
import { formEntries } from "../../support/browser-form.ts";
import { testStack } from "../../support/local-stack.ts";
import { invitationLink } from "../../support/respondent-browser.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
beforeAll(async () => {
  stack = await testStack();
  await loadContent(adminClient(stack));
});
afterAll(() => stack?.dispose());

const post = (link: string, body: string, accept = "text/html") =>
  fetch(link, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", accept },
    body,
  });

describe("an autosave arriving after the submission it preceded", () => {
  it("leaves the submission as the answer, with no draft over it", async () => {
    const link = await invitationLink(adminClient(stack), stack.paths.outbox, "BRA");
    const page = await (await fetch(link, { headers: { accept: "text/html" } })).text();
    const loaded = new URLSearchParams(formEntries(page, "answers-form"));
    const complete = generateFormAnswers(
      readQuestionnaireFile(defaultQuestionnairePath),
      seededRng(5),
      "pt",
      { name: "Maria Souza", email: "maria@example.org" },
    );

    // The autosave the page sent while the name was the last thing typed...
    const autosave = new URLSearchParams(loaded);
    autosave.set("focal-point-name", String(complete["focal-point-name"]));
    autosave.set("action", "draft");
    // ...and the submission the person sent a moment later, from the same page, answered first.
    const submission = new URLSearchParams(loaded);
    const answers = new URLSearchParams(qs.stringify(complete));
    for (const key of new Set(answers.keys())) submission.delete(key);
    for (const [key, value] of answers) submission.append(key, value);
    submission.set("action", "submit");
    const submitted = await post(link, submission.toString());
    expect(submitted.status).toBe(303);
    const campaignId = (await stack.ports.repository.listCampaigns()).find((c: Campaign) =>
      c.invited.includes("BRA"),
    )!.id;
    const before = (await stack.ports.repository.listResponses(campaignId)).find(
      (r) => r.memberCode === "BRA",
    )!;
    expect(before.status).toBe("submitted");

    const late = await post(link, autosave.toString(), "application/json");
    expect(late.status).toBe(200);
    const after = (await stack.ports.repository.listResponses(campaignId)).find(
      (r) => r.memberCode === "BRA",
    )!;
    expect(after.version).toBe(before.version);
    expect(after.submittedVersion).toBe(after.version);
    const confirmation = await (
      await fetch(`${link}?lang=pt&submitted=1`, { headers: { accept: "text/html" } })
    ).text();
    expect(confirmation).toContain("Obrigado");
  });
});
