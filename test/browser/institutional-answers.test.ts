import { PutCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import { adminClient, loadContent } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink, type OutboxMessage } from "../../functions/local/outbox.ts";
import { launchChromium } from "../support/chromium.ts";
import { signInToConsole } from "../support/console-session.ts";
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
    invite: ["BRA", "JAM"],
    secretariat: { name: "IACML Technical Secretariat", email: "cimt@example.org" },
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
});
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

const mail = (filter: (m: OutboxMessage) => boolean) =>
  readOutbox(stack.paths.outbox).filter((m) => m.headers["x-consulta-campaign"] === campaign.id && filter(m));
const linkTo = (email: string) => {
  const found = mail((m) => m.to === email && m.headers["x-consulta-kind"] === "invitation");
  return respondentLink(found[found.length - 1]!)!;
};
const page = async (): Promise<Page> => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-US" });
  const p = await context.newPage();
  p.setDefaultTimeout(15_000);
  return p;
};

const fillRequired = async (p: Page) => {
  await p.locator('input[name="focal-point-name"]').fill("Ana Lima");
  await p.locator('input[name="focal-point-position"]').fill("Assessora");
  await p.locator('input[name="focal-point-email"]').fill("ana@example.org");
  await p.locator('textarea[name="expected-achievements"]').fill("Fortalecer a RIAL.");
  for (const radio of await p.locator('input[name^="topic-scores"][value="7"]').all()) await radio.check();
  const selects = p.locator('select[name^="top-three"]');
  for (let i = 0; i < 3; i++) await selects.nth(i).selectOption({ index: i + 1 });
};

describe("a ministry answering as an institution", () => {
  it("delegates a section, signs off, gets a verifiable receipt, sees what changed, and is locked at closing", async () => {
    // The focal point invites a colleague to write the RIAL section only.
    const ana = await page();
    await ana.goto(`${linkTo("focal.point.bra@example.org")}?lang=en`);
    await ana.locator('input[name="contributor[name]"]').fill("Carlos Souza");
    await ana.locator('input[name="contributor[email]"]').fill("carlos.souza@example.org");
    await ana.getByRole("checkbox", { name: /RIAL/ }).first().check();
    await ana.getByRole("button", { name: "Invite colleague" }).click();
    await ana.getByText("The invitation is on its way to your colleague.").waitFor();

    // The colleague edits the RIAL section, cannot touch another, cannot submit.
    const carlosLink = linkTo("carlos.souza@example.org");
    const carlos = await page();
    await carlos.goto(`${carlosLink}?lang=en`);
    expect(await carlos.locator('textarea[name="expected-achievements"]').count()).toBe(0);
    expect(await carlos.getByRole("button", { name: "Submit answers" }).count()).toBe(0);
    await carlos.locator('textarea[name="rial-comments"]').fill("More bilateral cooperation on inspection.");
    await carlos.getByRole("button", { name: "Save draft" }).click();
    await carlos.locator(".notice.ok").waitFor();
    const version = /name="baseVersion" value="(\d+)"/.exec(await carlos.content())?.[1] ?? "0";
    const sneaky = await fetch(carlosLink, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: `action=draft&baseVersion=${version}&expected-achievements=Written+by+Carlos&rial-comments=More+bilateral+cooperation+on+inspection.`,
    });
    expect(sneaky.status).toBe(303);
    const submitByContributor = await fetch(carlosLink, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: `action=submit&baseVersion=${Number(version) + 1}`,
    });
    expect(submitByContributor.status).toBe(403);

    // The focal point sees who wrote what, completes and signs off.
    await ana.goto(`${linkTo("focal.point.bra@example.org")}?lang=en`);
    expect(await ana.locator('textarea[name="rial-comments"]').inputValue()).toBe(
      "More bilateral cooperation on inspection.",
    );
    expect(await ana.locator("#q-rial-comments").innerText()).toContain("Last changed by Carlos Souza");
    expect(await ana.locator('textarea[name="expected-achievements"]').inputValue()).toBe("");
    await fillRequired(ana);
    await ana.getByRole("button", { name: "Submit answers" }).click();
    await ana.getByText(/Receipt code: /).waitFor();
    const code =
      /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(await ana.locator("main").innerText())?.[1] ?? "";

    // Both focal points and the Secretariat's mailbox get the receipt with the code and the answers.
    const receipts = mail((m) => m.headers["x-consulta-kind"] === "receipt");
    expect(receipts.map((m) => m.to).sort()).toEqual([
      "alternate.bra@example.org",
      "cimt@example.org",
      "focal.point.bra@example.org",
    ]);
    expect(
      receipts.every(
        (m) => m.text.includes(code) && m.text.includes("More bilateral cooperation on inspection."),
      ),
    ).toBe(true);

    // The console verifies the code; a mistyped or forged one names nothing; altered text is caught.
    const secretariat = await signInToConsole(stack);
    expect(await (await secretariat.get(`/console/receipts?code=${code.toLowerCase()}`)).text()).toContain(
      "its text is unchanged",
    );
    const forged = await secretariat.get(
      `/console/receipts?code=${code.slice(0, -1)}${code.endsWith("A") ? "B" : "A"}`,
    );
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain("No submission has the receipt code");

    // A second submission, and the difference between the two in plain words.
    await ana.goto(`${linkTo("focal.point.bra@example.org")}?lang=en`);
    await ana
      .locator('textarea[name="expected-achievements"]')
      .fill("Fortalecer a RIAL e a inspeção do trabalho.");
    await ana.getByRole("button", { name: "Submit answers" }).click();
    await ana.getByText(/Receipt code: /).waitFor();
    await ana.goto(`${linkTo("focal.point.bra@example.org")}?lang=en`);
    await ana.getByRole("link", { name: "What changed" }).click();
    const comparison = await ana.locator("#comparison").innerText();
    expect(comparison).toContain("Fortalecer a RIAL.");
    expect(comparison).toContain("Fortalecer a RIAL e a inspeção do trabalho.");

    // Someone alters the stored first version behind the application's back: the code no longer verifies.
    const doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: stack.config.dynamodbEndpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "x", secretAccessKey: "x" },
      }),
    );
    const first = (await stack.ports.repository.listResponseVersions(campaign.id, "BRA"))[0]!;
    await doc.send(
      new PutCommand({
        TableName: stack.config.tableName,
        Item: {
          PK: `CAMPAIGN#${campaign.id}`,
          SK: "VERSION#BRA#" + String(first.version).padStart(6, "0"),
          kind: "response-version",
          ...first,
          answers: { ...first.answers, "anything-else": "inserted later" },
        },
      }),
    );
    expect(await (await secretariat.get(`/console/receipts?code=${first.receiptCode}`)).text()).toContain(
      "it was changed after submission",
    );

    // At closing the answer locks; only the Secretariat's logged reopen unlocks it.
    clock.advance(4 * 864e5);
    try {
      const closed = await fetch(linkTo("focal.point.bra@example.org"), { headers: { accept: "text/html" } });
      expect(closed.status).toBe(410);
      const later = await signInToConsole(stack); // four days on, the morning's session has long ended
      const reopened = await later.post(`/console/campaigns/${campaign.id}/members/BRA/reopen`, {
        until: new Date(clock.now().getTime() + 2 * 864e5).toISOString().slice(0, 10),
        reason: "Ministry asked to correct its pledge figure",
      });
      expect(reopened.status).toBe(303);
      const open = await fetch(linkTo("focal.point.bra@example.org"), { headers: { accept: "text/html" } });
      expect(open.status).toBe(200);
      const other = await fetch(linkTo("focal.point.jam@example.org"), { headers: { accept: "text/html" } });
      expect(other.status).toBe(410);
      expect(await (await later.get(`/console/campaigns/${campaign.id}`)).text()).toContain(
        "Ministry asked to correct its pledge figure",
      );
    } finally {
      clock.advance(-4 * 864e5);
    }
  });

  it("flags a member nobody can reach and invites its Permanent Mission in one action", async () => {
    const api = adminClient(stack);
    for (const contact of ["focal-point", "alternate"]) {
      await api("POST", `/api/campaigns/${campaign.id}/invitations/JAM/${contact}/events`, {
        type: "bounce",
        detail: "550 user unknown",
      });
    }
    const secretariat = await signInToConsole(stack);
    const pageHtml = await (await secretariat.get(`/console/campaigns/${campaign.id}`)).text();
    expect(pageHtml).toContain("Nobody at this member can be reached");
    expect(pageHtml).toContain("Invite Demo Permanent Mission of Jamaica to the OAS");
    expect(pageHtml).toMatch(/Next reminder: /);
    await secretariat.post(`/console/campaigns/${campaign.id}/members/JAM/invite-alternate`, {});
    await secretariat.post(`/console/campaigns/${campaign.id}/members/JAM/invite-alternate`, {});
    const invited = mail(
      (m) => m.to === "mission.jam@example.org" && m.headers["x-consulta-kind"] === "invitation",
    );
    expect(invited).toHaveLength(1);
    expect((await fetch(respondentLink(invited[0]!)!, { headers: { accept: "text/html" } })).status).toBe(
      200,
    );
    expect(await (await secretariat.get(`/console/campaigns/${campaign.id}`)).text()).not.toContain(
      "Nobody at this member can be reached",
    );
  });
});
