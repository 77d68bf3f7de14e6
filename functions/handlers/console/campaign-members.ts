// Acting on one member of a campaign from its row: invite the alternate contact, reopen a submitted
// answer, send a contact a new link or revoke theirs (after a confirmation counting the links it ends);
// then back to the list showing that member.
import { revokeEffect } from "../../core/campaign-actions.ts";
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
    const key = { campaignId, memberCode, contactId };
    // A revocation also ends the contributor links it made: counted before, said after.
    const counts = action === "revoked the link" ? (await revokeEffect(r.ports, key)).counts : undefined;
    await change(r.ports, key);
    r.did({ action, campaignId, target: `${memberCode}/${contactId}`, ...(counts ? { counts } : {}) });
    return redirect(
      action === "revoked the link"
        ? `${campaignHref(campaignId, { q: memberCode })}&done=revoke#member-${encodeURIComponent(memberCode)}`
        : memberHref(campaignId, memberCode),
    );
  },
});

export const replaceLink = contactLinkAction(replaceContactLink, "sent a new link");
export const revokeLink = contactLinkAction(revokeContactLink, "revoked the link");

/** GET on a revocation's address: whose link it ends, how many contributor links with it, and the button. */
export const confirmRevoke: ConsolePage = {
  answer: async (r) => {
    const { campaignId = "", memberCode = "", contactId = "" } = r.params;
    const effect = await revokeEffect(r.ports, { campaignId, memberCode, contactId });
    const t = (key: string, params?: Record<string, unknown>) => r.ports.views.translate(r.lang, key, params);
    const path = [campaignId, memberCode, contactId].map(encodeURIComponent);
    return r.render("confirm", {
      timeZone: effect.campaign.timeZone,
      heading: t("console.confirm.title.revoke"),
      titleText: effect.campaign.title[r.lang],
      effectText: t("console.confirm.effect.revoke", {
        ...effect.counts,
        contact: `${memberCode}/${contactId}`,
      }),
      postTo: `/console/campaigns/${path[0]}/contacts/${path[1]}/${path[2]}/revoke`,
      backHref: memberHref(campaignId, memberCode),
      confirmText: t("console.confirm.button.revoke", effect.counts),
    });
  },
};
