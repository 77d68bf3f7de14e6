// Submitting an incomplete form: every link of the error summary lands on a control that exists, takes
// focus, is marked invalid and is described by a message naming its row or entry.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import { adminClient, loadContent } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { launchChromium } from "../support/chromium.ts";
import { movableClock, testStack } from "../support/local-stack.ts";

const clock = movableClock(new Date("2027-02-01T15:00:00Z"));
let stack: Awaited<ReturnType<typeof testStack>>;
let browser: Browser;
let link: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([testStack({ clock }), launchChromium()]);
  const api = adminClient(stack);
  await loadContent(api);
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    opensAt: clock.now().toISOString(),
    closesAt: new Date(clock.now().getTime() + 3 * 864e5).toISOString(),
    invite: ["CHL"],
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  const mail = readOutbox(stack.paths.outbox).find(
    (m) => m.headers["x-consulta-campaign"] === campaign.id && m.headers["x-consulta-kind"] === "invitation",
  );
  link = respondentLink(mail!)!;
});
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

/** What a screen reader reads as the focused control's description, and its state. */
type Focused = { id: string; tag: string; invalid: string | null; description: string };
const focused = (p: Page): Promise<Focused> =>
  p.evaluate(`(() => {
    const el = document.activeElement;
    const ids = (el?.getAttribute("aria-describedby") ?? "").split(/\\s+/).filter(Boolean);
    return {
      id: el?.id ?? "",
      tag: el?.tagName.toLowerCase() ?? "",
      invalid: el?.getAttribute("aria-invalid") ?? null,
      description: ids.map((id) => document.getElementById(id)?.textContent ?? "(missing #" + id + ")").join(" "),
    };
  })()`);

for (const javaScriptEnabled of [false, true]) {
  describe(`the error summary, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    it("names each question and row, and each link focuses an invalid control described by its message", async () => {
      const context = await browser.newContext({ javaScriptEnabled, locale: "en-US" });
      const p = await context.newPage();
      p.setDefaultTimeout(15_000);
      await p.goto(`${link}?lang=en`);
      const rows = p.locator("#q-topic-scores tbody tr");
      const topics = await rows.locator("th span[id]").allInnerTexts();
      for (let i = 0; i < 3; i++) await rows.nth(i).locator('input[value="6"]').check();
      await p.locator('input[name="fund-pledge[amount]"]').fill("25000");
      await p.locator('input[name="fund-pledge-year"]').fill("next year");
      await p.locator('input[name="fund-split[fund]"], #q-fund-split input').first().fill("50");
      await p.getByRole("button", { name: "Submit answers" }).click();
      await p.locator("#error-summary").waitFor();

      const links = p.locator("#error-summary a");
      const texts = await links.allInnerTexts();
      // The unscored topics are one entry naming them, not one identical line per topic.
      const scaleEntries = texts.filter((t) => t.startsWith("Score each topic"));
      expect(scaleEntries).toHaveLength(1);
      for (const topic of topics.slice(3)) expect(scaleEntries[0]).toContain(topic);
      expect(new Set(texts).size).toBe(texts.length);
      expect(texts.some((t) => /Enter a number/.test(t))).toBe(true);

      for (let i = 0; i < texts.length; i++) {
        const href = (await links.nth(i).getAttribute("href")) ?? "";
        expect(await p.locator(href).count(), `${texts[i]} -> ${href}`).toBe(1);
        await links.nth(i).focus();
        await p.keyboard.press("Enter");
        const state = await focused(p);
        expect(`#${state.id}`, texts[i]).toBe(href);
        expect(["input", "select", "textarea"]).toContain(state.tag);
        expect(state.invalid, texts[i]).toBe("true");
        expect(state.description, texts[i]).not.toContain("(missing");
        expect(state.description.length, texts[i]).toBeGreaterThan(0);
        const row = /— (.+?):/.exec(texts[i]!)?.[1] ?? "";
        expect(state.description, texts[i]).toContain(row);
      }
      // The first unscored topic is named in the description of the control its entry leads to.
      await links.nth(texts.indexOf(scaleEntries[0]!)).click();
      expect((await focused(p)).description).toContain(topics[3]);
      // A row that is answered is not marked.
      expect(await rows.nth(0).locator("input").first().getAttribute("aria-invalid")).toBeNull();
      await context.close();
    });
  });
}
