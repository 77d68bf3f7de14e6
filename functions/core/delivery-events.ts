// What the mail system tells us after sending: a permanent bounce or a complaint stops all further
// email to that contact, and the Secretariat sees it on the campaign.
import { modifyInvitation } from "./invitation-updates.ts";
import type { InvitationStore } from "./ports.ts";

export type DeliveryEvent = {
  campaignId: string;
  memberCode: string;
  contactId: string;
  type: "bounce" | "complaint";
  at: string;
  detail?: string;
};

export const recordDeliveryEvent = async (ports: { repository: InvitationStore }, event: DeliveryEvent) =>
  modifyInvitation(ports.repository, event, (inv) =>
    inv.state === "revoked"
      ? undefined
      : event.type === "bounce"
        ? {
            ...inv,
            state: "bounced",
            bouncedAt: event.at,
            ...(event.detail ? { failureReason: event.detail.slice(0, 500) } : {}),
          }
        : { ...inv, state: "complained", complainedAt: event.at },
  );
