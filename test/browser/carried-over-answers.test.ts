// Carried-over answers in Chromium (issue 17.5): a form prefilled from last cycle marks each carried
// answer, passes axe, and confirms a ticked one with JavaScript off ("Save draft") and on (autosave).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import { adminClient, type AdminClient } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { allViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { items, member, question, questionnaire, text } from "../support/factories.ts";
import { testStack } from "../support/local-stack.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let browser: Browser;
let api: AdminClient;
let earlier: Campaign;

const questions = [
  question("tools", "single-choice", { options: items("webinar", "study") }),
  question("comments", "long-text"),
];

const linkOf = (campaignId: string, code: string) => {
  const message = readOutbox(stack.paths.outbox).find(
    (m) => m.headers["x-consulta-campaign"] === campaignId && m.headers["x-consulta-member"] === code,
  );
  return respondentLink(message!)!;
};

/** A campaign for one member, sent; its link. */
const sent = async (code: string, body: Record<string, unknown>) => {
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "test-questionnaire",
    closesAt: new Date(Date.now() + 864e5).toISOString(),
    invite: [code],
    ...body,
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  return { campaign, link: linkOf(campaign.id, code) };
};

beforeAll(async () => {
  [stack, browser] = await Promise.all([testStack(), launchChromium()]);
  api = adminClient(stack);
  await stack.ports.repository.putQuestionnaire(questionnaire(questions, { version: 1 }));
  await stack.ports.repository.putQuestionnaire(questionnaire(questions, { version: 2 }));
  await stack.ports.repository.putMembers([
    member("ARG", { language: "en" }),
    member("BRA", { language: "en" }),
  ]);
  // Last cycle: both members submitted, in a browser without JavaScript.
  earlier = (
    await sent("ARG", { questionnaireVersion: 1, title: text("Planning 2025"), invite: ["ARG", "BRA"] })
  ).campaign;
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en" });
  const page = await context.newPage();
  for (const code of ["ARG", "BRA"]) {
    await page.goto(linkOf(earlier.id, code));
    await page.locator('input[name="tools"][value="study"]').check();
    await page.locator('textarea[name="comments"]').fill(`Seguir con la RIAL (${code})`);
    await page.getByRole("button", { name: "Submit answers" }).click();
    await page.waitForURL(/submitted=1/, { timeout: 20_000 });
  }
  await context.close();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

describe("carried-over answers in Chromium", () => {
  it("are marked, and a ticked one is confirmed by 'Save draft' without JavaScript", async () => {
    const { link } = await sent("ARG", { questionnaireVersion: 2, prefillFrom: earlier.id });
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "en" });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(link);
    expect(await page.locator(".carried").count()).toBe(2);
    expect(await page.locator("#q-tools-carried").innerText()).toContain(
      "Carried over from Planning 2025, submitted",
    );
    expect(await page.locator('textarea[name="comments"]').inputValue()).toBe("Seguir con la RIAL (ARG)");

    await page.getByRole("checkbox", { name: /I confirm this answer — Question tools/ }).check();
    await page.getByRole("button", { name: "Save draft" }).first().click();
    await expect.poll(() => page.locator(".notice.ok").innerText()).toContain("Draft saved");
    expect(await page.locator("#carried-summary").innerText()).toContain(
      "Carried-over answers not confirmed yet: 1",
    );
    expect(await page.getByRole("checkbox", { name: /Question tools/ }).count()).toBe(0);
    await context.close();
  }, 90_000);

  it("pass axe; with JavaScript a ticked box is autosaved, and the reloaded page shows it confirmed", async () => {
    const { campaign, link } = await sent("BRA", { questionnaireVersion: 2, prefillFrom: earlier.id });
    // bypassCSP only lets the test inject axe-core; the page's own policy is checked over HTTP.
    const context = await browser.newContext({ javaScriptEnabled: true, locale: "en", bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(link);
    expect(await allViolations(page)).toEqual([]);
    await page.getByRole("checkbox", { name: /Question comments/ }).check();
    await expect
      .poll(
        async () => (await stack.ports.repository.getResponse(campaign.id, "BRA"))?.carriedOver?.confirmed,
        {
          timeout: 20_000,
        },
      )
      .toEqual(["comments"]);
    await page.reload();
    expect(await page.getByRole("checkbox", { name: /Question comments/ }).count()).toBe(0);
    expect(await page.locator("main").innerText()).toContain("confirmed.");
    await context.close();
  }, 90_000);
});
