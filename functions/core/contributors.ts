// Contributors: colleagues a signatory invites to write some sections of the member's answer. They get
// their own link under the same rules, can read everything, edit only their sections, never submit.
import * as z from "zod";
import { revokeContactLink } from "./contact-links.ts";
import { auditContributorChange } from "./contributor-audit.ts";
import { Forbidden, NotFound, TooManyRequests, ValidationFailed } from "./errors.ts";
import { newEmail, newInvitation, type EmailJob, type Invitation } from "./invitations.ts";
import { Language } from "./languages.ts";
import type {
  AttemptStore,
  AuditStore,
  DirectoryStore,
  EmailStore,
  InvitationStore,
  Ports,
} from "./ports.ts";
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

/** Invitations one link may send in an hour: enough for a ministry's team, not for a mailing. */
export const INVITATIONS_PER_LINK_PER_HOUR = 5;
const HOUR_SECONDS = 3600;

export type ContributorLimits = { maxPerMember: number };

/**
 * Each invitation is an official email in the Secretariat's name to an address a respondent typed:
 * a member has at most `maxPerMember` colleagues at once, and a link sends at most a few an hour.
 */
const withinLimits = async (
  ports: { repository: AttemptStore & InvitationStore } & Pick<Ports, "clock">,
  session: RespondentSession,
  limits: ContributorLimits,
) => {
  const active = (await listContributors(ports, session.campaign.id, session.member.code)).filter(
    (c) => c.state !== "revoked",
  );
  if (active.length >= limits.maxPerMember) {
    throw new TooManyRequests(
      "too_many_contributors",
      "This member has invited as many colleagues as allowed",
      {
        max: limits.maxPerMember,
      },
    );
  }
  const now = Math.floor(ports.clock.now().getTime() / 1000);
  const window = Math.floor(now / HOUR_SECONDS) * HOUR_SECONDS;
  const counted = await ports.repository.countAttempt(
    `invite:${session.token.tokenHash}`,
    window,
    INVITATIONS_PER_LINK_PER_HOUR,
    window + 2 * HOUR_SECONDS,
  );
  if (!counted) {
    throw new TooManyRequests(
      "invitations_rate_limited",
      "Too many invitations from this link in the last hour",
      {
        max: INVITATIONS_PER_LINK_PER_HOUR,
      },
    );
  }
};

export const inviteContributor = async (
  ports: { repository: AttemptStore & AuditStore & EmailStore & InvitationStore } & Pick<
    Ports,
    "queue" | "clock" | "random"
  >,
  session: RespondentSession,
  input: unknown,
  limits: ContributorLimits,
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
  await withinLimits(ports, session, limits);
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
  ports: { repository: InvitationStore },
  campaignId: string,
  memberCode: string,
) =>
  (await ports.repository.listMemberInvitations(campaignId, memberCode)).filter(
    (i) => i.role === "contributor",
  );

export const revokeContributor = async (
  ports: { repository: AuditStore & DirectoryStore & InvitationStore } & Pick<Ports, "clock">,
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
