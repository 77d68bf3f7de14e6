// One-click unsubscribe (issue 18, item 4; RFC 8058): invitations and reminders carry List-Unsubscribe;
// a GET only shows a button (mail scanners follow links), a POST stops that contact's reminders, and the
// Secretariat sees it on the campaign page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../../functions/core/campaign.ts";
import { deliverEmail } from "../../../functions/core/deliver-email.ts";
import { hashToken, newEmail } from "../../../functions/core/invitations.ts";
import { sendDueReminders } from "../../../functions/core/reminders.ts";
import { adminClient, loadContent, type AdminClient } from "../../../functions/local/demo.ts";
import { readOutbox, respondentLink, type OutboxMessage } from "../../../functions/local/outbox.ts";
import { consoleCookie } from "../../support/console-cookie.ts";
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

const mailOf = (campaign: Campaign, member: string, kind: string): OutboxMessage[] =>
  readOutbox(stack.paths.outbox).filter(
    (m) =>
      m.headers["x-consulta-campaign"] === campaign.id &&
      m.headers["x-consulta-member"] === member &&
      m.headers["x-consulta-contact"] === "focal-point" &&
      m.headers["x-consulta-kind"] === kind,
  );
const unsubscribeUrl = (m: OutboxMessage) => /^<(.+)>$/.exec(m.headers["list-unsubscribe"] ?? "")?.[1] ?? "";
const oneClick = (url: string, body = "List-Unsubscribe=One-Click") =>
  fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });

describe("one-click unsubscribe", () => {
  it("a GET only asks; the POST stops that contact's reminders, and the Secretariat sees it", async () => {
    const campaign = await api<Campaign>("POST", "/api/campaigns", {
      questionnaireId: "iacml-planning",
      opensAt: clock.now().toISOString(),
      closesAt: new Date(clock.now().getTime() + 30 * DAY).toISOString(),
      invite: ["ARG", "BRA"],
    });
    await api("POST", `/api/campaigns/${campaign.id}/send`);
    const [invitation] = mailOf(campaign, "ARG", "invitation");
    expect(invitation?.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const url = unsubscribeUrl(invitation as OutboxMessage);
    expect(url).toMatch(new RegExp(`^${stack.url}/u/[0-9a-f]{64}$`));
    // Not the link to the form: the unsubscribe address opens nothing else.
    expect(url).not.toContain(respondentLink(invitation as OutboxMessage)?.split("/r/")[1]);

    const asked = await fetch(url, { headers: { accept: "text/html", "accept-language": "es" } });
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain('<form method="post"');
    expect(page).toContain('name="List-Unsubscribe" value="One-Click"');
    const arg = () => stack.ports.repository.getInvitation(campaign.id, "ARG", "focal-point");
    expect((await arg())?.unsubscribedAt).toBeUndefined();

    // A stranger's guess, and the form's own token, unsubscribe nobody.
    expect((await oneClick(`${stack.url}/u/${"0".repeat(64)}`)).status).toBe(404);
    const token = respondentLink(invitation as OutboxMessage)?.split("/r/")[1] ?? "";
    expect((await oneClick(`${stack.url}/u/${token}`)).status).toBe(404);
    expect((await oneClick(`${stack.url}/u/${hashToken(hashToken(token))}`)).status).toBe(404);
    expect((await arg())?.unsubscribedAt).toBeUndefined();

    // What a mail client sends (RFC 8058), twice: the second changes nothing.
    const done = await oneClick(url);
    expect(done.status).toBe(200);
    const at = (await arg())?.unsubscribedAt;
    expect(at).toBe(clock.now().toISOString());
    clock.advance(1000);
    expect((await oneClick(url)).status).toBe(200);
    expect((await arg())?.unsubscribedAt).toBe(at);

    // Reminders skip the contact; the other member's still go out.
    clock.advance(16 * DAY);
    await sendDueReminders(stack.ports);
    expect(mailOf(campaign, "ARG", "reminder")).toHaveLength(0);
    expect(mailOf(campaign, "BRA", "reminder")).toHaveLength(1);
    expect(unsubscribeUrl(mailOf(campaign, "BRA", "reminder")[0] as OutboxMessage)).toMatch(
      /\/u\/[0-9a-f]{64}$/,
    );
    await api("POST", `/api/campaigns/${campaign.id}/remind`);
    expect(mailOf(campaign, "ARG", "reminder")).toHaveLength(0);
    expect(mailOf(campaign, "BRA", "reminder")).toHaveLength(2);

    // The Secretariat sees who asked for no more reminders.
    const { invitations } = await api<{ invitations: { memberCode: string; unsubscribedAt?: string }[] }>(
      "GET",
      `/api/campaigns/${campaign.id}/invitations`,
    );
    expect(invitations.find((i) => i.memberCode === "ARG")?.unsubscribedAt).toBe(at);
    const { cookie } = await consoleCookie(stack);
    const console = await (
      await fetch(`${stack.url}/console/campaigns/${campaign.id}`, { headers: { cookie } })
    ).text();
    const row = (code: string) => {
      const start = console.indexOf(`<tr id="member-${code}">`);
      return start < 0 ? "" : console.slice(start, console.indexOf("</tr>", start));
    };
    expect(row("ARG")).toContain('class="unsubscribed"');
    expect(row("BRA")).toContain("BRA");
    expect(row("BRA")).not.toContain('class="unsubscribed"');

    // A reminder already queued when the contact asked is not sent either.
    const late = {
      campaignId: campaign.id,
      memberCode: "ARG",
      contactId: "focal-point",
      kind: "reminder" as const,
      n: "late",
    };
    await stack.ports.repository.createEmail(newEmail(late, clock.now()));
    expect(await deliverEmail(stack.ports, late)).toBe("cancelled");
  });
});
