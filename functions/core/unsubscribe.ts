// Unsubscribing from reminders with one click (RFC 8058): the address in an invitation's List-Unsubscribe.
// The address names the hash of that email's own link: 256 bits no stranger can guess, stored by us
// only as a key, shown by no API, and no use for opening the form, which needs the link itself.
import type { Campaign } from "./campaign.ts";
import { Gone, NotFound } from "./errors.ts";
import { modifyInvitation } from "./invitation-updates.ts";
import type { Invitation } from "./invitations.ts";
import type { CampaignStore, InvitationStore, Ports } from "./ports.ts";

const TOKEN_HASH = /^[0-9a-f]{64}$/;

export const unsubscribePath = (tokenHash: string) => `/u/${tokenHash}`;

const notFound = () => new NotFound("link_not_found", "This link is not valid");

export type UnsubscribeTarget = { invitation: Invitation; campaign: Campaign };

/** The invitation an unsubscribe address names, while its link is still the contact's. */
export const unsubscribeTarget = async (
  ports: { repository: CampaignStore & InvitationStore },
  tokenHash: string,
): Promise<UnsubscribeTarget> => {
  const { repository } = ports;
  if (!TOKEN_HASH.test(tokenHash)) throw notFound();
  const record = await repository.getToken(tokenHash);
  if (!record) throw notFound();
  // A replaced link's email was followed by a new one with its own address; a revoked one reaches nobody.
  if (record.status === "replaced")
    throw new Gone("link_replaced", "This link has been replaced by a newer one");
  if (record.status !== "active") throw new Gone("link_revoked", "This link is no longer active");
  const [invitation, campaign] = await Promise.all([
    repository.getInvitation(record.campaignId, record.memberCode, record.contactId),
    repository.getCampaign(record.campaignId),
  ]);
  if (!invitation || !campaign) throw notFound();
  return { invitation, campaign };
};

/** Stops the contact's reminders; asking again keeps the first time. */
export const unsubscribe = async (
  ports: { repository: CampaignStore & InvitationStore } & Pick<Ports, "clock">,
  tokenHash: string,
): Promise<UnsubscribeTarget> => {
  const target = await unsubscribeTarget(ports, tokenHash);
  const at = ports.clock.now().toISOString();
  const invitation = await modifyInvitation(
    ports.repository,
    target.invitation,
    (inv) => (inv.unsubscribedAt ? undefined : { ...inv, unsubscribedAt: at }),
    target.invitation,
  );
  return { ...target, invitation: invitation ?? target.invitation };
};
