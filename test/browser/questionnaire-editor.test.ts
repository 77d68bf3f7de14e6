// The questionnaire editor in Chromium, as the Secretariat uses it without a script of ours: copy the
// shipped questionnaire, add a question in four languages, preview it in Portuguese as COSATE, publish.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, loadContent } from "../../functions/local/demo.ts";
import { seriousViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { testStack } from "../support/local-stack.ts";
import { signInInBrowser } from "../support/console-browser.ts";

const SCREENS = new URL("../artifacts/screens/", import.meta.url).pathname;
let stack: Awaited<ReturnType<typeof testStack>>;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  [stack, browser] = await Promise.all([testStack(), launchChromium()]);
  await loadContent(adminClient(stack));
});
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

const signIn = (page: Page) => signInInBrowser(page, stack.url, stack.paths.outbox);

const QUESTION = {
  es: "¿Qué debería cambiar en el próximo ciclo?",
  en: "What should change in the next cycle?",
  fr: "Que devrait changer le prochain cycle ?",
  pt: "O que deveria mudar no próximo ciclo?",
};

describe("the questionnaire editor in Chromium", () => {
  it("copies the shipped questionnaire, adds a question in four languages, previews it as COSATE in Portuguese, publishes", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page);

    await page.getByRole("link", { name: "Questionnaires" }).click();
    await page.getByRole("button", { name: "Copy version 1 to a new draft" }).click();
    await page.waitForURL(/\/drafts\/2$/);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("link", { name: "Other comments" }).first().click();
    await page.getByRole("heading", { name: "Section: Other comments" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator("#add-question summary").click();
    await page.locator("#new-question-id").fill("next-cycle-change");
    await page.locator("#new-question-type").selectOption("long-text");
    for (const [lang, text] of Object.entries(QUESTION))
      await page.locator(`#new-question-label-${lang}`).fill(text);
    await page.getByRole("button", { name: "Add a question" }).click();
    await page.waitForURL(/question=next-cycle-change/);
    await page.getByText("Saved.").waitFor();
    expect(await page.locator("#label-pt").inputValue()).toBe(QUESTION.pt);
    await page.getByRole("checkbox", { name: "Workers (COSATE)" }).check();
    await page.getByRole("button", { name: "Save the question" }).click();
    await page.getByText("Saved.").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}questionnaire-editor.png`, fullPage: true });

    await page.getByRole("link", { name: "Preview" }).click();
    await page.getByRole("link", { name: "Workers (COSATE)" }).click();
    await page.getByRole("link", { name: "Português" }).click();
    await page.getByText("Conselho Sindical de Assessoria Técnica (COSATE)").first().waitFor();
    const asked = page.getByLabel(QUESTION.pt);
    expect(await asked.isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: /Enviar|Submit/ }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}questionnaire-preview-pt-cosate.png`, fullPage: true });

    await page.getByRole("link", { name: "Back to the editor" }).click();
    await page.getByRole("link", { name: "Publish…" }).click();
    await page.getByText("Publishing makes version 2").waitFor();
    await page.getByRole("button", { name: "Publish version 2" }).click();
    await page.getByText("iacml-planning@2 is published.").waitFor();
    expect(await page.getByRole("button", { name: "Copy version 2 to a new draft" }).count()).toBe(1);
    await context.close();
  }, 120_000);
});
