// Ana (focal point) and Carla (a contributor for "Priority topics") work on one answer at once, as two
// people in two browsers: whichever order they save and submit in, no answer either saved is lost.
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

beforeAll(async () => {
  [stack, browser] = await Promise.all([testStack({ clock }), launchChromium()]);
  await loadContent(adminClient(stack));
});
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

const openCampaign = async (member: string) => {
  const api = adminClient(stack);
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    opensAt: clock.now().toISOString(),
    closesAt: new Date(clock.now().getTime() + 3 * 864e5).toISOString(),
    invite: [member],
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  return campaign;
};

const linkFor = (campaign: Campaign, email: string) => {
  const found = readOutbox(stack.paths.outbox).filter(
    (m) =>
      m.headers["x-consulta-campaign"] === campaign.id &&
      m.to === email &&
      m.headers["x-consulta-kind"] === "invitation",
  );
  return respondentLink(found[found.length - 1]!)!;
};

const person = async (javaScriptEnabled: boolean): Promise<Page> => {
  const context = await browser.newContext({ javaScriptEnabled, locale: "en-US" });
  const p = await context.newPage();
  p.setDefaultTimeout(15_000);
  return p;
};

const score = (p: Page, topicIndex: number, value: number) =>
  p.locator(`#q-topic-scores tbody tr`).nth(topicIndex).locator(`input[value="${value}"]`).check();

const scoreOf = async (p: Page, topicIndex: number) =>
  p.locator(`#q-topic-scores tbody tr`).nth(topicIndex).locator("input:checked").getAttribute("value");

/**
 * Presses "Save draft" (or "Submit answers") and, when the page reports a colleague's save, does what it
 * says: checks the comparison and saves again.
 */
const save = async (p: Page, button = "Save draft") => {
  await p.getByRole("button", { name: button, exact: true }).click();
  await p.waitForLoadState("load");
  if (await p.locator("#conflict").count()) {
    await p.getByRole("button", { name: button, exact: true }).click();
    await p.waitForLoadState("load");
  }
  expect(await p.locator("#conflict").count()).toBe(0);
};

for (const javaScriptEnabled of [false, true]) {
  describe(`two people saving one answer, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    it("keeps every answer either saved, whichever order they save and submit in", async () => {
      const campaign = await openCampaign("BRA");
      const anaLink = linkFor(campaign, "focal.point.bra@example.org");
      const ana = await person(javaScriptEnabled);
      await ana.goto(`${anaLink}?lang=en`);
      await ana.locator('input[name="contributor[name]"]').fill("Carla Dias");
      await ana.locator('input[name="contributor[email]"]').fill("carla.dias@example.org");
      await ana.getByRole("checkbox", { name: "Priority topics" }).check();
      await ana.locator('button[value="invite-contributor"]').click();
      await ana.locator(".notice.ok").waitFor();

      const carla = await person(javaScriptEnabled);
      await carla.goto(`${linkFor(campaign, "carla.dias@example.org")}?lang=en`);

      // Carla scores a topic and saves; Ana, whose page still shows it unscored, edits another field.
      await score(carla, 0, 10);
      await save(carla);
      await ana.locator('input[name="focal-point-position"]').fill("Director of International Affairs");
      await save(ana);

      await ana.goto(`${anaLink}?lang=en`);
      expect(await scoreOf(ana, 0)).toBe("10");
      expect(await ana.locator('input[name="focal-point-position"]').inputValue()).toBe(
        "Director of International Affairs",
      );

      // The other order: Ana saves first, then Carla, whose page predates Ana's save.
      await carla.goto(`${linkFor(campaign, "carla.dias@example.org")}?lang=en`);
      await ana.locator('input[name="focal-point-name"]').fill("Ana Lima");
      await save(ana);
      await score(carla, 1, 4);
      await carla.locator('textarea[name="other-topics"]').fill("Platform work.");
      await save(carla);

      // Both change the same topic: the page shows both, and saving again keeps what Ana chose, and
      // nothing else of Carla's.
      await carla.goto(`${linkFor(campaign, "carla.dias@example.org")}?lang=en`);
      await ana.goto(`${anaLink}?lang=en`);
      await score(carla, 2, 9);
      await save(carla);
      await score(ana, 2, 3);
      await ana.getByRole("button", { name: "Save draft", exact: true }).click();
      await ana.waitForLoadState("load");
      expect(await ana.locator("#conflict").innerText()).toContain("9");
      await ana.getByRole("button", { name: "Save draft", exact: true }).click();
      await ana.locator(".notice.ok").waitFor();

      // Ana fills the rest and submits over a page that predates Carla's last save.
      await carla.goto(`${linkFor(campaign, "carla.dias@example.org")}?lang=en`);
      await ana.goto(`${anaLink}?lang=en`);
      await carla.locator('textarea[name="other-topics"]').fill("Platform work and care economy.");
      await save(carla);
      await ana.locator('input[name="focal-point-email"]').fill("ana@example.org");
      await ana.locator('textarea[name="expected-achievements"]').fill("Stronger RIAL.");
      const rows = ana.locator("#q-topic-scores tbody tr");
      for (let i = 3; i < (await rows.count()); i++) await score(ana, i, 5);
      const selects = ana.locator('select[name^="top-three"]');
      for (let i = 0; i < 3; i++) await selects.nth(i).selectOption({ index: i + 1 });
      await save(ana, "Submit answers");
      await ana.getByText(/Receipt code: /).waitFor();

      const stored = await stack.ports.repository.getResponse(campaign.id, "BRA");
      expect(stored?.status).toBe("submitted");
      const answers = stored!.answers as Record<string, unknown>;
      const scores = answers["topic-scores"] as Record<string, number>;
      expect(Object.values(scores).slice(0, 3)).toEqual([10, 4, 3]);
      expect(answers["other-topics"]).toBe("Platform work and care economy.");
      expect(answers["focal-point-position"]).toBe("Director of International Affairs");
      expect(answers["focal-point-name"]).toBe("Ana Lima");
    });
  });
}

describe("autosave alone, JavaScript on", () => {
  it("keeps both people's answers when each page predates the other's save, and says so", async () => {
    const campaign = await openCampaign("ARG");
    const anaLink = linkFor(campaign, "focal.point.arg@example.org");
    const ana = await person(true);
    await ana.goto(`${anaLink}?lang=en`);
    const colleague = await person(true);
    await colleague.goto(`${anaLink}?lang=en`);
    await colleague.locator('textarea[name="other-topics"]').fill("Platform work, care economy.");
    await colleague.getByText(/Draft saved automatically/).waitFor();
    await ana.locator('input[name="focal-point-position"]').fill("Director");
    await ana.getByText(/together with what a colleague saved/).waitFor();
    // The next autosave from the same stale page still leaves the colleague's answer alone.
    await ana.locator('input[name="focal-point-position"]').fill("Director General");
    await expect
      .poll(async () => (await stack.ports.repository.getResponse(campaign.id, "ARG"))?.answers, {
        timeout: 10_000,
      })
      .toMatchObject({
        "focal-point-position": "Director General",
        "other-topics": "Platform work, care economy.",
      });
  });
});
