// The buttons and keys of the respondent's form do what a person expects: Enter saves the draft, and
// inviting a colleague with a wrong address answers beside the field, in the form's language, with
// everything typed still there.
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
let campaign: Campaign;

beforeAll(async () => {
  [stack, browser] = await Promise.all([testStack({ clock }), launchChromium()]);
  const api = adminClient(stack);
  await loadContent(api);
  campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    opensAt: clock.now().toISOString(),
    closesAt: new Date(clock.now().getTime() + 3 * 864e5).toISOString(),
    invite: ["BRA", "URY", "COL"],
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
});
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

const linkOf = (member: string) => {
  const mail = readOutbox(stack.paths.outbox).find(
    (m) =>
      m.headers["x-consulta-campaign"] === campaign.id &&
      m.headers["x-consulta-member"] === member &&
      m.headers["x-consulta-kind"] === "invitation",
  );
  return respondentLink(mail!)!;
};

const open = async (javaScriptEnabled: boolean, url: string): Promise<Page> => {
  const context = await browser.newContext({ javaScriptEnabled, locale: "pt-BR" });
  const p = await context.newPage();
  p.setDefaultTimeout(15_000);
  await p.goto(url);
  return p;
};

for (const javaScriptEnabled of [false, true]) {
  describe(`the form's keys and second buttons, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    it("Enter in a text field saves the draft, in the page's language", async () => {
      const p = await open(javaScriptEnabled, `${linkOf("URY")}?lang=pt`);
      await p.locator('input[name="focal-point-position"]').fill("Diretora");
      await p.locator('input[name="focal-point-position"]').press("Enter");
      await p.locator(".notice.ok").waitFor();
      expect(await p.locator("html").getAttribute("lang")).toBe("pt");
      expect(await p.locator('input[name="focal-point-position"]').inputValue()).toBe("Diretora");
      const stored = await stack.ports.repository.getResponse(campaign.id, "URY");
      expect(stored?.answers["focal-point-position"]).toBe("Diretora");
      await p.context().close();
    });

    it("inviting with an empty or wrong address answers beside the field, keeping everything typed", async () => {
      const sentToAna = () =>
        readOutbox(stack.paths.outbox).filter(
          (m) => m.headers["x-consulta-campaign"] === campaign.id && m.to.startsWith("ana.goncalves"),
        ).length;
      const before = sentToAna();
      const p = await open(javaScriptEnabled, `${linkOf("BRA")}?lang=pt`);
      await p.locator('textarea[name="expected-achievements"]').fill("Texto ainda não salvo.");
      await p.locator('input[name="contributor[name]"]').fill("Ana Gonçalves");
      await p.locator('input[name="contributor[email]"]').fill("ana.goncalves@trabalho,gov.br");
      await p.getByRole("checkbox", { name: "Temas prioritários" }).check();
      await p.getByRole("button", { name: "Convidar colega" }).click();
      await p.waitForLoadState("load");

      expect(await p.locator("html").getAttribute("lang")).toBe("pt");
      const email = p.locator('input[name="contributor[email]"]');
      expect(await email.inputValue()).toBe("ana.goncalves@trabalho,gov.br");
      expect(await email.getAttribute("aria-invalid")).toBe("true");
      const describedBy = (await email.getAttribute("aria-describedby")) ?? "";
      expect(await p.locator(`#${describedBy.split(" ")[0]}`).innerText()).toMatch(/endereço de e-mail/i);
      expect(await p.locator('input[name="contributor[name]"]').inputValue()).toBe("Ana Gonçalves");
      expect(await p.getByRole("checkbox", { name: "Temas prioritários" }).isChecked()).toBe(true);
      expect(await p.locator('textarea[name="expected-achievements"]').inputValue()).toBe(
        "Texto ainda não salvo.",
      );
      // Nobody was invited, nothing was sent.
      expect(sentToAna()).toBe(before);

      // Emptied, the address is required; corrected, the invitation goes.
      await email.fill("");
      await p.getByRole("button", { name: "Convidar colega" }).click();
      await p.waitForLoadState("load");
      expect(await p.locator('input[name="contributor[email]"]').getAttribute("aria-invalid")).toBe("true");
      await p.locator('input[name="contributor[email]"]').fill("ana.goncalves@trabalho.gov.br");
      await p.getByRole("button", { name: "Convidar colega" }).click();
      await p.locator(".notice.ok").waitFor();
      expect(await p.locator('textarea[name="expected-achievements"]').inputValue()).toBe(
        "Texto ainda não salvo.",
      );
      expect(sentToAna()).toBe(before + 1);
      await p.context().close();
    });
  });
}

describe("labels", () => {
  it("never make two different actions look alike", async () => {
    const p = await open(false, `${linkOf("COL")}?lang=en`);
    const buttons = await p.locator("button").allInnerTexts();
    const named = buttons.map((b) => b.trim()).filter(Boolean);
    expect(named).toContain("Invite colleague");
    expect(named).toContain("Submit answers");
    expect(named.filter((b) => /^Send\b/i.test(b))).toEqual([]);
    await p.context().close();
  });
});
