// A signatory inviting or removing a contributor leaves a line in the campaign's audit trail, as the
// Secretariat's own actions do: who gets to write a ministry's answer is worth knowing afterwards.
import type { Invitation } from "./invitations.ts";
import type { AuditStore, Ports } from "./ports.ts";
import type { RespondentSession } from "./respond.ts";

export type ContributorChange = "invited" | "removed";

const ACTIONS: Record<ContributorChange, string> = {
  invited: "invited a contributor",
  removed: "removed a contributor",
};

export const auditContributorChange = (
  ports: { repository: AuditStore } & Pick<Ports, "clock">,
  session: Pick<RespondentSession, "contact">,
  change: ContributorChange,
  contributor: Pick<Invitation, "campaignId" | "memberCode" | "contactId" | "email" | "name">,
): Promise<void> =>
  ports.repository.putAudit({
    at: ports.clock.now().toISOString(),
    actor: `${session.contact.name} <${session.contact.email}>`,
    action: ACTIONS[change],
    campaignId: contributor.campaignId,
    target: `${contributor.memberCode}/${contributor.contactId}`,
    detail: `${contributor.name ?? contributor.email} <${contributor.email}>`,
  });
