// A new cycle prepared and run by the Secretariat in Chromium alone, as one run: no file, no command
// line, only what the pages say. Sign in, copy the shipped questionnaire, add a question in four
// languages, preview it in Portuguese as COSATE, publish, set up a campaign closing at 17:00 in São
// Paulo with a 10/3/1-day plan for governments, send, see an answer come in, extend, compile. The
// server (`consulta serve`, a real process) is stopped and started again on the same folder in the
// middle, and nothing is lost.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { seriousViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { localProcesses } from "../support/local-process.ts";
import { fillRequired } from "../support/respondent-browser.ts";
import { fillGovernmentsCampaign, signInInBrowser } from "../support/console-browser.ts";

const SCREENS = new URL("../artifacts/screens/", import.meta.url).pathname;
const local = localProcesses();
let server: Awaited<ReturnType<typeof local.serve>>;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  [server, browser] = await Promise.all([local.serve(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  local.dispose();
});

/** Stops the server as a person does (Ctrl-C) and starts it again on the same folder and port. */
const restart = async () => {
  const port = new URL(server.url).port;
  server.child.kill("SIGINT");
  await local.ended(server.child);
  server = await local.serve({ PORT: port });
};

const QUESTION = {
  es: "¿Qué debería cambiar en el próximo ciclo?",
  en: "What should change in the next cycle?",
  fr: "Que devrait changer le prochain cycle ?",
  pt: "O que deveria mudar no próximo ciclo?",
};
const LANGUAGE_NAMES = { es: "Español", en: "English", fr: "Français", pt: "Português" };
const ANSWER = "Mais tempo entre o convite e a reunião.";

const signIn = (page: Page) => signInInBrowser(page, server.url, local.outbox);

describe("a new cycle in the console, from copying last cycle's questionnaire to compiling", () => {
  it("runs as the Secretariat alone, in Chromium, across a server restart", async () => {
    const context = await browser.newContext({ locale: "en-US", bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page);

    // The questionnaire: copy version 1, add a question in four languages.
    await page.getByRole("link", { name: "Questionnaires" }).click();
    await page.getByRole("button", { name: "Copy version 1 to a new draft" }).click();
    await page.waitForURL(/\/drafts\/2$/);
    await page.getByRole("link", { name: "Other comments" }).first().click();
    await page.getByRole("heading", { name: "Section: Other comments" }).waitFor();
    await page.getByText("Add a question", { exact: true }).first().click();
    const adding = page.locator("form", { has: page.getByRole("button", { name: "Add a question" }) });
    await adding.getByLabel("Identifier").fill("next-cycle-change");
    await adding.getByLabel("Kind").selectOption({ label: "Long text" });
    const texts = adding.getByRole("group", { name: "Question text" });
    for (const [lang, name] of Object.entries(LANGUAGE_NAMES))
      await texts.getByLabel(name, { exact: true }).fill(QUESTION[lang as keyof typeof QUESTION]);
    await page.getByRole("button", { name: "Add a question" }).click();
    await page.waitForURL(/question=next-cycle-change/);
    await page.getByText("Saved.").waitFor();

    // Previewed as COSATE's respondent, in Portuguese: the real form, read-only.
    await page.getByRole("link", { name: "Preview" }).click();
    await page.getByRole("link", { name: "Workers (COSATE)" }).click();
    await page.getByRole("link", { name: "Português" }).click();
    await page.getByText("Conselho Sindical de Assessoria Técnica (COSATE)").first().waitFor();
    expect(await page.getByLabel(QUESTION.pt).isDisabled()).toBe(true);
    // A preview has no campaign: it states no deadline (it used to say "accepted until" this very minute).
    expect(await page.locator("main").innerText()).not.toContain("As respostas serão aceitas até");

    await page.getByRole("link", { name: "Back to the editor" }).click();
    await page.getByRole("link", { name: "Publish…" }).click();
    await page.getByText("Publishing makes version 2").waitFor();
    await page.getByRole("button", { name: "Publish version 2" }).click();
    await page.getByText("iacml-planning@2 is published.").waitFor();

    // The campaign: version 2, closing at 17:00 in São Paulo, a 10/3/1-day plan for governments only.
    await page.getByRole("link", { name: "Campaigns" }).first().click();
    await page.getByRole("heading", { name: "New campaign" }).waitFor();
    await page.getByLabel("Questionnaire", { exact: true }).selectOption({
      label: "Questionnaire on priorities for the IACML Planning Meeting (iacml-planning, v2)",
    });
    const closes = new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10);
    await fillGovernmentsCampaign(page, closes);
    await page.getByRole("button", { name: "Create the campaign" }).click();
    await page.locator("#done").waitFor();
    const [, invited] =
      new RegExp(
        `Campaign created: (\\d+) members invited\\. It closes on ${closes} 17:00 \\(America/Sao_Paulo\\)\\.`,
      ).exec(await page.locator("#done").innerText()) ?? [];
    expect(Number(invited)).toBeGreaterThan(0);
    const campaignUrl = page.url().split("?")[0]!;
    const campaignId = new URL(campaignUrl).pathname.split("/").pop()!;
    expect(await page.locator("main").innerText()).toContain("iacml-planning v2");

    // Send: a confirmation in numbers, then the result in numbers.
    await page.getByRole("link", { name: "Send invitations" }).click();
    await page.getByRole("heading", { name: "Send invitations?" }).waitFor();
    const [, invitations, members] =
      /This sends (\d+) invitations to (\d+) members/.exec(await page.locator("#effect").innerText()) ?? [];
    expect(members).toBe(invited);
    await page.getByRole("button", { name: `Send ${invitations} invitations` }).click();
    await page.getByText("Done.").waitFor();
    expect(await page.locator("#job-result").innerText()).toContain(
      `emails queued for ${invitations} contacts`,
    );
    await page.getByRole("link", { name: "Back to the campaign" }).click();
    // Delivery goes on after the job: wait until every invited government is reached.
    const governments = page.getByRole("row", { name: /^Governments/ });
    await expect
      .poll(
        async () => {
          await page.reload();
          return (await governments.innerText()).split("\t").map((cell) => cell.trim());
        },
        { timeout: 60_000 },
      )
      .toEqual(["Governments", invited, invited, "0", "0"]);
    expect(await page.locator("#member-BRA").innerText()).toContain("sent");
    const before = await page.locator("main").innerText();

    // Stopped and started again on the same folder: the campaign, its version and the session are kept.
    await restart();
    await page.reload();
    await page.locator("#member-BRA").waitFor();
    expect(await page.locator("main").innerText()).toBe(before);
    await page.getByRole("link", { name: "Questionnaires" }).click();
    await page.getByRole("row", { name: /^2 .* Planning 2027, governments/ }).waitFor();
    expect(await page.getByRole("button", { name: "Copy version 2 to a new draft" }).count()).toBe(1);
    await page.goBack();

    // Brazil's focal point answers through the emailed link, the new question included.
    const invitation = readOutbox(local.outbox).find(
      (m) =>
        m.headers["x-consulta-campaign"] === campaignId &&
        m.headers["x-consulta-member"] === "BRA" &&
        m.headers["x-consulta-contact"] === "focal-point",
    );
    const respondent = await browser.newContext({ locale: "pt-BR", bypassCSP: true });
    const form = await respondent.newPage();
    form.setDefaultTimeout(30_000);
    await form.goto(respondentLink(invitation!)!);
    await fillRequired(form);
    await form.getByLabel(QUESTION.pt).fill(ANSWER);
    await form.getByRole("button", { name: "Enviar respostas" }).click();
    await expect.poll(() => form.locator("h1").innerText()).toContain("Obrigado");
    expect(await form.locator("main").innerText()).toContain(ANSWER);
    await respondent.close();

    // The Secretariat sees it on the campaign page.
    await page.goto(campaignUrl);
    expect(await page.locator("#member-BRA").innerText()).toMatch(/Submitted .*\(version 1\)/);

    // Extend the deadline by a week, telling those who have not submitted.
    await page.getByRole("link", { name: "Extend the deadline" }).click();
    await page.getByRole("heading", { name: "Extend the deadline?" }).waitFor();
    expect(await page.locator("#effect").innerText()).toContain(
      `${Number(invited) - 1} of ${invited} members have not submitted yet.`,
    );
    const later = new Date(Date.parse(`${closes}T12:00:00Z`) + 7 * 864e5).toISOString().slice(0, 10);
    await page.getByLabel("Date").fill(later);
    await page.getByLabel(/^Time/).fill("17:00");
    await page.getByLabel("Tell the members who have not submitted").check();
    await page.getByRole("button", { name: "Extend the deadline" }).click();
    await page.locator("#done").waitFor();
    const extended = await page.locator("#done").innerText();
    expect(extended).toContain(`Deadline extended to ${later} 17:00 (America/Sao_Paulo)`);
    // Every contact of those who have not submitted is told, Brazil's not.
    const [, told] = /(\d+) contacts are being told/.exec(extended) ?? [];
    const tellings = () =>
      readOutbox(local.outbox).filter(
        (m) =>
          m.headers["x-consulta-campaign"] === campaignId &&
          String(m.headers["x-consulta-n"]).startsWith("extended-"),
      );
    await expect.poll(() => tellings().length, { timeout: 60_000 }).toBe(Number(told));
    expect(tellings().filter((m) => m.headers["x-consulta-member"] === "BRA")).toEqual([]);

    // Compile: the report counts Brazil's answer.
    await page.getByRole("link", { name: "Compile the report" }).click();
    await page.getByRole("button", { name: "Compile the report" }).click();
    await page.getByText("Done.").waitFor({ timeout: 120_000 });
    await page.getByRole("link", { name: "Back to the campaign" }).click();
    await page.getByRole("link", { name: "xlsx (en)" }).waitFor();
    expect(await page.locator("main").innerText()).toContain(`(en, 1/${invited})`);
    const report = await page.request.get(
      `${server.url}${await page.getByRole("link", { name: "html (en)" }).getAttribute("href")}`,
    );
    const html = await report.text();
    expect(html).toContain(QUESTION.en);
    expect(html).toContain(ANSWER);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}new-cycle-campaign.png`, fullPage: true });
    await context.close();
  }, 400_000);
});
