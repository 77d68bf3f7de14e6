// A respondent who types the last answer and presses "Submit" at once, on a slow server: the autosave
// timer still pending on the page must not save a draft over the submission while the page waits.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, loadContent } from "../../functions/local/demo.ts";
import { launchChromium } from "../support/chromium.ts";
import { testStack } from "../support/local-stack.ts";
import { fillRequired, invitationLink, openPage } from "../support/respondent-browser.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([testStack(), launchChromium()]);
  await loadContent(adminClient(stack));
});
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

describe("submitting while an autosave is pending", () => {
  it("shows the confirmation, with no draft saved after the submission", async () => {
    const link = await invitationLink(adminClient(stack), stack.paths.outbox, "BRA");
    const { context, page } = await openPage(browser, { javaScript: true, locale: "pt-BR" });
    await page.goto(link);
    await fillRequired(page);
    // The submission's answer takes longer than the autosave's 2 seconds, as on a busy server.
    let drafts = 0;
    await page.route(
      (url) => url.pathname.startsWith("/r/"),
      async (route) => {
        const body = route.request().postData() ?? "";
        if (route.request().method() !== "POST") return route.continue();
        if (!/(^|&)action=submit(&|$)/.test(body)) {
          drafts++;
          return route.continue();
        }
        // The server has the submission; its answer reaches the browser 3 seconds later.
        const response = await route.fetch({ maxRedirects: 0 });
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        await route.fulfill({ response });
      },
    );
    await page.locator('textarea[name="anything-else"]').fill("Escrito no último momento.");
    await page.getByRole("button", { name: "Enviar respostas" }).click();
    await expect.poll(() => page.locator("h1").innerText(), { timeout: 15_000 }).toContain("Obrigado");
    expect(drafts).toBe(0);
    await context.close();
  }, 60_000);
});
