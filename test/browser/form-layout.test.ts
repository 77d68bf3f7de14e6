// The respondent's pages on a phone and with a keyboard: nothing scrolls sideways from 320 to 1,280 px,
// and the sticky Save/Submit bar never hides the control that has the focus (WCAG 1.4.10, 2.4.11).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, loadContent, type AdminClient } from "../../functions/local/demo.ts";
import { launchChromium } from "../support/chromium.ts";
import { testStack } from "../support/local-stack.ts";
import {
  fillRequired,
  invitationLink,
  openPage,
  sidewaysOverflow,
  type PageGlobals,
} from "../support/respondent-browser.ts";

const WIDTHS = [320, 375, 1280];
let stack: Awaited<ReturnType<typeof testStack>>;
let browser: Browser;
let api: AdminClient;

beforeAll(async () => {
  [stack, browser] = await Promise.all([testStack(), launchChromium()]);
  api = adminClient(stack);
  await loadContent(api);
});
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

// Members of the shipped directory, one fresh link per case so that every case starts blank.
const MEMBERS = ["ARG", "BRA", "CHL", "COL", "HTI", "JAM", "MEX", "PER", "URY", "CAN", "USA", "ECU"];
let next = 0;
const freshLink = () => invitationLink(api, stack.paths.outbox, MEMBERS[next++ % MEMBERS.length]!);

type Cover = { tag: string; name: string; top: number; bottom: number; barTop: number; barBottom: number };

/**
 * Presses Tab until the focus leaves the page or comes back round, and returns every focused control
 * that was, once the browser had scrolled to it, out of the window or under the sticky bar.
 */
const hiddenByTheBar = async (page: Page): Promise<{ stops: number; covered: Cover[] }> => {
  const covered: Cover[] = [];
  const seen = new Set<string>();
  let stops = 0;
  for (let i = 0; i < 600; i++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const { document, innerHeight } = globalThis as unknown as PageGlobals;
      const el = document.activeElement;
      if (!el || el === document.body) return undefined;
      const bar = document.querySelector(".actions");
      const r = el.getBoundingClientRect();
      const key =
        el.id ||
        `${el.tagName}:${el.getAttribute("name") ?? ""}:${el.getAttribute("value") ?? ""}:${el.textContent}`;
      return {
        key,
        tag: el.tagName.toLowerCase(),
        name: el.getAttribute("name") ?? el.textContent?.trim().slice(0, 40) ?? "",
        top: r.top,
        bottom: r.bottom,
        inBar: !!bar?.contains(el),
        barTop: bar ? bar.getBoundingClientRect().top : innerHeight,
        barBottom: bar ? bar.getBoundingClientRect().bottom : innerHeight,
        innerHeight,
      };
    });
    if (!focus || seen.has(focus.key)) break;
    seen.add(focus.key);
    stops++;
    if (focus.inBar) continue;
    // Out of the window, or overlapping the bar (which stops sticking where the form ends: the footer's
    // link is below it).
    const underTheBar = focus.bottom > focus.barTop && focus.top < focus.barBottom;
    if (focus.top < 0 || focus.bottom > focus.innerHeight || underTheBar)
      covered.push({
        tag: focus.tag,
        name: focus.name,
        top: focus.top,
        bottom: focus.bottom,
        barTop: focus.barTop,
        barBottom: focus.barBottom,
      });
  }
  return { stops, covered };
};

describe.each([
  { javaScript: false, label: "without JavaScript" },
  { javaScript: true, label: "with JavaScript" },
])("the respondent's pages $label", ({ javaScript }) => {
  it.each(WIDTHS)(
    "never scroll sideways at %i px: blank form, form with errors, confirmation",
    async (width) => {
      const link = await freshLink();
      const { context, page } = await openPage(browser, { javaScript, locale: "es", width });
      const overflow: Record<string, number> = {};

      await page.goto(`${link}?lang=es`);
      overflow.blank = await sidewaysOverflow(page);

      await page.getByRole("button", { name: "Enviar respuestas" }).click();
      await page.locator("#error-summary").waitFor();
      overflow.errors = await sidewaysOverflow(page);

      await fillRequired(page);
      await page.getByRole("button", { name: "Enviar respuestas" }).click();
      await expect.poll(() => page.locator("h1").innerText()).toContain("Gracias");
      overflow.confirmation = await sidewaysOverflow(page);

      // Once submitted, the form also lists the versions sent.
      await page.goto(`${link}?lang=es`);
      overflow.afterSubmitting = await sidewaysOverflow(page);

      expect(overflow).toEqual({ blank: 0, errors: 0, confirmation: 0, afterSubmitting: 0 });
      await context.close();
    },
  );

  it.each([320, 1280])(
    "keeps every control reached with Tab in sight, above the Save/Submit bar, at %i px",
    async (width) => {
      const link = await freshLink();
      const { context, page } = await openPage(browser, { javaScript, locale: "es", width, height: 640 });
      await page.goto(`${link}?lang=es`);
      const blank = await hiddenByTheBar(page);
      // The whole form was walked: every question, the colleague invitation, the two buttons.
      expect(blank.stops).toBeGreaterThan(60);
      expect(blank.covered).toEqual([]);

      await page.getByRole("button", { name: "Enviar respuestas" }).click();
      await page.locator("#error-summary").waitFor();
      await page.evaluate(() => (globalThis as unknown as PageGlobals).scrollTo(0, 0));
      await page.locator("body").focus();
      const errors = await hiddenByTheBar(page);
      expect(errors.covered).toEqual([]);
      await context.close();
    },
  );
});
