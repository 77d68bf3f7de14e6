// Invitations and their link tokens in memory.
import type { Invitation, TokenRecord } from "../../core/invitations.ts";
import type { InvitationStore } from "../../core/ports.ts";
import { bySortKey, copy } from "./kept.ts";

const keyOf = (i: Pick<Invitation, "campaignId" | "memberCode" | "contactId">) =>
  `${i.campaignId}\u0000${i.memberCode}#${i.contactId}`;

export const inMemoryInvitationStore = (): InvitationStore => {
  const invitations = new Map<string, Invitation>();
  const tokens = new Map<string, TokenRecord>();
  const listed = (keep: (i: Invitation) => boolean) =>
    [...invitations.values()]
      .filter(keep)
      .sort(bySortKey((i) => `${i.memberCode}#${i.contactId}`))
      .map(copy);
  return {
    createInvitation: async (inv) => {
      if (invitations.has(keyOf(inv))) return false;
      invitations.set(keyOf(inv), copy(inv));
      return true;
    },
    getInvitation: async (campaignId, memberCode, contactId) =>
      copy(invitations.get(keyOf({ campaignId, memberCode, contactId }))),
    listInvitations: async (campaignId) => listed((i) => i.campaignId === campaignId),
    listMemberInvitations: async (campaignId, memberCode) =>
      listed((i) => i.campaignId === campaignId && i.memberCode === memberCode),
    updateInvitation: async (next, expectedRev) => {
      if (invitations.get(keyOf(next))?.rev !== expectedRev) return false;
      invitations.set(keyOf(next), copy(next));
      return true;
    },
    putToken: async (token) => {
      if (tokens.has(token.tokenHash)) throw new Error("Token collision: refusing to reuse a token hash");
      tokens.set(token.tokenHash, copy(token));
    },
    getToken: async (hash) => copy(tokens.get(hash)),
    setTokenStatus: async (hash, status) => {
      const stored = tokens.get(hash);
      if (!stored) throw new Error("No such token");
      tokens.set(hash, { ...stored, status });
    },
  };
};
