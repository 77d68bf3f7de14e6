// A respondent in Chromium: a fresh invitation link, a browser context as a person would have it, the
// required answers filled in; shared by the browser suites that walk the form's states.
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Campaign } from "../../functions/core/campaign.ts";
import type { AdminClient } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";

/**
 * A fresh campaign of `questionnaireId` for one member, sent: the campaign and the link from its focal
 * point's invitation.
 */
export const inviteOne = async (
  api: AdminClient,
  outbox: string,
  code: string,
  questionnaireId = "iacml-planning",
): Promise<{ campaign: Campaign; link: string }> => {
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId,
    closesAt: new Date(Date.now() + 864e5).toISOString(),
    invite: [code],
    secretariat: { name: "IACML Technical Secretariat", email: "cimt@example.org" },
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  const message = readOutbox(outbox).find(
    (m) =>
      m.headers["x-consulta-campaign"] === campaign.id && m.headers["x-consulta-contact"] === "focal-point",
  );
  return { campaign, link: respondentLink(message!)! };
};

/** A fresh campaign for one member; returns the link from the focal point's invitation. */
export const invitationLink = async (api: AdminClient, outbox: string, code: string): Promise<string> =>
  (await inviteOne(api, outbox, code)).link;

export type BrowserOptions = { javaScript: boolean; locale: string; width?: number; height?: number };

export const openPage = async (
  browser: Browser,
  options: BrowserOptions,
): Promise<{ context: BrowserContext; page: Page }> => {
  // bypassCSP only lets a test inject axe-core; the page's own policy is checked over HTTP.
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript,
    locale: options.locale,
    bypassCSP: true,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
};

export const fillRequired = async (page: Page) => {
  await page.locator('input[name="focal-point-name"]').fill("Maria Souza");
  await page.locator('input[name="focal-point-position"]').fill("Coordenadora");
  await page.locator('input[name="focal-point-email"]').fill("maria@example.org");
  await page
    .locator('textarea[name="expected-achievements"]')
    .fill("Mais cooperação técnica entre os ministérios.");
  for (const radio of await page.locator('input[name^="topic-scores"][value="8"]').all()) await radio.check();
  const selects = page.locator('select[name^="top-three"]');
  for (let i = 0; i < 3; i++) await selects.nth(i).selectOption({ index: i + 1 });
};

/** What the tests read of a page's DOM in `page.evaluate` (the project compiles without the DOM's types). */
export type PageGlobals = {
  document: {
    activeElement: PageElement | null;
    body: PageElement;
    documentElement: { scrollWidth: number };
    querySelector(selector: string): PageElement | null;
  };
  innerWidth: number;
  innerHeight: number;
  scrollTo(x: number, y: number): void;
};
export type PageElement = {
  id: string;
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { top: number; bottom: number };
  contains(other: PageElement): boolean;
};

/** How much wider than the window the page is, in CSS pixels (0 when nothing scrolls sideways). */
export const sidewaysOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as PageGlobals;
    return document.documentElement.scrollWidth - innerWidth;
  });
