import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import { adminClient, loadContent, type AdminClient } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { seriousViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { testStack } from "../support/local-stack.ts";
import { fillRequired } from "../support/respondent-browser.ts";

const SCREENS = new URL("../artifacts/screens/", import.meta.url).pathname;
let stack: Awaited<ReturnType<typeof testStack>>;
let browser: Browser;
let api: AdminClient;

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  [stack, browser] = await Promise.all([testStack(), launchChromium()]);
  api = adminClient(stack);
  await loadContent(api);
});
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

/** A fresh campaign for one member; returns the link from the focal point's invitation. */
const linkFor = async (code: string) => {
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    closesAt: new Date(Date.now() + 864e5).toISOString(),
    invite: [code],
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  const message = readOutbox(stack.paths.outbox).find(
    (m) =>
      m.headers["x-consulta-campaign"] === campaign.id && m.headers["x-consulta-contact"] === "focal-point",
  );
  return respondentLink(message!)!;
};

const open = async (options: {
  javaScript: boolean;
  locale: string;
}): Promise<{ context: BrowserContext; page: Page }> => {
  // bypassCSP only lets the test inject axe-core; the page's own policy is checked over HTTP.
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript,
    locale: options.locale,
    bypassCSP: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
};

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SCREENS}${name}.png`, fullPage: false });

describe("the form in Chromium with JavaScript turned off, as on a locked-down office PC", () => {
  it("saves a draft, shows it after reload, switches language keeping the text, explains an error, submits", async () => {
    const link = await linkFor("BRA");
    const { context, page } = await open({ javaScript: false, locale: "pt-BR" });
    await page.goto(link);
    expect(await page.getAttribute("html", "lang")).toBe("pt");

    await page.locator('input[name="focal-point-name"]').fill("Maria Souza");
    await page.getByRole("button", { name: "Salvar rascunho" }).click();
    await expect.poll(() => page.locator(".notice.ok").innerText()).toContain("Rascunho salvo");
    await page.goto(link);
    expect(await page.locator('input[name="focal-point-name"]').inputValue()).toBe("Maria Souza");

    await page.locator('textarea[name="anything-else"]').fill("Texto ainda não salvo");
    await page.getByRole("button", { name: "Español" }).click();
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("es");
    expect(await page.locator('textarea[name="anything-else"]').inputValue()).toBe("Texto ainda não salvo");
    await page.getByRole("button", { name: "Português" }).click();

    await page.getByRole("button", { name: "Enviar respostas" }).click();
    await expect.poll(() => page.locator("#error-summary").isVisible()).toBe(true);
    expect(await page.locator("#error-summary").innerText()).toContain("Esta resposta é obrigatória");
    expect(await page.locator('textarea[name="anything-else"]').inputValue()).toBe("Texto ainda não salvo");
    await shot(page, "no-js-errors");

    await fillRequired(page);
    await page.getByRole("button", { name: "Enviar respostas" }).click();
    await expect.poll(() => page.locator("h1").innerText()).toContain("Obrigado");
    expect(await page.locator("main").innerText()).toContain("Mais cooperação técnica entre os ministérios.");
    await shot(page, "no-js-confirmation");
    await context.close();
  });

  it("adds another proposal with a button and keeps what was typed", async () => {
    const link = await linkFor("ARG");
    const { context, page } = await open({ javaScript: false, locale: "es" });
    await page.goto(link);
    await page.locator('input[name="activity-proposals[0][title]"]').fill("Estudio sobre teletrabajo");
    await page.getByRole("button", { name: "Agregar otra entrada" }).first().click();
    await expect.poll(() => page.locator('input[name="activity-proposals[1][title]"]').count()).toBe(1);
    expect(await page.locator('input[name="activity-proposals[0][title]"]').inputValue()).toBe(
      "Estudio sobre teletrabajo",
    );
    await context.close();
  });
});

describe("the form in Chromium with JavaScript", () => {
  it("autosaves, survives a reload, hides questions that do not apply, and can be reopened and changed after submitting", async () => {
    const link = await linkFor("COL");
    const { context, page } = await open({ javaScript: true, locale: "es" });
    await page.goto(link);
    // Hosting details only show once the Ministry says it offers to host.
    const hostOffer = page.locator("#q-host-offer");
    await expect.poll(() => hostOffer.isHidden()).toBe(true);
    await page.locator('input[name="offer-to-host"][value="yes"]').check();
    await expect.poll(() => hostOffer.isVisible()).toBe(true);

    await page.locator('textarea[name="anything-else"]').fill("Guardado solo");
    await expect
      .poll(() => page.locator("#autosave-status").innerText(), { timeout: 15_000 })
      .toContain("Borrador guardado automáticamente");
    await shot(page, "js-autosaved");
    await page.reload();
    expect(await page.locator('textarea[name="anything-else"]').inputValue()).toBe("Guardado solo");

    await fillRequired(page);
    await page.locator('input[name="offer-to-host"][value="no"]').check();
    await page.getByRole("button", { name: "Enviar respuestas" }).click();
    await expect.poll(() => page.locator("h1").innerText()).toContain("Gracias");

    await page.goto(link);
    await page.locator('textarea[name="anything-else"]').fill("Segunda versión");
    await page.getByRole("button", { name: "Enviar respuestas" }).click();
    // The second submission, though the autosaved draft made it the third stored version.
    await expect.poll(() => page.locator("main").innerText()).toContain("versión 2");
    await context.close();
  });

  it("two colleagues save the same answer: the second sees both texts and loses nothing", async () => {
    const link = await linkFor("CHL");
    const ana = await open({ javaScript: false, locale: "es" });
    const luis = await open({ javaScript: false, locale: "es" });
    await Promise.all([ana.page.goto(link), luis.page.goto(link)]);
    await ana.page.locator('textarea[name="anything-else"]').fill("Propuesta de Ana");
    await ana.page.getByRole("button", { name: "Guardar borrador" }).click();
    await expect.poll(() => ana.page.locator(".notice.ok").isVisible()).toBe(true);

    await luis.page.locator('textarea[name="anything-else"]').fill("Propuesta de Luis");
    await luis.page.getByRole("button", { name: "Guardar borrador" }).click();
    await expect.poll(() => luis.page.locator("#conflict").isVisible()).toBe(true);
    const table = await luis.page.locator("table.differences").innerText();
    expect(table).toContain("Propuesta de Ana");
    expect(table).toContain("Propuesta de Luis");
    expect(await luis.page.locator('textarea[name="anything-else"]').inputValue()).toBe("Propuesta de Luis");
    await shot(luis.page, "conflict");

    await luis.page.locator('textarea[name="anything-else"]').fill("Propuesta de Ana y de Luis");
    await luis.page.getByRole("button", { name: "Guardar borrador" }).click();
    await expect.poll(() => luis.page.locator(".notice.ok").isVisible()).toBe(true);
    await ana.page.goto(link);
    expect(await ana.page.locator('textarea[name="anything-else"]').inputValue()).toBe(
      "Propuesta de Ana y de Luis",
    );
    await Promise.all([ana.context.close(), luis.context.close()]);
  });
});

describe("accessibility (axe-core, WCAG 2.1 A and AA)", () => {
  it("finds no serious or critical violation in any state of the respondent's pages", async () => {
    const link = await linkFor("HTI");
    const { context, page } = await open({ javaScript: true, locale: "fr" });
    const states: Record<string, string[]> = {};

    await page.goto(link);
    states.form = await seriousViolations(page);

    await page.getByRole("button", { name: "Envoyer les réponses" }).click();
    await page.locator("#error-summary").waitFor();
    states.errors = await seriousViolations(page);

    await fillRequired(page);
    await page.getByRole("button", { name: "Envoyer les réponses" }).click();
    await page.locator(".notice.ok").waitFor();
    states.confirmation = await seriousViolations(page);

    await page.goto(`${stack.url}/r/${"z".repeat(43)}`);
    states.notFound = await seriousViolations(page);
    await shot(page, "not-found");

    expect(states).toEqual({ form: [], errors: [], confirmation: [], notFound: [] });
    await context.close();
  });
});
