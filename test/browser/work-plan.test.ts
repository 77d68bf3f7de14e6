// The Secretariat drafts, funds and adopts a Work Plan in Chromium from the demo's inputs; a restart loses nothing.
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import { startLocalStack, type LocalStack } from "../../functions/local/stack.ts";
import { seriousViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { answeredCampaign } from "../support/submissions.ts";
import { signInInBrowser } from "../support/console-browser.ts";

const SCREENS = new URL("../artifacts/screens/", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "consulta-work-plan-"));
const tableName = `test-${randomUUID()}`;
const start = (port: number) =>
  startLocalStack({ dir, port, dynamodbEndpoint: inject("dynamoEndpoint"), tableName });

let stack: LocalStack;
let browser: Browser;
let campaign: Campaign;

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  [stack, browser] = await Promise.all([start(0), launchChromium()]);
  campaign = await answeredCampaign(stack, { meeting: "Planning meeting 2027" });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

const signIn = (page: Page) => signInInBrowser(page, stack.url, stack.paths.outbox);

const activityTitles = (page: Page) => page.locator("#activities article h3").allInnerTexts();

describe("the Work Plan in the console, in Chromium", () => {
  it("accepts three candidates, merges two, writes one, funds them in USD and CAD, confirms a pledge, adopts; a restart loses nothing", async () => {
    const context = await browser.newContext({ locale: "en-US", bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await signIn(page);
    await page.getByRole("link", { name: campaign.title.en }).click();
    await page.getByRole("link", { name: "Work Plan" }).click();
    await page.getByRole("button", { name: "Start the Work Plan" }).click();
    await page.getByText("Edition 1").first().waitFor();
    await page.waitForLoadState("load");
    expect(await seriousViolations(page)).toEqual([]);

    // Three candidates accepted as proposed, one at a time.
    for (let i = 0; i < 3; i++) {
      const accept = page
        .locator("#candidates")
        .getByRole("button", { name: /^Accept: / })
        .first();
      const name = (await accept.getAttribute("aria-label"))!.replace(/^Accept: /, "");
      await accept.click();
      await page.locator("#activities article").nth(i).waitFor();
      await page.waitForLoadState("load");
      expect((await activityTitles(page))[i]).toBe(`${i + 1}. ${name}`);
    }
    // Two merged into one activity: the first's title, the evidence of both.
    const first = await page.locator("#pick-0 + label").innerText();
    await page.locator("#pick-0").check();
    await page.locator("#pick-1").check();
    await page.getByRole("button", { name: "Merge the ticked ones into one activity" }).click();
    await page.locator("#activities article").nth(3).waitFor();
    await page.waitForLoadState("load");
    expect((await activityTitles(page))[3]).toBe(`4. ${first}`);
    expect(await page.locator("#a4 table.evidence tbody tr").count()).toBeGreaterThan(0);
    expect(await page.locator("#a4 table.evidence").innerText()).toMatch(/\(version 1\)/);

    // One written by hand; a mistyped amount is named beside its field and nothing typed is lost.
    const write = page.locator("#new-activity");
    await write.getByLabel("Kind of activity").selectOption("virtual-meeting");
    await write.getByLabel("Title").fill("Reuniones virtuales de autoridades");
    await write.getByLabel("Source (line 1)").selectOption("rial-fund");
    await write.getByLabel("Amount (line 1)").fill("35 000 dollars");
    await write.getByLabel("Currency (line 1)").fill("usd");
    const [mistake] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      write.getByRole("button", { name: "Add the activity" }).click(),
    ]);
    expect(mistake.status()).toBe(400);
    // The page is long: read it once it has all arrived, not while its top is showing.
    await page.waitForLoadState("load");
    expect(await page.locator("#error-summary").innerText()).toBe(
      "Some fields need attention; nothing was saved.",
    );
    expect(await write.locator("p.error").allInnerTexts()).toEqual([
      "Some fields need attention; nothing was saved.",
      "Enter a number, for example 35000 or 2500.50.",
    ]);
    expect(await write.getByLabel("Title").inputValue()).toBe("Reuniones virtuales de autoridades");
    expect(await write.getByLabel("Amount (line 1)").inputValue()).toBe("35 000 dollars");
    expect(await activityTitles(page)).toHaveLength(4);
    expect(await seriousViolations(page)).toEqual([]);
    await write.getByLabel("Amount (line 1)").fill("35000");
    await write.getByRole("button", { name: "Add the activity" }).click();
    await page.locator("#a5").waitFor();
    await page.waitForLoadState("load");
    expect((await activityTitles(page))[4]).toBe("5. Reuniones virtuales de autoridades");

    // Funding in Canadian dollars from a named project on the first activity.
    const a1 = page.locator("#a1");
    await a1.getByText("Edit activity 1").click();
    await a1.getByLabel("Source (line 1)").selectOption("project");
    await a1.getByLabel("Project name (line 1)").fill("Proyecto de Canadá");
    await a1.getByLabel("Amount (line 1)").fill("2500.50");
    await a1.getByLabel("Currency (line 1)").fill("CAD");
    await a1.getByRole("button", { name: "Save the activity" }).click();
    await page.locator("#a1 table").first().waitFor();
    await page.waitForLoadState("load");

    // The budget: per source and in total, currencies never added together.
    const budget = await page.locator("#budget-table").innerText();
    expect(budget).toContain("RIAL Fund");
    expect(budget).toContain("Proyecto de Canadá");
    expect(budget).toMatch(/USD\s35,000\.00/);
    expect(budget).toMatch(/CAD\s2,500\.50/);
    expect(await page.locator("#budget-total").innerText()).toMatch(/CAD\s2,500\.50 · USD\s35,000\.00/);
    // What the RIAL Fund has, against what the plan gives it.
    await page.locator("#fund-0-amount").fill("104000");
    await page.locator("#fund-0-currency").fill("USD");
    await page.getByRole("button", { name: "Save what is available" }).click();
    await page
      .locator("#rial-fund")
      .getByText(/USD\s69,000\.00/)
      .waitFor();
    await page.waitForLoadState("load");

    // A second tab still showing the plan before the next change: its save is refused, not merged.
    const stale = await context.newPage();
    await stale.goto(page.url());
    // A pledge stays pledged until the Secretariat marks it confirmed.
    const pledgeRow = page.locator("#pledges-table tbody tr").first();
    expect(await pledgeRow.innerText()).toContain("pledged");
    await pledgeRow.getByRole("button", { name: /^Mark confirmed: / }).click();
    await page.locator("#pledges-table tbody tr").first().getByText("confirmed", { exact: true }).waitFor();
    await page.waitForLoadState("load");
    await stale
      .locator("#sections textarea#initiatives")
      .fill("Red Interamericana para la Administración Laboral");
    const refused = await Promise.all([
      stale.waitForResponse((r) => r.request().method() === "POST"),
      stale.getByRole("button", { name: "Save the sections" }).click(),
    ]);
    expect(refused[0].status()).toBe(409);
    await stale.getByText("Someone else changed the Work Plan meanwhile").waitFor();
    await stale.waitForLoadState("load");
    expect(await stale.locator("textarea#initiatives").inputValue()).toBe(
      "Red Interamericana para la Administración Laboral",
    );
    await stale.close();

    await page.getByRole("button", { name: "Adopt this edition" }).click();
    await page.locator("#plan-status").getByText("adopted", { exact: true }).waitFor();
    await page.waitForLoadState("load");
    expect(await page.getByRole("button", { name: "Add the activity" }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}console-work-plan.png`, fullPage: true });
    // Where the document is downloaded, per language (written by core/work-plan/document*.ts).
    expect(
      await page.locator("#documents li[lang=es]").getByRole("link", { name: ".docx" }).getAttribute("href"),
    ).toBe(`/console/campaigns/${campaign.id}/work-plan/document?lang=es&format=docx`);

    // Restarted on the same table and port: the adopted plan is all there.
    const before = {
      titles: await activityTitles(page),
      budget: await page.locator("#budget-table").innerText(),
    };
    const port = Number(new URL(stack.url).port);
    await stack.close();
    stack = await start(port);
    await page.reload();
    if (page.url().includes("/sign-in")) {
      await signIn(page);
      await page.goto(`${stack.url}/console/campaigns/${campaign.id}/work-plan`);
    }
    await page.locator("#plan-status").getByText("adopted", { exact: true }).waitFor();
    await page.waitForLoadState("load");
    expect(await activityTitles(page)).toEqual(before.titles);
    expect(await page.locator("#budget-table").innerText()).toBe(before.budget);
    expect(await page.locator("#pledges-table tbody tr").first().innerText()).toContain("confirmed");
    expect(await page.locator("#changes tbody tr").first().innerText()).toContain("adopted the plan");
    await context.close();
  }, 600_000);
});
