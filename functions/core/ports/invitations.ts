// The invitations' store: who is invited to answer for a member, and the link tokens they answer with.
import type { Invitation, TokenRecord } from "../invitations.ts";

export interface InvitationStore {
  /** Creates the invitation unless it exists; returns false when it already did. */
  createInvitation(inv: Invitation): Promise<boolean>;
  getInvitation(campaignId: string, memberCode: string, contactId: string): Promise<Invitation | undefined>;
  listInvitations(campaignId: string): Promise<Invitation[]>;
  /** One member's invitations in a campaign: a read whose size does not grow with the campaign. */
  listMemberInvitations(campaignId: string, memberCode: string): Promise<Invitation[]>;
  /** Writes `next` only if the stored invitation is still at revision `expectedRev`; false otherwise. */
  updateInvitation(next: Invitation, expectedRev: number): Promise<boolean>;
  putToken(token: TokenRecord): Promise<void>;
  getToken(tokenHash: string): Promise<TokenRecord | undefined>;
  setTokenStatus(tokenHash: string, status: TokenRecord["status"]): Promise<void>;
}
