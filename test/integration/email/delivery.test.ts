import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SNSEvent } from "aws-lambda";
import { simpleParser } from "mailparser";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Campaign } from "../../../functions/core/campaign.ts";
import { sendDueReminders } from "../../../functions/core/reminders.ts";
import { createSesEventsHandler } from "../../../functions/handlers/ses-events.ts";
import { adminClient, loadContent, type AdminClient } from "../../../functions/local/demo.ts";
import { readOutbox, respondentLink, type OutboxMessage } from "../../../functions/local/outbox.ts";
import { movableClock, testStack } from "../../support/local-stack.ts";

const DAY = 864e5;
const clock = movableClock(new Date("2027-03-01T12:00:00Z"));
let stack: Awaited<ReturnType<typeof testStack>>;
let api: AdminClient;

beforeAll(async () => {
  stack = await testStack({ clock });
  api = adminClient(stack);
  await loadContent(api);
});
afterAll(() => stack.dispose());

const openCampaign = (invite: string[], closesInDays = 30) =>
  api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    opensAt: clock.now().toISOString(),
    closesAt: new Date(clock.now().getTime() + closesInDays * DAY).toISOString(),
    invite,
  });

const mailOf = (campaign: Campaign, kind?: string): OutboxMessage[] =>
  readOutbox(stack.paths.outbox).filter(
    (m) =>
      m.headers["x-consulta-campaign"] === campaign.id && (!kind || m.headers["x-consulta-kind"] === kind),
  );

const linkOf = (campaign: Campaign, member: string, contact = "focal-point", kind = "invitation") => {
  const all = mailOf(campaign, kind).filter(
    (m) => m.headers["x-consulta-member"] === member && m.headers["x-consulta-contact"] === contact,
  );
  return respondentLink(all[all.length - 1] as OutboxMessage) as string;
};

const sesNotification = (campaign: Campaign, member: string, contact: string, message: object): SNSEvent => ({
  Records: [
    {
      EventSource: "aws:sns",
      EventVersion: "1.0",
      EventSubscriptionArn: "arn",
      Sns: {
        Type: "Notification",
        MessageId: "m",
        TopicArn: "arn",
        Subject: "",
        Timestamp: clock.now().toISOString(),
        SignatureVersion: "1",
        Signature: "",
        SigningCertUrl: "",
        UnsubscribeUrl: "",
        MessageAttributes: {},
        Message: JSON.stringify({
          ...message,
          mail: {
            timestamp: clock.now().toISOString(),
            tags: { campaign: [campaign.id], member: [member], contact: [contact] },
          },
        }),
      },
    },
  ],
});

describe("sending invitations", () => {
  it("sends exactly one email per contact, however often send is pressed", async () => {
    const campaign = await openCampaign(["ARG", "BRA", "COSATE"]);
    const first = await api<{ created: number; queued: number }>(
      "POST",
      `/api/campaigns/${campaign.id}/send`,
    );
    const again = await Promise.all(
      [1, 2, 3].map(() =>
        api<{ created: number; queued: number }>("POST", `/api/campaigns/${campaign.id}/send`),
      ),
    );
    expect(first).toMatchObject({ created: 5, queued: 5 }); // ARG has one contact, BRA and COSATE two each
    expect(again.every((s) => s.created === 0 && s.queued === 0)).toBe(true);
    const to = mailOf(campaign, "invitation").map((m) => m.to);
    expect(to.length).toBe(new Set(to).size);
    expect(to.sort()).toEqual(
      [
        "focal.point.arg@example.org",
        "focal.point.bra@example.org",
        "alternate.bra@example.org",
        "focal.point.cosate@example.org",
        "alternate.cosate@example.org",
      ].sort(),
    );
  });

  it("reaches a contact added later, and nobody else a second time", async () => {
    const campaign = await openCampaign(["ARG", "CHL"]);
    await api("POST", `/api/campaigns/${campaign.id}/send`);
    const members = (await stack.ports.repository.listMembers()).filter((m) => m.code === "ARG");
    const arg = members[0]!;
    await stack.ports.repository.putMembers([
      {
        ...arg,
        contacts: [
          ...arg.contacts,
          {
            id: "deputy",
            name: "Deputy",
            email: "deputy.arg@example.org",
            role: "alternate",
            revoked: false,
          },
        ],
      },
    ]);
    try {
      const summary = await api<{ created: number; queued: number; alreadySent: number }>(
        "POST",
        `/api/campaigns/${campaign.id}/send`,
      );
      expect(summary).toMatchObject({ created: 1, queued: 1, alreadySent: 2 });
      expect(
        mailOf(campaign, "invitation")
          .map((m) => m.to)
          .sort(),
      ).toEqual(
        ["deputy.arg@example.org", "focal.point.arg@example.org", "focal.point.chl@example.org"].sort(),
      );
    } finally {
      await stack.ports.repository.putMembers([arg]);
    }
  });
});

describe("replacing and revoking a contact's link", () => {
  it("sends a new link, the old one answers 410 'replaced' at once, and the member's draft is untouched", async () => {
    const campaign = await openCampaign(["PER"]);
    await api("POST", `/api/campaigns/${campaign.id}/send`);
    const old = linkOf(campaign, "PER");
    const draft = await fetch(old, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "action=draft&baseVersion=0&anything-else=Borrador+del+Peru",
    });
    expect(draft.status).toBe(303);

    await api("POST", `/api/campaigns/${campaign.id}/invitations/PER/focal-point/replace`);
    const gone = await fetch(old, { headers: { accept: "text/html", "accept-language": "es" } });
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain("Este enlace fue reemplazado");

    const fresh = linkOf(campaign, "PER");
    expect(fresh).not.toBe(old);
    const page = await fetch(fresh, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Borrador del Peru");
  });

  it("a revoked link answers 410 'no longer active' and gets no reminders", async () => {
    const campaign = await openCampaign(["ECU"]);
    await api("POST", `/api/campaigns/${campaign.id}/send`);
    const link = linkOf(campaign, "ECU");
    await api("POST", `/api/campaigns/${campaign.id}/invitations/ECU/focal-point/revoke`);
    const gone = await fetch(link, { headers: { accept: "text/html", "accept-language": "en" } });
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain("This link is no longer active");
    expect(await api("POST", `/api/campaigns/${campaign.id}/remind`)).toMatchObject({ queued: 0 });
  });
});

describe("reminders", () => {
  it("fire once per step of the plan, only to members who have not submitted, and not to bounced contacts", async () => {
    const start = clock.now().getTime();
    const campaign = await openCampaign(["BRA", "COL", "JAM"], 20);
    await api("POST", `/api/campaigns/${campaign.id}/send`);
    const reminders = () =>
      mailOf(campaign, "reminder")
        .map((m) => `${m.headers["x-consulta-n"]} ${m.to}`)
        .sort();

    // Colombia submits; one of Brazil's two addresses bounces for good.
    const col = linkOf(campaign, "COL");
    const page = await (await fetch(col)).text();
    expect(page).toContain('name="baseVersion" value="0"');
    await stack.ports.repository.saveResponse(
      {
        campaignId: campaign.id,
        memberCode: "COL",
        status: "submitted",
        version: 1,
        answers: {},
        updatedAt: "t",
        updatedBy: { contactId: "focal-point", name: "x" },
        submittedAt: "t",
        submittedVersion: 1,
      },
      0,
    );
    await createSesEventsHandler(() => stack.ports)(
      sesNotification(campaign, "BRA", "alternate", {
        eventType: "Bounce",
        bounce: {
          bounceType: "Permanent",
          bouncedRecipients: [{ diagnosticCode: "550 5.1.1 user unknown" }],
        },
      }),
    );
    // A transient bounce changes nothing.
    await createSesEventsHandler(() => stack.ports)(
      sesNotification(campaign, "JAM", "focal-point", {
        eventType: "Bounce",
        bounce: { bounceType: "Transient" },
      }),
    );
    expect((await stack.ports.repository.getInvitation(campaign.id, "BRA", "alternate"))?.state).toBe(
      "bounced",
    );
    expect((await stack.ports.repository.getInvitation(campaign.id, "JAM", "focal-point"))?.state).toBe(
      "sent",
    );

    try {
      await sendDueReminders(stack.ports);
      expect(reminders()).toEqual([]); // 20 days before closing: no step due yet

      clock.advance(6 * DAY + 3600e3); // 14 days before closing
      await sendDueReminders(stack.ports);
      await sendDueReminders(stack.ports);
      expect(reminders()).toEqual([
        "d14 alternate.jam@example.org",
        "d14 focal.point.bra@example.org",
        "d14 focal.point.jam@example.org",
      ]);

      clock.advance(7 * DAY); // 7 days before
      await sendDueReminders(stack.ports);
      clock.advance(5 * DAY); // 2 days before
      await sendDueReminders(stack.ports);
      await sendDueReminders(stack.ports);
      expect(reminders()).toEqual(
        ["d14", "d2", "d7"].flatMap((step) =>
          ["alternate.jam", "focal.point.bra", "focal.point.jam"].map((who) => `${step} ${who}@example.org`),
        ),
      );
      const bra = await stack.ports.repository.getInvitation(campaign.id, "BRA", "focal-point");
      expect(bra?.reminders.map((r) => r.step)).toEqual(["d14", "d7", "d2"]);
      // The reminder carries a working link of its own.
      const reminderLink = linkOf(campaign, "BRA", "focal-point", "reminder");
      expect((await fetch(reminderLink)).status).toBe(200);
    } finally {
      clock.advance(start - clock.now().getTime());
    }
  });
});

describe("the emails themselves", () => {
  const members = { es: "ARG", en: "JAM", fr: "HTI", pt: "BRA" } as const;
  const words = { es: "cuestionario", en: "questionnaire", fr: "questionnaire", pt: "questionário" } as const;

  it.each(Object.entries(members))(
    "parse with a real mail parser in %s, accents intact, both parts, no tracking",
    async (lang, code) => {
      const campaign = await openCampaign([code]);
      await api("POST", `/api/campaigns/${campaign.id}/send`);
      const message = mailOf(campaign, "invitation").find(
        (m) => m.headers["x-consulta-contact"] === "focal-point",
      )!;
      const parsed = await simpleParser(readFileSync(join(stack.paths.outbox, message.file)));
      expect(parsed.subject).toContain(words[lang as keyof typeof words]);
      expect(parsed.from?.text).toBe("consulta@example.org");
      expect(parsed.to && "text" in parsed.to ? parsed.to.text : "").toBe(message.to);
      expect(parsed.date).toBeInstanceOf(Date);
      expect(parsed.text).toContain("/r/");
      expect(parsed.html).toContain(`lang="${lang}"`);
      expect(parsed.html).not.toMatch(/<img|<script/);
      // Every other OAS language gets a line pointing to the same link.
      const lines = { es: "en español", en: "in English", fr: "en français", pt: "em português" };
      for (const [other, marker] of Object.entries(lines).filter(([l]) => l !== lang)) {
        expect(parsed.text, other).toContain(marker);
      }
      expect(parsed.text).not.toContain("&amp;");
      // Accents survive the trip (English has none to check).
      expect(lang === "en" || /[áéíóúçãõâêô]/.test(parsed.text ?? "")).toBe(true);
    },
  );
});
