// Contributors: colleagues a signatory invites to write some sections of the member's answer. They get
// their own link under the same rules, can read everything, edit only their sections, never submit.
import * as z from "zod";
import { revokeContactLink } from "./contact-links.ts";
import { auditContributorChange } from "./contributor-audit.ts";
import { Forbidden, NotFound, ValidationFailed } from "./errors.ts";
import { newEmail, newInvitation, type EmailJob, type Invitation } from "./invitations.ts";
import { Language } from "./languages.ts";
import type { Ports } from "./ports.ts";
import type { RespondentSession } from "./respond.ts";
import { EmailAddress } from "./email-address.ts";

export const ContributorInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: EmailAddress,
  sections: z.array(z.string()).default([]),
  language: Language.optional(),
});

const mustBeSignatory = (session: RespondentSession) => {
  if (session.role !== "signatory") {
    throw new Forbidden(
      "only_signatories_invite",
      "Only the focal points invited by the Secretariat can invite contributors",
    );
  }
};

export const inviteContributor = async (
  ports: Pick<Ports, "repository" | "queue" | "clock" | "random">,
  session: RespondentSession,
  input: unknown,
): Promise<Invitation> => {
  mustBeSignatory(session);
  const parsed = ContributorInput.safeParse(input);
  if (!parsed.success) {
    const typed = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
    const codeOf = (field: string) => {
      const value = typed[field];
      if (typeof value !== "string" || value.trim() === "") return "required";
      if (field === "email") return "invalid_email";
      return field === "name" && value.length > 200 ? "too_long" : "invalid";
    };
    throw new ValidationFailed(
      [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "")))].map((field) => ({
        path: `contributor.${field}`,
        code: codeOf(field),
        ...(field === "name" ? { params: { max: 200 } } : {}),
      })),
    );
  }
  const known = new Set(session.questionnaire.sections.map((s) => s.id));
  const sections = parsed.data.sections.filter((s) => known.has(s));
  const now = ports.clock.now();
  const invitation: Invitation = {
    ...newInvitation(
      {
        campaignId: session.campaign.id,
        memberCode: session.member.code,
        contactId: `contributor-${ports.random.id()}`,
        email: parsed.data.email,
        language: parsed.data.language ?? session.invitation?.language ?? session.member.language,
      },
      now,
    ),
    role: "contributor",
    name: parsed.data.name,
    ...(sections.length ? { sections } : {}),
    invitedBy: session.contact.name,
    invitedByContactId: session.contact.id,
  };
  await ports.repository.createInvitation(invitation);
  await auditContributorChange(ports, session, "invited", invitation);
  const job: EmailJob = {
    campaignId: invitation.campaignId,
    memberCode: invitation.memberCode,
    contactId: invitation.contactId,
    kind: "invitation",
    n: "1",
  };
  await ports.repository.createEmail(newEmail(job, now));
  await ports.queue.enqueue([job]);
  return invitation;
};

export const listContributors = async (
  ports: Pick<Ports, "repository">,
  campaignId: string,
  memberCode: string,
) =>
  (await ports.repository.listMemberInvitations(campaignId, memberCode)).filter(
    (i) => i.role === "contributor",
  );

export const revokeContributor = async (
  ports: Pick<Ports, "repository" | "clock">,
  session: RespondentSession,
  contactId: string,
) => {
  mustBeSignatory(session);
  const contributor = (await listContributors(ports, session.campaign.id, session.member.code)).find(
    (c) => c.contactId === contactId,
  );
  if (!contributor) throw new NotFound("contributor_not_found", "No such contributor");
  const revoked = await revokeContactLink(ports, {
    campaignId: session.campaign.id,
    memberCode: session.member.code,
    contactId,
  });
  await auditContributorChange(ports, session, "removed", revoked);
  return revoked;
};
