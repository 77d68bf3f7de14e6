// Contributors and contact links on the in-memory stores: who a signatory may invite, how often, and
// what replacing or revoking a link does to the colleagues invited through it.
import { describe, expect, it } from "vitest";
import { replaceContactLink, revokeContactLink } from "../../../functions/core/contact-links.ts";
import {
  INVITATIONS_PER_LINK_PER_HOUR,
  inviteContributor,
  listContributors,
  revokeContributor,
} from "../../../functions/core/contributors.ts";
import type { TokenRecord } from "../../../functions/core/invitations.ts";
import type { RespondentSession } from "../../../functions/core/respond.ts";
import { campaign, invitation, member, question, questionnaire } from "../../support/factories.ts";
import { fakePorts } from "../../support/fake-ports.ts";

const token = (tokenHash: string, contactId = "focal-point"): TokenRecord => ({
  tokenHash,
  campaignId: "c1",
  memberCode: "ARG",
  contactId,
  status: "active",
  issuedAt: "2026-01-01T00:00:00.000Z",
});

const signatory = (overrides: Partial<RespondentSession> = {}): RespondentSession => {
  const arg = member("ARG");
  return {
    token: token("h-fp"),
    campaign: campaign(),
    questionnaire: questionnaire([question("a", "yes-no")]),
    member: arg,
    contact: arg.contacts[0]!,
    invitation: invitation(),
    role: "signatory",
    sections: undefined,
    response: undefined,
    contributors: [],
    ...overrides,
  };
};

const limits = { maxPerMember: 3 };
const colleague = (n: number) => ({
  name: `Colleague ${n}`,
  email: `c${n}@example.org`,
  sections: ["main", "nope"],
});

const withArgentina = async () => {
  const ports = fakePorts();
  await ports.repository.putMembers([member("ARG")]);
  await ports.repository.createInvitation(invitation({ tokenHashes: ["h-fp"] }));
  await ports.repository.putToken(token("h-fp"));
  return ports;
};

describe("inviting a contributor", () => {
  it("records an invitation to the sections that exist, its email queued, and a line in the audit trail", async () => {
    const ports = await withArgentina();
    const invited = await inviteContributor(ports, signatory(), colleague(1), limits);
    expect(invited).toMatchObject({
      role: "contributor",
      name: "Colleague 1",
      email: "c1@example.org",
      sections: ["main"],
      language: "es",
      invitedBy: "Focal point ARG",
      invitedByContactId: "focal-point",
    });
    expect(await listContributors(ports, "c1", "ARG")).toEqual([invited]);
    expect(ports.queued).toEqual([
      { campaignId: "c1", memberCode: "ARG", contactId: invited.contactId, kind: "invitation", n: "1" },
    ]);
    expect(await ports.repository.listAudit("c1")).toEqual([
      expect.objectContaining({
        action: "invited a contributor",
        actor: "Focal point ARG <fp.arg@example.org>",
        target: `ARG/${invited.contactId}`,
      }),
    ]);
  });

  it("is for signatories only", async () => {
    const ports = await withArgentina();
    await expect(
      inviteContributor(ports, signatory({ role: "contributor" }), colleague(1), limits),
    ).rejects.toMatchObject({ status: 403, code: "only_signatories_invite" });
  });

  it("names each field to fix, and invites nobody", async () => {
    const ports = await withArgentina();
    const refused = await inviteContributor(ports, signatory(), { name: " ", email: "no" }, limits).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({
      code: "validation_failed",
      fieldErrors: [
        { path: "contributor.name", code: "required" },
        { path: "contributor.email", code: "invalid_email" },
      ],
    });
    expect(await listContributors(ports, "c1", "ARG")).toEqual([]);
  });

  it("stops at the member's limit of colleagues; a removed one frees a place", async () => {
    const ports = await withArgentina();
    const first = await inviteContributor(ports, signatory(), colleague(1), { maxPerMember: 2 });
    await inviteContributor(ports, signatory(), colleague(2), { maxPerMember: 2 });
    await expect(
      inviteContributor(ports, signatory(), colleague(3), { maxPerMember: 2 }),
    ).rejects.toMatchObject({
      code: "too_many_contributors",
    });
    await revokeContributor(ports, signatory(), first.contactId);
    await inviteContributor(ports, signatory(), colleague(3), { maxPerMember: 2 });
  });

  it("sends a few invitations an hour from one link, and more the next hour", async () => {
    const ports = await withArgentina();
    const roomy = { maxPerMember: 100 };
    for (let n = 0; n < INVITATIONS_PER_LINK_PER_HOUR; n++)
      await inviteContributor(ports, signatory(), colleague(n), roomy);
    await expect(inviteContributor(ports, signatory(), colleague(99), roomy)).rejects.toMatchObject({
      code: "invitations_rate_limited",
    });
    ports.moveTo("2026-03-01T13:00:00.000Z");
    await inviteContributor(ports, signatory(), colleague(99), roomy);
  });
});

describe("removing a contributor", () => {
  it("revokes the colleague's link and says so in the audit trail", async () => {
    const ports = await withArgentina();
    const invited = await inviteContributor(ports, signatory(), colleague(1), limits);
    await ports.repository.putToken(token("h-c1", invited.contactId));
    await ports.repository.updateInvitation({ ...invited, tokenHashes: ["h-c1"], rev: 1 }, 0);
    const revoked = await revokeContributor(ports, signatory(), invited.contactId);
    expect(revoked).toMatchObject({ state: "revoked", revokedAt: "2026-03-01T12:00:00.000Z" });
    expect((await ports.repository.getToken("h-c1"))?.status).toBe("revoked");
    expect((await ports.repository.listAudit("c1"))[0]?.action).toBe("removed a contributor");
  });

  it("refuses someone who is no contributor of the member, and a contributor removing others", async () => {
    const ports = await withArgentina();
    const invited = await inviteContributor(ports, signatory(), colleague(1), limits);
    await expect(revokeContributor(ports, signatory(), "focal-point")).rejects.toMatchObject({
      code: "contributor_not_found",
    });
    await expect(
      revokeContributor(ports, signatory({ role: "contributor" }), invited.contactId),
    ).rejects.toMatchObject({ code: "only_signatories_invite" });
  });
});

describe("the Secretariat replacing or revoking a contact's link", () => {
  it("replacing: a new generation to the directory's address, the old link dead, the colleagues it invited revoked", async () => {
    const ports = await withArgentina();
    const invited = await inviteContributor(ports, signatory(), colleague(1), limits);
    await ports.repository.putMembers([
      member("ARG", {
        contacts: [{ ...member("ARG").contacts[0]!, email: "new.fp@example.org", language: "en" }],
      }),
    ]);
    ports.queued.length = 0;
    const key = { campaignId: "c1", memberCode: "ARG", contactId: "focal-point" };
    const next = await replaceContactLink(ports, key);
    expect(next).toMatchObject({
      generation: 2,
      state: "queued",
      tokenHashes: [],
      email: "new.fp@example.org",
      language: "en",
    });
    expect((await ports.repository.getToken("h-fp"))?.status).toBe("replaced");
    expect((await ports.repository.getInvitation("c1", "ARG", invited.contactId))?.state).toBe("revoked");
    expect(ports.queued).toEqual([{ ...key, kind: "invitation", n: "2" }]);
    await expect(replaceContactLink(ports, { ...key, contactId: "none" })).rejects.toMatchObject({
      code: "invitation_not_found",
    });
  });

  it("revoking: no link at all, for the contact and the colleagues it invited; another contact's colleagues keep theirs", async () => {
    const ports = await withArgentina();
    const mine = await inviteContributor(ports, signatory(), colleague(1), limits);
    await ports.repository.createInvitation(
      invitation({ contactId: "theirs", role: "contributor", invitedByContactId: "minister" }),
    );
    const revoked = await revokeContactLink(ports, {
      campaignId: "c1",
      memberCode: "ARG",
      contactId: "focal-point",
    });
    expect(revoked.state).toBe("revoked");
    expect((await ports.repository.getToken("h-fp"))?.status).toBe("revoked");
    expect((await ports.repository.getInvitation("c1", "ARG", mine.contactId))?.state).toBe("revoked");
    expect((await ports.repository.getInvitation("c1", "ARG", "theirs"))?.state).toBe("queued");
  });
});
