// One respondent link cannot send unlimited official emails: a few invitations an hour per link, and
// at most MAX_CONTRIBUTORS_PER_MEMBER colleagues per member; each refusal is said on the form.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../../functions/core/campaign.ts";
import { INVITATIONS_PER_LINK_PER_HOUR } from "../../../functions/core/contributors.ts";
import { adminClient, loadContent } from "../../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../../functions/local/outbox.ts";
import { movableClock, testStack } from "../../support/local-stack.ts";

const clock = movableClock(new Date("2027-03-01T12:00:00Z"));
let stack: Awaited<ReturnType<typeof testStack>>;
let campaign: Campaign;

beforeAll(async () => {
  stack = await testStack({ clock });
  const api = adminClient(stack);
  await loadContent(api);
  campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    opensAt: clock.now().toISOString(),
    closesAt: new Date(clock.now().getTime() + 10 * 864e5).toISOString(),
    invite: ["PAN"],
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
});
afterAll(() => stack.dispose());

const link = () =>
  respondentLink(
    readOutbox(stack.paths.outbox).find(
      (m) =>
        m.headers["x-consulta-campaign"] === campaign.id && m.headers["x-consulta-contact"] === "focal-point",
    )!,
  )!;

const invite = (n: number, typed = "") =>
  fetch(`${link()}?lang=pt`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body: new URLSearchParams({
      action: "invite-contributor",
      lang: "pt",
      "rial-comments": typed,
      "contributor[name]": `Colega ${n}`,
      "contributor[email]": `colega.${n}@trabalho.gob.pa`,
    }).toString(),
  });

const sentInvitations = () =>
  readOutbox(stack.paths.outbox).filter(
    (m) => m.headers["x-consulta-campaign"] === campaign.id && m.to.startsWith("colega."),
  ).length;

describe("a respondent link inviting colleagues", () => {
  it("sends a few an hour, then says on the form when to try again, keeping what was typed", async () => {
    for (let n = 1; n <= INVITATIONS_PER_LINK_PER_HOUR; n++) expect((await invite(n)).status).toBe(200);
    const refused = await invite(99, "Texto que não se perde");
    expect(refused.status).toBe(429);
    const page = await refused.text();
    expect(page).toContain(`${INVITATIONS_PER_LINK_PER_HOUR} convites já foram enviados a partir deste link`);
    expect(page).toContain("Texto que não se perde");
    expect(page).toContain('value="colega.99@trabalho.gob.pa"');
    expect(sentInvitations()).toBe(INVITATIONS_PER_LINK_PER_HOUR);
  });

  it("stops at the member's limit of colleagues, however slowly they are invited", async () => {
    clock.advance(3600_000);
    for (let n = 6; n <= 10; n++) expect((await invite(n)).status).toBe(200);
    clock.advance(3600_000);
    const refused = await invite(11);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain(
      "Sua instituição já convidou tantos colegas quanto permitido (10)",
    );
    expect(sentInvitations()).toBe(10);
    const contributors = await stack.ports.repository.listMemberInvitations(campaign.id, "PAN");
    expect(contributors.filter((i) => i.role === "contributor")).toHaveLength(10);
    // Each says who invited it, for the Secretariat's console.
    expect(
      contributors
        .filter((i) => i.role === "contributor")
        .every((i) => i.invitedByContactId === "focal-point"),
    ).toBe(true);
  });
});
