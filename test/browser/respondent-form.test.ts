import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import { adminClient, loadContent } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { launchChromium } from "../support/chromium.ts";
import { testStack } from "../support/local-stack.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let link: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([testStack(), launchChromium()]);
  const api = adminClient(stack);
  await loadContent(api);
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    closesAt: new Date(Date.now() + 864e5).toISOString(),
    invite: ["BRA"],
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  const message = readOutbox(stack.paths.outbox).find(
    (m) => m.headers["x-consulta-campaign"] === campaign.id,
  );
  link = (message && respondentLink(message)) ?? "";
});
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

describe("the form in Chromium with JavaScript turned off, as on a locked-down office PC", () => {
  it("is answered in Portuguese: an error is explained and the text kept, then the submission confirmed", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "pt-BR" });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(link);
    expect(await page.getAttribute("html", "lang")).toBe("pt");

    await page.getByLabel(/Nome do ponto focal/i).fill("Maria Souza");
    await page
      .locator('textarea[name="expected-achievements"]')
      .fill("Mais cooperação técnica entre os ministérios.");
    await page.getByRole("button", { name: /Enviar/ }).click();

    await expect.poll(() => page.locator("#error-summary").isVisible()).toBe(true);
    expect(await page.locator("#error-summary").innerText()).toContain("Esta resposta é obrigatória");
    expect(await page.getByLabel(/Nome do ponto focal/i).inputValue()).toBe("Maria Souza");

    await page.getByLabel(/Cargo/i).fill("Coordenadora");
    await page.locator('input[name="focal-point-email"]').fill("maria@example.org");
    const eights = await page.locator('input[name^="topic-scores"][value="8"]').all();
    expect(eights).toHaveLength(22);
    for (const radio of eights) await radio.check();
    const selects = page.locator('select[name^="top-three"]');
    for (let i = 0; i < 3; i++) await selects.nth(i).selectOption({ index: i + 1 });
    await page.getByRole("button", { name: /Enviar/ }).click();

    await expect.poll(() => page.locator("h1").innerText()).toContain("Obrigado");
    expect(await page.locator("main").innerText()).toContain("Mais cooperação técnica entre os ministérios.");
    await context.close();
  });
});
