// Sending a campaign: one invitation per invited contact, each queued once, whatever how often "send" is pressed.
import { campaignState } from "./campaign.ts";
import { contactLanguage } from "./directory.ts";
import { Gone, NotFound } from "./errors.ts";
import { invitationJob, SENDING_LEASE_MS, type Invitation } from "./invitations.ts";
import type { Ports } from "./ports.ts";

export type SendSummary = { created: number; queued: number; alreadySent: number; contacts: number };

export const sendInvitations = async (
  ports: Pick<Ports, "repository" | "queue" | "clock">,
  campaignId: string,
): Promise<SendSummary> => {
  const { repository, queue, clock } = ports;
  const campaign = await repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  const now = clock.now();
  if (campaignState(campaign, now) === "closed") throw new Gone("campaign_closed", "The campaign is closed");

  const invited = new Set(campaign.invited);
  const members = (await repository.listMembers()).filter((m) => invited.has(m.code));
  const existing = new Map(
    (await repository.listInvitations(campaignId)).map((inv) => [`${inv.memberCode}/${inv.contactId}`, inv]),
  );

  let created = 0;
  let alreadySent = 0;
  let contacts = 0;
  const toQueue: Invitation[] = [];
  for (const member of members) {
    for (const contact of member.contacts.filter((c) => !c.revoked)) {
      contacts++;
      const known = existing.get(`${member.code}/${contact.id}`);
      if (known) {
        if (known.status === "sent") alreadySent++;
        // A pending job may have been lost with a crashed sender; queueing it again is safe because
        // delivery moves each invitation through pending -> sending -> sent with conditional writes.
        else if (known.status === "pending" || isStale(known, now)) toQueue.push(known);
        continue;
      }
      const invitation: Invitation = {
        campaignId,
        memberCode: member.code,
        contactId: contact.id,
        email: contact.email,
        language: contactLanguage(member, contact),
        status: "pending",
        attempts: 0,
        createdAt: now.toISOString(),
      };
      if (await repository.createInvitation(invitation)) {
        created++;
        toQueue.push(invitation);
      }
    }
  }
  await queue.enqueue(toQueue.map(invitationJob));
  return { created, queued: toQueue.length, alreadySent, contacts };
};

const isStale = (inv: Invitation, now: Date) =>
  inv.status === "sending" &&
  (!inv.leaseUntil || Date.parse(inv.leaseUntil) + SENDING_LEASE_MS < now.getTime());
