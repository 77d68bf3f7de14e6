// A contributor's link hangs on the focal point's who invited them: when the Secretariat replaces or
// revokes that link (a leak, a person who left), the contributors it invited lose theirs too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import qs from "qs";
import type { Campaign } from "../../../functions/core/campaign.ts";
import type { Invitation } from "../../../functions/core/invitations.ts";
import { adminClient, loadContent, type AdminClient } from "../../../functions/local/demo.ts";
import { readOutbox, respondentLink, type OutboxMessage } from "../../../functions/local/outbox.ts";
import { testStack } from "../../support/local-stack.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let api: AdminClient;

beforeAll(async () => {
  stack = await testStack();
  api = adminClient(stack);
  await loadContent(api);
});
afterAll(() => stack.dispose());

/** The newest link the outbox holds for one contact of the campaign. */
const linkOf = (campaign: Campaign, contact: (m: OutboxMessage) => boolean) => {
  const mail = readOutbox(stack.paths.outbox).filter(
    (m) => m.headers["x-consulta-campaign"] === campaign.id && contact(m),
  );
  return respondentLink(mail[mail.length - 1] as OutboxMessage) as string;
};
const contactLink = (campaign: Campaign, contactId: string) =>
  linkOf(
    campaign,
    (m) => m.headers["x-consulta-member"] === "BRB" && m.headers["x-consulta-contact"] === contactId,
  );
const mailedTo = (campaign: Campaign, address: string) => linkOf(campaign, (m) => m.to === address);

const invite = (link: string, name: string, email: string) =>
  fetch(link, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body: qs.stringify({ action: "invite-contributor", baseVersion: "0", contributor: { name, email } }),
  });

const status = async (link: string) => (await fetch(link, { headers: { accept: "text/html" } })).status;

const contributors = async (campaign: Campaign) =>
  Object.fromEntries(
    (
      await api<{ contributors: Invitation[] }>(
        "GET",
        `/api/campaigns/${campaign.id}/members/BRB/contributors`,
      )
    ).contributors.map((c) => [c.email, c.state]),
  );

describe("contributors invited through a link the Secretariat replaces or revokes", () => {
  it("lose their link with it; those another contact invited keep theirs; the Secretariat sees them revoked and can invite them again", async () => {
    const campaign = await api<Campaign>("POST", "/api/campaigns", {
      questionnaireId: "iacml-planning",
      closesAt: "2099-01-31T23:59:00-05:00",
      invite: ["BRB"],
    });
    await api("POST", `/api/campaigns/${campaign.id}/send`);
    expect((await invite(contactLink(campaign, "focal-point"), "Luis", "luis@example.org")).ok).toBe(true);
    expect((await invite(contactLink(campaign, "alternate"), "Ana", "ana@example.org")).ok).toBe(true);
    const luis = mailedTo(campaign, "luis@example.org");
    const ana = mailedTo(campaign, "ana@example.org");
    expect([await status(luis), await status(ana)]).toEqual([200, 200]);

    // The focal point's link leaked: replaced. Luis, whom it invited, can no longer read or save.
    await api("POST", `/api/campaigns/${campaign.id}/invitations/BRB/focal-point/replace`);
    expect([await status(luis), await status(ana)]).toEqual([410, 200]);
    const save = await fetch(luis, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: "action=draft&baseVersion=0",
    });
    expect(save.status).toBe(410);
    expect(await contributors(campaign)).toEqual({
      "luis@example.org": "revoked",
      "ana@example.org": "sent",
    });

    // The alternate left: revoked, and so is Ana.
    await api("POST", `/api/campaigns/${campaign.id}/invitations/BRB/alternate/revoke`);
    expect(await status(ana)).toBe(410);
    expect(await contributors(campaign)).toEqual({
      "luis@example.org": "revoked",
      "ana@example.org": "revoked",
    });

    // The Secretariat invites Luis again with a new link of his own.
    const [luisId] = (
      await api<{ contributors: Invitation[] }>(
        "GET",
        `/api/campaigns/${campaign.id}/members/BRB/contributors`,
      )
    ).contributors
      .filter((c) => c.email === "luis@example.org")
      .map((c) => c.contactId);
    await api("POST", `/api/campaigns/${campaign.id}/invitations/BRB/${luisId}/replace`);
    expect(await status(mailedTo(campaign, "luis@example.org"))).toBe(200);
  });
});
