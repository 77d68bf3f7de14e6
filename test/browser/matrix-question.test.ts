// A required matrix on a 375 px phone, answered with the keyboard alone: arrow keys choose within a
// row, Tab goes to the next; a row left blank comes back with its error beside it and every other
// choice (and the typed name) kept; the error summary's link lands on that row; then it submits.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import { adminClient, loadContent, type AdminClient } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { launchChromium } from "../support/chromium.ts";
import { question, questionnaireSource, text } from "../support/factories.ts";
import { testStack } from "../support/local-stack.ts";
import { openPage, sidewaysOverflow } from "../support/respondent-browser.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let browser: Browser;
let api: AdminClient;

const QUESTIONNAIRE = questionnaireSource(
  [
    question("tools", "matrix", {
      label: text("How useful is each RIAL tool?"),
      required: true,
      items: [
        { id: "portfolio", label: text("Portfolio of Programs") },
        { id: "workshops", label: text("Technical workshops") },
        { id: "studies", label: text("Technical studies") },
      ],
      columns: [
        { id: "very-useful", label: text("Very useful") },
        { id: "useful", label: text("Useful") },
        { id: "not-useful", label: text("Not useful") },
        { id: "dont-know", label: text("Don't know") },
      ],
      other: text("Another tool (write its name)"),
    }),
    question("comments", "long-text"),
  ],
  { id: "matrix-check" },
);

beforeAll(async () => {
  [stack, browser] = await Promise.all([testStack(), launchChromium()]);
  api = adminClient(stack);
  await loadContent(api);
  await api("POST", "/api/questionnaires", QUESTIONNAIRE);
});
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

const freshLink = async (code: string) => {
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "matrix-check",
    closesAt: new Date(Date.now() + 864e5).toISOString(),
    invite: [code],
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  const mail = readOutbox(stack.paths.outbox).find(
    (m) =>
      m.headers["x-consulta-campaign"] === campaign.id && m.headers["x-consulta-contact"] === "focal-point",
  );
  return respondentLink(mail!)!;
};

type Active = { id: string; name: string; value: string; text: string };
const active = (page: Page): Promise<Active> =>
  page.evaluate(`(() => {
    const el = document.activeElement;
    return {
      id: el?.id ?? "",
      name: el?.getAttribute("name") ?? "",
      value: el?.getAttribute("value") ?? "",
      text: (el?.textContent ?? "").trim(),
    };
  })()`);

/** Presses Tab until the focused element matches, as a keyboard user moves through the page. */
const tabTo = async (page: Page, matches: (a: Active) => boolean, what: string) => {
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press("Tab");
    if (matches(await active(page))) return;
  }
  throw new Error(`Tab never reached ${what}`);
};

const checked = (page: Page, row: string) =>
  page
    .locator(`input[name="tools[${row}]"]:checked`)
    .evaluateAll((els) => els.map((e) => e.getAttribute("value")));

for (const javaScript of [false, true]) {
  describe(`a required matrix on a phone, JavaScript ${javaScript ? "on" : "off"}`, () => {
    it("is answered with the keyboard, shows the missing row's error beside it, keeps the rest, then submits", async () => {
      const link = await freshLink(javaScript ? "URY" : "PER");
      const { context, page } = await openPage(browser, {
        javaScript,
        locale: "en",
        width: 375,
        height: 740,
      });
      await page.goto(`${link}?lang=en`);

      // Each row stacks on a phone: its name above its radio buttons, nothing wider than the screen.
      const header = await page.locator("#r-q-tools-portfolio").boundingBox();
      const radio = await page.locator("#f-q-tools-portfolio").boundingBox();
      expect(header!.y + header!.height).toBeLessThanOrEqual(radio!.y);
      expect(await sidewaysOverflow(page)).toBe(0);

      // Portfolio: the first radio takes the focus; the right arrow chooses "Useful".
      await tabTo(page, (a) => a.name === "tools[portfolio]", "the first row");
      expect(await active(page)).toMatchObject({ id: "f-q-tools-portfolio", value: "very-useful" });
      await page.keyboard.press("ArrowRight");
      // Workshops: Tab moves to the next row, Space chooses its first column.
      await page.keyboard.press("Tab");
      expect((await active(page)).name).toBe("tools[workshops]");
      await page.keyboard.press("Space");
      // Studies is left blank; the named row gets a name and "Not useful".
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      expect((await active(page)).name).toBe("tools[other-name]");
      await page.keyboard.type("Labour observatory");
      await page.keyboard.press("Tab");
      expect((await active(page)).name).toBe("tools[other]");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      expect(await checked(page, "portfolio")).toEqual(["useful"]);
      expect(await checked(page, "other")).toEqual(["not-useful"]);

      await tabTo(page, (a) => a.text === "Submit answers", "the submit button");
      await page.keyboard.press("Enter");
      await page.locator("#error-summary").waitFor();

      // The error is in the studies row, and only there; the other choices and the name are kept.
      const studies = page.locator("#q-tools tr", { has: page.locator("#r-q-tools-studies") });
      await expect.poll(() => studies.locator(".error").innerText()).toContain("This answer is required.");
      expect(await page.locator("#q-tools tr.has-error").count()).toBe(1);
      expect(await page.locator("#f-q-tools-studies").getAttribute("aria-invalid")).toBe("true");
      expect(await checked(page, "portfolio")).toEqual(["useful"]);
      expect(await checked(page, "workshops")).toEqual(["very-useful"]);
      expect(await checked(page, "other")).toEqual(["not-useful"]);
      expect(await page.locator('input[name="tools[other-name]"]').inputValue()).toBe("Labour observatory");
      expect(await sidewaysOverflow(page)).toBe(0);

      // The summary names the row and its link takes the focus to that row's first radio button.
      const summaryLink = page.locator("#error-summary a", { hasText: "Technical studies" });
      expect(await summaryLink.getAttribute("href")).toBe("#f-q-tools-studies");
      await page.evaluate("window.scrollTo(0, 0)");
      await page.locator("body").focus();
      await tabTo(page, (a) => a.text.includes("Technical studies"), "the summary's link");
      await page.keyboard.press("Enter");
      await expect.poll(async () => (await active(page)).id).toBe("f-q-tools-studies");
      // From the first column, the left arrow wraps round to the last: "Don't know".
      await page.keyboard.press("ArrowLeft");
      expect(await checked(page, "studies")).toEqual(["dont-know"]);

      await tabTo(page, (a) => a.text === "Submit answers", "the submit button");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator("h1").innerText()).toContain("Thank you");
      const answers = await page.locator("dl.answers").innerText();
      expect(answers).toContain("Portfolio of Programs: Useful");
      expect(answers).toContain("Technical workshops: Very useful");
      expect(answers).toContain("Technical studies: Don't know");
      expect(answers).toContain("Labour observatory: Not useful");
      expect(await sidewaysOverflow(page)).toBe(0);
      await context.close();
    });
  });
}
