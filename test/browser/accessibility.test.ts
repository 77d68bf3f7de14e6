// axe-core, every impact (minor and moderate too), on every state a respondent, a colleague or a reader of
// the report meets; and the accessibility statement those pages link to, in the four languages.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../functions/adapters/handlebars-views.ts";
import { renderInputsHtml } from "../../functions/core/report/inputs-html.ts";
import { buildInputsReport } from "../../functions/core/report/inputs-report.ts";
import {
  defaultDirectoryPath,
  defaultQuestionnairePath,
  readDirectoryFile,
  readQuestionnaireFile,
} from "../../functions/local/content.ts";
import { adminClient, loadContent, type AdminClient } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { allViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { signInToConsole } from "../support/console-session.ts";
import { campaign as campaignFactory } from "../support/factories.ts";
import { testStack } from "../support/local-stack.ts";
import { fillRequired, invitationLink, openPage } from "../support/respondent-browser.ts";
import { generatedSubmissions } from "../support/submissions.ts";

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

const linkFor = (code: string) => invitationLink(api, stack.paths.outbox, code);

/**
 * axe-core needs script in the page: a page seen without JavaScript is checked as its markup, copied
 * into a page that allows script but runs none of ours.
 */
const violationsWithoutScript = async (seen: Page): Promise<string[]> => {
  const html = (await seen.content()).replace(/<script\b[^>]*><\/script>/g, "");
  const { context, page } = await openPage(browser, {
    javaScript: true,
    locale: "es",
    width: seen.viewportSize()?.width ?? 1280,
  });
  await page.setContent(html);
  const found = await allViolations(page);
  await context.close();
  return found;
};

/** The link to the statement in the page's footer, and where it leads. */
const statementLink = (page: Page) =>
  page.locator("footer").getByRole("link", { name: /accessibilit|accesibilidad|acessibilidade/i });

describe("the respondent's pages, checked by axe-core at every impact", () => {
  it("finds nothing on the form blank, with errors, and on the confirmation, with JavaScript", async () => {
    const link = await linkFor("HTI");
    const { context, page } = await openPage(browser, { javaScript: true, locale: "fr" });
    const states: Record<string, string[]> = {};

    await page.goto(`${link}?lang=fr`);
    states.blank = await allViolations(page);

    await page.getByRole("button", { name: "Envoyer les réponses" }).click();
    await page.locator("#error-summary").waitFor();
    states.errors = await allViolations(page);

    await fillRequired(page);
    await page.getByRole("button", { name: "Envoyer les réponses" }).click();
    await page.locator(".notice.ok").waitFor();
    states.confirmation = await allViolations(page);
    const fromConfirmation = await statementLink(page)
      .getAttribute("href", { timeout: 1000 })
      .catch(() => null);

    await page.goto(`${stack.url}/r/${"z".repeat(43)}`);
    states.notFound = await allViolations(page);

    expect(states).toEqual({ blank: [], errors: [], confirmation: [], notFound: [] });
    expect(fromConfirmation).toBe("/accessibility?lang=fr");
    expect(await statementLink(page).getAttribute("href")).toBe("/accessibility?lang=fr");
    await context.close();
  }, 60_000);

  it("finds nothing on the form without JavaScript, nor when two colleagues' saves conflict", async () => {
    const link = await linkFor("PER");
    const ana = await openPage(browser, { javaScript: false, locale: "es" });
    const luis = await openPage(browser, { javaScript: false, locale: "es" });
    await Promise.all([ana.page.goto(`${link}?lang=es`), luis.page.goto(`${link}?lang=es`)]);
    const states: Record<string, string[]> = {};
    states.blank = await violationsWithoutScript(ana.page);

    await ana.page.locator('textarea[name="anything-else"]').fill("Propuesta de Ana");
    await ana.page.getByRole("button", { name: "Guardar borrador" }).click();
    await ana.page.locator(".notice.ok").waitFor();
    await luis.page.locator('textarea[name="anything-else"]').fill("Propuesta de Luis");
    await luis.page.getByRole("button", { name: "Guardar borrador" }).click();
    await luis.page.locator("#conflict").waitFor();
    states.conflict = await violationsWithoutScript(luis.page);

    expect(states).toEqual({ blank: [], conflict: [] });
    expect(await statementLink(ana.page).getAttribute("href")).toBe("/accessibility?lang=es");
    await Promise.all([ana.context.close(), luis.context.close()]);
  }, 60_000);

  it("finds nothing on a colleague's form, whose sections they may not write are shown read-only", async () => {
    const link = await linkFor("MEX");
    const { context, page } = await openPage(browser, { javaScript: false, locale: "en" });
    await page.goto(`${link}?lang=en`);
    await page.locator('input[name="contributor[name]"]').fill("Carlos Souza");
    await page.locator('input[name="contributor[email]"]').fill("carlos.mex@example.org");
    await page.getByRole("checkbox", { name: /RIAL/ }).first().check();
    await page.getByRole("button", { name: "Invite colleague" }).click();
    await page.getByText("The invitation is on its way to your colleague.").waitFor();
    const invitation = readOutbox(stack.paths.outbox).find((m) => m.to === "carlos.mex@example.org");

    const colleague = await openPage(browser, { javaScript: true, locale: "en" });
    await colleague.page.goto(`${respondentLink(invitation!)!}?lang=en`);
    // Sections written by others are there, read-only, and still empty.
    expect(
      await colleague.page.getByText("Nothing has been written in this section yet.").count(),
    ).toBeGreaterThan(0);
    expect(await allViolations(colleague.page)).toEqual([]);
    await Promise.all([context.close(), colleague.context.close()]);
  });
});

describe("the Secretariat's pages", () => {
  it("the console links to the statement and finds nothing at any impact on its sign-in page", async () => {
    const { context, page } = await openPage(browser, { javaScript: true, locale: "en" });
    await page.goto(`${stack.url}/console/sign-in`);
    expect(await allViolations(page)).toEqual([]);
    expect(await statementLink(page).getAttribute("href")).toBe("/accessibility?lang=en");
    const signedIn = await signInToConsole(stack);
    const campaigns = await (await signedIn.get("/console")).text();
    expect(campaigns).toContain('href="/accessibility?lang=en"');
    await context.close();
  });
});

describe("the console's directory, content and translations pages", () => {
  it("find nothing at any impact, in Portuguese, a refusal beside a field included", async () => {
    const shipped = readQuestionnaireFile(defaultQuestionnairePath);
    const signedIn = await signInToConsole(stack, "secretariat@example.org", "pt");
    const refused = await signedIn.upload(`/console/translations/${shipped.id}/${shipped.version}`, {
      name: "returned.csv",
      bytes: new TextEncoder().encode("id,es,en,fr,pt\nnothing,a,b,c,d\n"),
    });
    const pages = [
      await signedIn.get("/console/members/ARG"),
      await signedIn.get("/console/content"),
      await signedIn.get("/console/translations"),
      await signedIn.get(`/console/translations/${shipped.id}/${shipped.version}`),
      refused,
    ];
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200, 422]);
    for (const reply of pages) {
      const { context, page } = await openPage(browser, { javaScript: true, locale: "pt" });
      await page.setContent(await reply.text());
      expect(await allViolations(page), reply.url).toEqual([]);
      await context.close();
    }
  });
});

describe("the Inputs report's HTML, checked by axe-core at every impact", () => {
  const views = createHandlebarsViews(new URL("../../templates/", import.meta.url).pathname);
  const shipped = readQuestionnaireFile(defaultQuestionnairePath);
  const directory = readDirectoryFile(defaultDirectoryPath).members;

  it.each(["es", "en"] as const)("finds nothing, and links to the statement, in %s", async (lang) => {
    const t = (key: string) => views.translate(lang, key);
    const report = buildInputsReport({
      campaign: campaignFactory({
        questionnaireId: shipped.id,
        questionnaireVersion: shipped.version,
        invited: directory.map((m) => m.code),
      }),
      questionnaire: shipped,
      members: directory,
      submissions: generatedSubmissions(shipped, directory),
      lang,
      generatedAt: new Date("2026-03-01T15:30:00Z"),
      t,
    });
    const html = new TextDecoder().decode(
      renderInputsHtml(report, t, views.render, "https://consulta.example.org/accessibility"),
    );
    const { context, page } = await openPage(browser, { javaScript: true, locale: lang });
    await page.setContent(html);
    expect(await allViolations(page)).toEqual([]);
    expect(await statementLink(page).getAttribute("href")).toBe(
      `https://consulta.example.org/accessibility?lang=${lang}`,
    );
    await context.close();
  });
});

describe("the accessibility statement", () => {
  it.each([
    ["es", "Declaración de accesibilidad"],
    ["en", "Accessibility statement"],
    ["fr", "Déclaration d'accessibilité"],
    ["pt", "Declaração de acessibilidade"],
  ])("is published in %s, and axe-core finds nothing on it", async (lang, heading) => {
    const { context, page } = await openPage(browser, { javaScript: true, locale: lang });
    await page.goto(`${stack.url}/accessibility?lang=${lang}`);
    expect(await page.getAttribute("html", "lang")).toBe(lang);
    expect(await page.locator("h1").innerText()).toBe(heading);
    expect(await page.locator("main").innerText()).toContain("WCAG 2.1");
    expect(await allViolations(page)).toEqual([]);
    await context.close();
  });
});
