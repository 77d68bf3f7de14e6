// Every message names whom it is about (issue 14, item 8): the Secretariat's copy of a receipt says
// which member it is for, the console names contributors, and inviting or removing one is audited.
import { simpleParser } from "mailparser";
import qs from "qs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import type { Campaign } from "../../../functions/core/campaign.ts";
import { campaignStatus } from "../../../functions/core/campaign-status.ts";
import type { Language } from "../../../functions/core/languages.ts";
import { defaultQuestionnairePath, readQuestionnaireFile } from "../../../functions/local/content.ts";
import { generateFormAnswers, seededRng } from "../../../functions/local/demo-answers.ts";
import { adminClient, loadContent, type AdminClient } from "../../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../../functions/local/outbox.ts";
import { signInToConsole } from "../../support/console-session.ts";
import { movableClock, testStack } from "../../support/local-stack.ts";

const TEMPLATES = fileURLToPath(new URL("../../../templates/", import.meta.url));
const views = createHandlebarsViews(TEMPLATES);
const clock = movableClock(new Date("2027-03-01T12:00:00Z"));
let stack: Awaited<ReturnType<typeof testStack>>;
let api: AdminClient;

beforeAll(async () => {
  stack = await testStack({ clock });
  api = adminClient(stack);
  await loadContent(api);
});
afterAll(() => stack.dispose());

/** A campaign for one member, its focal point's link, and a way to post the form as a browser does. */
const invite = async (code: string) => {
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    opensAt: clock.now().toISOString(),
    closesAt: new Date(clock.now().getTime() + 14 * 864e5).toISOString(),
    invite: [code],
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  const message = readOutbox(stack.paths.outbox).find(
    (m) =>
      m.headers["x-consulta-campaign"] === campaign.id && m.headers["x-consulta-contact"] === "focal-point",
  );
  const link = respondentLink(message!)!;
  const post = (body: Record<string, unknown>, accept = "text/html") =>
    fetch(link, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", accept },
      body: qs.stringify(body),
    });
  return { campaign, post };
};

const parsedMail = async (campaign: Campaign, kind: string) =>
  Promise.all(
    readOutbox(stack.paths.outbox)
      .filter(
        (m) => m.headers["x-consulta-campaign"] === campaign.id && m.headers["x-consulta-kind"] === kind,
      )
      .map(async (m) => ({
        to: m.to,
        mail: await simpleParser(readFileSync(join(stack.paths.outbox, m.file))),
      })),
  );

describe("the Secretariat's copy of each receipt names the member", () => {
  it("says in its subject which member submitted, and calls the first submission 1 after drafts", async () => {
    const { campaign, post } = await invite("URY");
    const definition = readQuestionnaireFile(defaultQuestionnairePath);
    const fields = generateFormAnswers(definition, seededRng(3), "es", {
      name: "Ana",
      email: "ana@example.org",
    });
    // Two drafts first: the stored version counts them, the submission's number must not.
    expect((await post({ ...fields, action: "draft", baseVersion: "0" })).status).toBe(303);
    expect((await post({ ...fields, action: "draft", baseVersion: "1" })).status).toBe(303);
    expect((await post({ ...fields, action: "submit", baseVersion: "2" })).status).toBe(303);

    const receipts = await parsedMail(campaign, "receipt");
    const secretariat = receipts.find((r) => r.to === campaign.secretariat.email);
    expect(secretariat?.mail.subject).toContain("Uruguay");
    expect(secretariat?.mail.subject).toContain("versión 1");
    const focal = receipts.find((r) => r.to !== campaign.secretariat.email);
    expect(focal?.mail.subject).toContain("Uruguay");
    expect(focal?.mail.text).toContain("punto focal de Uruguay");
    expect(focal?.mail.text).not.toContain("versión 3");

    // The console numbers it the same way, on the campaign's page and when its receipt is checked.
    const status = await campaignStatus(stack.ports, campaign.id);
    expect(status.members.find((m) => m.code === "URY")?.response?.version).toBe(1);
    const [kept] = await stack.ports.repository.listResponseVersions(campaign.id, "URY");
    expect(kept?.version).toBe(3);
    const secretariatConsole = await signInToConsole(stack);
    const checked = await (
      await secretariatConsole.get(`/console/receipts?code=${kept?.receiptCode}`)
    ).text();
    expect(checked).toContain("URY, version 1,");
    const page = await (await secretariatConsole.get(`/console/campaigns/${campaign.id}`)).text();
    expect(page).toContain("(version 1)");
  });
});

describe("the autosave's time", () => {
  it("is told in the member's own clock: 09:00 in Brasília when it is 07:00 in Washington", async () => {
    const { post } = await invite("BRA");
    const saved = await post(
      { action: "draft", baseVersion: "0", "anything-else": "Rascunho" },
      "application/json",
    );
    // The suite's clock stands at 12:00 UTC on 1 March 2027: 09:00 in Brasília, 07:00 in Washington.
    expect(((await saved.json()) as { savedAtTime: string }).savedAtTime).toBe("09:00");
  });
});

describe("contributors in the console and the audit trail", () => {
  let campaign: Campaign;
  beforeAll(async () => {
    const invited = await invite("PRY");
    campaign = invited.campaign;
    const ok = (res: Response) => {
      if (res.status !== 200) throw new Error(`the form answered ${res.status}`);
    };
    ok(
      await invited.post({
        action: "invite-contributor",
        baseVersion: "0",
        contributor: { name: "Luis Benítez", email: "luis@example.org", sections: ["rial"] },
      }),
    );
    await invited.post({
      action: "invite-contributor",
      baseVersion: "0",
      contributor: { name: "Marta Gómez", email: "marta@example.org" },
    });
    const marta = (await stack.ports.repository.listInvitations(campaign.id)).find(
      (i) => i.email === "marta@example.org",
    );
    ok(await invited.post({ action: `revoke-contributor:${marta?.contactId}`, baseVersion: "0" }));
  });

  it("records who invited and who removed each contributor, with the contributor's name and address", async () => {
    const audit = await stack.ports.repository.listAudit(campaign.id);
    const invited = audit.filter((a) => a.action === "invited a contributor");
    const removed = audit.filter((a) => a.action === "removed a contributor");
    expect(invited.map((a) => a.detail).sort()).toEqual([
      "Luis Benítez <luis@example.org>",
      "Marta Gómez <marta@example.org>",
    ]);
    expect(removed.map((a) => a.detail)).toEqual(["Marta Gómez <marta@example.org>"]);
    for (const entry of [...invited, ...removed]) {
      expect(entry.actor).toContain("focal.point.pry@example.org");
      expect(entry.target).toMatch(/^PRY\/contributor-/);
    }
  });

  const word: Record<Language, string> = {
    es: "colaborador",
    en: "contributor",
    fr: "contributeur",
    pt: "colaborador",
  };
  it.each(["es", "en", "fr", "pt"] as Language[])(
    "shows a contributor in the console by name, as a contributor, with who invited them (%s)",
    async (lang) => {
      const status = await campaignStatus(stack.ports, campaign.id);
      const html = views.render("web/console/campaign", {
        lang,
        csrf: "x",
        ...status,
        titleText: status.campaign.title[lang],
      });
      expect(html).toContain("Luis Benítez &lt;luis@example.org&gt;");
      expect(html).not.toContain("luis@example.org &lt;luis@example.org&gt;");
      const row = html.slice(html.indexOf("Luis Benítez"), html.indexOf("Luis Benítez") + 300);
      expect(row).toContain(word[lang]);
      expect(html).toContain("invited a contributor");
    },
  );

  it("shows the console page over HTTP with the contributor named", async () => {
    const console = await signInToConsole(stack);
    const html = await (await console.get(`/console/campaigns/${campaign.id}`)).text();
    expect(html).toContain("Luis Benítez &lt;luis@example.org&gt;");
    expect(html).toMatch(/Luis Benítez &lt;luis@example.org&gt; — contributor/);
  });
});
