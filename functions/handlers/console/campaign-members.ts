// Acting on one member of a campaign from its row: invite the alternate contact, reopen a submitted
// answer, send a contact a new link or revoke theirs; then back to the list showing that member.
import { replaceContactLink, revokeContactLink } from "../../core/contact-links.ts";
import { closingTimeOf } from "../../core/closing-time.ts";
import { inviteAlternateContact, reopenMemberAnswer } from "../../core/escalation.ts";
import type { Ports } from "../../core/ports.ts";
import { redirect } from "../../http/responses.ts";
import { campaignHref, timeZoneOf } from "./campaign.ts";
import { field, type ConsolePage } from "./page.ts";

/** After acting on one member, back to the list showing that member (it may be on any page). */
const memberHref = (id: string, memberCode: string) =>
  `${campaignHref(id, { q: memberCode })}#member-${encodeURIComponent(memberCode)}`;

export const inviteAlternate: ConsolePage = {
  answer: async (r) => {
    const { campaignId = "", memberCode = "" } = r.params;
    await inviteAlternateContact(r.ports, campaignId, memberCode);
    r.did({ action: "invited the alternate contact", campaignId, target: memberCode });
    return redirect(memberHref(campaignId, memberCode));
  },
};

export const reopenAnswer: ConsolePage = {
  answer: async (r) => {
    const { campaignId = "", memberCode = "" } = r.params;
    const reason = field(r.form, "reason");
    await reopenMemberAnswer(r.ports, {
      campaignId,
      memberCode,
      until: closingTimeOf(field(r.form, "until"), await timeZoneOf(r.ports, campaignId)),
      reason,
      by: r.session.email,
    });
    r.did({
      action: "reopened the answer",
      campaignId,
      target: memberCode,
      detail: reason.slice(0, 500),
    });
    return redirect(memberHref(campaignId, memberCode));
  },
};

const contactLinkAction = (
  change: (
    ports: Ports,
    key: { campaignId: string; memberCode: string; contactId: string },
  ) => Promise<unknown>,
  action: "sent a new link" | "revoked the link",
): ConsolePage => ({
  answer: async (r) => {
    const { campaignId = "", memberCode = "", contactId = "" } = r.params;
    await change(r.ports, { campaignId, memberCode, contactId });
    r.did({ action, campaignId, target: `${memberCode}/${contactId}` });
    return redirect(memberHref(campaignId, memberCode));
  },
});

export const replaceLink = contactLinkAction(replaceContactLink, "sent a new link");
export const revokeLink = contactLinkAction(revokeContactLink, "revoked the link");
