// The Secretariat on a 375 px phone with the keyboard alone: the Work Plan and the transcription screen
// scroll only down, every control Tab reaches is in sight with a visible focus, and Enter works them.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import { seriousViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { consolePages } from "../support/console-session.ts";
import { testStack } from "../support/local-stack.ts";
import { sidewaysOverflow } from "../support/respondent-browser.ts";
import { answeredCampaign } from "../support/submissions.ts";
import { signInLinkFor } from "../support/console-browser.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let browser: Browser;
let campaign: Campaign;

beforeAll(async () => {
  [stack, browser] = await Promise.all([testStack(), launchChromium()]);
  campaign = await answeredCampaign(stack, { meeting: "Planning meeting 2027" });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

/** An element's box, as the page measures it (the project compiles without the DOM's types). */
type Box = { top: number; bottom: number; left: number; right: number; width: number; height: number };

/** The focused control: its box against the window's edges, and how its focus shows. */
type Focused = Box & { name: string; outline: string; shadow: string };

/** A control Tab reached out of sight, or without a visible focus. */
type Problem = { name: string; why: string };

/**
 * Presses Tab until the focused control's name matches `name`, noting every control on the way that
 * was, once the browser scrolled to it, not wholly in the window, or showed no focus (outline or ring).
 */
const tabTo = async (page: Page, name: RegExp, problems: Problem[], limit = 400): Promise<void> => {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate((): Focused | undefined => {
      type El = {
        tagName: string;
        id: string;
        value?: string;
        textContent: string | null;
        getAttribute(n: string): string | null;
        getBoundingClientRect(): Box;
        labels?: { textContent: string | null }[];
      };
      const g = globalThis as unknown as {
        document: { activeElement: El | null; body: El };
        getComputedStyle(e: El): { outlineStyle: string; outlineWidth: string; boxShadow: string };
        innerWidth: number;
        innerHeight: number;
      };
      const el = g.document.activeElement;
      if (!el || el === g.document.body) return undefined;
      const r = el.getBoundingClientRect();
      const style = g.getComputedStyle(el);
      const label = el.labels?.[0]?.textContent ?? "";
      return {
        name: (el.getAttribute("aria-label") ?? label ?? "").trim() || (el.textContent ?? "").trim() || el.id,
        top: r.top,
        bottom: r.bottom - g.innerHeight,
        left: r.left,
        right: r.right - g.innerWidth,
        width: r.width,
        height: r.height,
        outline: style.outlineStyle === "none" || style.outlineWidth === "0px" ? "" : style.outlineStyle,
        shadow: style.boxShadow === "none" ? "" : style.boxShadow,
      };
    });
    if (!focus) continue;
    const short = focus.name.replace(/\s+/g, " ").slice(0, 60);
    // A hidden input a label stands for (a visually hidden checkbox) is judged by its label.
    if (focus.width > 1 && focus.height > 1) {
      if (focus.top < 0 || focus.bottom > 0 || focus.left < 0 || focus.right > 0)
        problems.push({ name: short, why: "out of sight" });
      if (!focus.outline && !focus.shadow) problems.push({ name: short, why: "no visible focus" });
    }
    if (name.test(focus.name)) return;
  }
  throw new Error(`Tab never reached ${name}`);
};

/** Tab to the control, then Enter, and wait for the page it loads. */
const press = async (page: Page, name: RegExp, problems: Problem[]) => {
  await tabTo(page, name, problems);
  await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
};

/** The elements that reach past the window's right edge, innermost first: what makes a page scroll sideways. */
const pastTheEdge = (page: Page) =>
  page.evaluate(() => {
    type El = {
      tagName: string;
      id: string;
      className: string;
      children: ArrayLike<El>;
      getBoundingClientRect(): { right: number };
    };
    const g = globalThis as unknown as {
      document: { querySelectorAll(s: string): ArrayLike<El> };
      innerWidth: number;
    };
    return Array.from(g.document.querySelectorAll("body *"))
      .filter((e) => e.getBoundingClientRect().right > g.innerWidth + 0.5)
      .filter(
        (e) => !Array.from(e.children).some((c) => c.getBoundingClientRect().right > g.innerWidth + 0.5),
      )
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${typeof e.className === "string" && e.className ? `.${e.className.split(" ").join(".")}` : ""}`,
      )
      .slice(0, 12);
  });

/** 0 when nothing scrolls sideways; otherwise by how much, and what reaches past the edge. */
const sideways = async (page: Page): Promise<0 | { px: number; past: string[] }> => {
  const px = await sidewaysOverflow(page);
  return px ? { px, past: await pastTheEdge(page) } : 0;
};

/** A one-page PDF whose text is a single long line, as a scanned-then-OCR'd note often is. */
const longLinePdf = (text: string) => {
  const stream = `BT /F1 10 Tf 20 700 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 6000 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((o, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 6\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF`;
  return Buffer.from(pdf, "latin1");
};

const phone = async (): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({
    locale: "en-US",
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
    bypassCSP: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  return { context, page };
};

const signInByKeyboard = async (page: Page, problems: Problem[]) => {
  await page.goto(`${stack.url}/console`);
  await tabTo(page, /^Email address/, problems);
  await page.keyboard.type("secretariat@example.org");
  await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
  await page.getByText("Check your email").waitFor();
  const link = signInLinkFor(stack.paths.outbox);
  await page.goto(link!);
  await press(page, /^Continue to the console$/, problems);
  await page.getByRole("heading", { name: "Campaigns" }).waitFor();
};

describe("the console on a 375 px phone, with the keyboard alone", () => {
  it("drafts the Work Plan: starts it, accepts a candidate, edits and saves the activity", async () => {
    const { context, page } = await phone();
    const problems: Problem[] = [];
    const overflow: Record<string, Awaited<ReturnType<typeof sideways>>> = {};
    await signInByKeyboard(page, problems);
    overflow.campaigns = await sideways(page);
    await press(page, new RegExp(`^${campaign.title.en}$`), problems);
    overflow.campaign = await sideways(page);
    await press(page, /^Work Plan$/, problems);
    await press(page, /^Start the Work Plan$/, problems);
    await page.getByText("Edition 1").first().waitFor();
    overflow.started = await sideways(page);

    await press(page, /^Accept: /, problems);
    await page.locator("#activities article").first().waitFor();
    overflow.accepted = await sideways(page);
    // Its editing form opens with Enter on its summary, and saves with Enter on its button.
    await tabTo(page, /^Edit activity 1$/, problems);
    await page.keyboard.press("Enter");
    await tabTo(page, /^Title$/, problems);
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("Inspección del trabajo: intercambio de buenas prácticas");
    await press(page, /^Save the activity$/, problems);
    await page.locator("#activities article h3").first().waitFor();
    expect(await page.locator("#activities article h3").first().innerText()).toBe(
      "1. Inspección del trabajo: intercambio de buenas prácticas",
    );
    overflow.saved = await sideways(page);
    expect(await seriousViolations(page)).toEqual([]);

    expect(overflow).toEqual({ campaigns: 0, campaign: 0, started: 0, accepted: 0, saved: 0 });
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);

  it("transcribes a PDF sent back: its long lines wrap beside the draft, which saves with Enter", async () => {
    const { context, page } = await phone();
    const problems: Problem[] = [];
    await signInByKeyboard(page, problems);
    await page.goto(`${stack.url}/console/campaigns/${campaign.id}/members/BRA/replies`);
    // Choosing the file is the one step a keyboard gives to the system's file dialog.
    await page.locator("#reply-file").setInputFiles({
      name: "nota-do-ministerio.pdf",
      mimeType: "application/pdf",
      buffer: longLinePdf(
        `Nota do Ministerio: ${"prioridades de inspecao do trabalho, formacao profissional e dialogo social; ".repeat(6)}`,
      ),
    });
    await press(page, /^Upload into the draft$/, problems);
    await press(page, /^Transcribe into the draft$/, problems);
    await page.locator("#document-text").waitFor();
    expect(await page.locator("#document-text").innerText()).toContain("formacao profissional");
    expect(await sideways(page)).toEqual(0);

    await tabTo(page, /^Other topics/, problems);
    await page.keyboard.type("Inspeção do trabalho (transcrito da nota).");
    await press(page, /^Save the draft$/, problems);
    await page.locator("#transcription-saved").waitFor();
    expect(await sideways(page)).toEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);

  it("scrolls no console page sideways", async () => {
    const { context, page } = await phone();
    await signInByKeyboard(page, []);
    const pages = consolePages(campaign.id);
    const overflow: Record<string, Awaited<ReturnType<typeof sideways>>> = {};
    const statuses: Record<string, number | undefined> = {};
    for (const path of pages) {
      statuses[path] = (await page.goto(`${stack.url}${path}`))?.status();
      overflow[path] = await sideways(page);
    }
    expect(statuses).toEqual(Object.fromEntries(pages.map((p) => [p, 200])));
    expect(overflow).toEqual(Object.fromEntries(pages.map((p) => [p, 0])));
    await context.close();
  }, 300_000);
});
