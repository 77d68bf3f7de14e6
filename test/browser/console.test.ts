import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import { adminClient, loadContent } from "../../functions/local/demo.ts";
import { seriousViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { movableClock, testStack } from "../support/local-stack.ts";
import { fillGovernmentsCampaign, signInInBrowser, signInLinkFor } from "../support/console-browser.ts";

const SCREENS = new URL("../artifacts/screens/", import.meta.url).pathname;
const FIXTURE = new URL("../fixtures/secretariat-directory-messy.csv", import.meta.url).pathname;
const clock = movableClock();
let stack: Awaited<ReturnType<typeof testStack>>;
let browser: Browser;
let campaign: Campaign;

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  [stack, browser] = await Promise.all([testStack({ clock }), launchChromium()]);
  const api = adminClient(stack);
  await loadContent(api);
  campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    closesAt: new Date(clock.now().getTime() + 20 * 864e5).toISOString(),
    invite: ["ARG", "BRA", "COSATE"],
    meeting: "Planning meeting 2027",
  });
});
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

const signInLink = (to: string) => signInLinkFor(stack.paths.outbox, to);

const signIn = async (page: Page) => {
  await page.goto(`${stack.url}/console`);
  expect(page.url()).toContain("/console/sign-in");
  await signInInBrowser(page, stack.url, stack.paths.outbox);
};

describe("the Secretariat's console in Chromium", () => {
  it("signs in through the emailed link, runs a campaign, imports the directory, compiles and downloads the report", async () => {
    const context = await browser.newContext({ locale: "en-US", acceptDownloads: true, bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("link", { name: campaign.title.en }).click();
    // Every bulk action asks first, saying what it will do in numbers.
    await page.getByRole("link", { name: "Send invitations" }).click();
    await page.getByRole("heading", { name: "Send invitations?" }).waitFor();
    expect(await page.locator("#effect").innerText()).toMatch(/This sends \d+ invitations to 3 members/);
    await page.getByRole("button", { name: /^Send \d+ invitations$/ }).click();
    // Sending is a job: its page refreshes itself until it says what was done.
    await page.getByRole("heading", { name: "Sending invitations" }).waitFor();
    await page.getByText("Done.").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Back to the campaign" }).click();
    await page.locator("#member-BRA").getByText("sent", { exact: true }).waitFor();
    expect(await page.locator("#member-BRA").innerText()).toContain("focal.point.bra@example.org");
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}console-campaign.png`, fullPage: true });

    await page.getByRole("link", { name: "Compile the report" }).click();
    await page.getByRole("button", { name: "Compile the report" }).click();
    await page.getByText("Done.").waitFor();
    await page.getByRole("link", { name: "Back to the campaign" }).click();
    await page.getByRole("link", { name: "xlsx (en)" }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "xlsx (en)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    expect(await page.locator("table.data").last().innerText()).toContain("secretariat@example.org");

    await page.getByRole("link", { name: "Member directory" }).click();
    await page.getByLabel("Import the directory from a spreadsheet (.xlsx or .csv)").setInputFiles(FIXTURE);
    await page.getByRole("button", { name: "Preview the import" }).click();
    await page.getByRole("heading", { name: /Import preview/ }).waitFor();
    const notes = await page.locator("ul.import-notes").innerText();
    expect(notes).toContain('"Narnia" matches no member of the directory');
    expect(notes).toContain("is not a valid email address");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Import 9 contacts" }).click();
    await page.getByText("9 contacts imported for 8 members.").waitFor();
    await page.getByRole("link", { name: "Back to the member directory" }).click();
    await page.getByRole("heading", { name: "Member directory" }).waitFor();
    expect(await page.locator("main").innerText()).toContain("maria.fernandez@example.org");
    expect(await page.locator("main").innerText()).toContain(
      "imported the directory: 9 contacts for 8 members",
    );
    await context.close();
  });

  it("sets up a campaign closing at 17:00 in São Paulo with a 10/3/1-day plan for governments only, sends it after a confirmation with counts, and extends the deadline", async () => {
    const context = await browser.newContext({ locale: "en-US", bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page);
    const closes = new Date(clock.now().getTime() + 30 * 864e5).toISOString().slice(0, 10);
    // The plan: 10, 3 and 1 days before, to governments only.
    await fillGovernmentsCampaign(page, closes);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Create the campaign" }).click();

    const created = page.locator("#done");
    await created.waitFor();
    expect(await created.innerText()).toMatch(
      new RegExp(
        `Campaign created: \\d+ members invited\\. It closes on ${closes} 17:00 \\(America/Sao_Paulo\\)\\.`,
      ),
    );
    expect(await page.locator("main").innerText()).not.toContain("Workers (COSATE)");
    const id = new URL(page.url()).pathname.split("/").pop()!;
    const stored = (await stack.ports.repository.getCampaign(id))!;
    expect(new Date(stored.closesAt).toISOString()).toBe(`${closes}T20:00:00.000Z`);
    expect(stored.reminderPlan).toEqual([10, 3, 1].map((days) => ({ days, groups: ["government"] })));
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("link", { name: "Send invitations" }).click();
    const effect = await page.locator("#effect").innerText();
    const [, invitations, members] = /This sends (\d+) invitations to (\d+) members/.exec(effect) ?? [];
    expect(Number(members)).toBe(stored.invited.length);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: `Send ${invitations} invitations` }).click();
    await page.getByText("Done.").waitFor();
    expect(await page.locator("#job-result").innerText()).toContain(
      `emails queued for ${invitations} contacts`,
    );
    await page.getByRole("link", { name: "Back to the campaign" }).click();

    await page.getByRole("link", { name: "Extend the deadline" }).click();
    await page.getByRole("heading", { name: "Extend the deadline?" }).waitFor();
    expect(await page.locator("#effect").innerText()).toContain(
      `${stored.invited.length} of ${stored.invited.length} members have not submitted yet.`,
    );
    const later = new Date(Date.parse(`${closes}T12:00:00Z`) + 7 * 864e5).toISOString().slice(0, 10);
    await page.getByLabel("Date").fill(later);
    await page.getByLabel(/^Time/).fill("17:00");
    await page.getByLabel("Tell the members who have not submitted").check();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Extend the deadline" }).click();
    await page.locator("#done").waitFor();
    expect(await page.locator("#done").innerText()).toMatch(
      new RegExp(
        `Deadline extended to ${later} 17:00 \\(America/Sao_Paulo\\): ${stored.invited.length} members have not submitted`,
      ),
    );
    expect(await page.locator("#closes-at").innerText()).toMatch(/5:00\sPM/);
    expect(new Date((await stack.ports.repository.getCampaign(id))!.closesAt).toISOString()).toBe(
      `${later}T20:00:00.000Z`,
    );
    await page.screenshot({ path: `${SCREENS}console-campaign-extended.png`, fullPage: true });
    await context.close();
  });

  it("shows two editors' contacts side by side when one saved first, keeping the other's rows, accessibly", async () => {
    const contexts = await Promise.all([1, 2].map(() => browser.newContext({ locale: "en-US" })));
    const [first, second] = await Promise.all(contexts.map((c) => c.newPage()));
    for (const page of [first!, second!]) {
      page.setDefaultTimeout(15_000);
      await signIn(page);
      await page.goto(`${stack.url}/console/members/ARG`);
    }
    await first!.locator("#c0-name").fill("Ana María Pérez");
    await first!.getByRole("button", { name: "Save", exact: true }).click();
    await first!.waitForURL(/\/console\/members$/);

    await second!.locator("#c0-email").fill("otra.direccion@trabajo.gob.ar");
    await second!.getByRole("button", { name: "Save", exact: true }).click();
    await second!.getByRole("heading", { name: "Someone else changed these contacts" }).waitFor();
    expect(await second!.locator("#c0-email").inputValue()).toBe("otra.direccion@trabajo.gob.ar");
    await expect
      .poll(() => second!.getByRole("table", { name: "Stored now" }).textContent())
      .toContain("Ana María Pérez");
    expect(await seriousViolations(second!)).toEqual([]);
    await second!.screenshot({ path: `${SCREENS}console-contacts-conflict.png`, fullPage: true });
    await Promise.all(contexts.map((c) => c.close()));
  });

  it("sends an unsigned visitor to sign in, refuses a form without its CSRF token, and ends the session after 8 hours", async () => {
    const unsigned = await fetch(`${stack.url}/console/campaigns/${campaign.id}`, { redirect: "manual" });
    expect(unsigned.status).toBe(303);
    expect(unsigned.headers.get("location")).toBe("/console/sign-in");

    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page);
    const cookie = (await context.cookies()).find((c) => c.name === "consulta_session");
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict" });

    const forged = await fetch(`${stack.url}/console/campaigns/${campaign.id}/close`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: `consulta_session=${cookie!.value}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "text/html",
      },
      body: "csrf=not-the-token",
    });
    expect(forged.status).toBe(403);
    expect((await stack.ports.repository.getCampaign(campaign.id))?.status).toBe("open");

    clock.advance(8 * 3600e3 + 60e3);
    try {
      await page.goto(`${stack.url}/console`);
      expect(page.url()).toContain("/console/sign-in");
    } finally {
      clock.advance(-(8 * 3600e3 + 60e3));
    }
    await context.close();
  });

  it("answers a sign-in request the same way for an address that is not allowed, and sends it nothing", async () => {
    const ask = (email: string) =>
      fetch(`${stack.url}/console/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `email=${encodeURIComponent(email)}`,
      }).then(async (r) => ({ status: r.status, body: await r.text() }));
    const allowed = await ask("secretariat@example.org");
    const stranger = await ask("intruder@example.org");
    expect(stranger).toEqual(allowed);
    expect(signInLink("intruder@example.org")).toBeUndefined();
  });
});
