// Invitations and their tokens: one secret link per contact, stored only as a hash.
import { createHash } from "node:crypto";
import type { Language } from "./languages.ts";

export type InvitationStatus = "pending" | "sending" | "sent" | "failed";

export type Invitation = {
  campaignId: string;
  memberCode: string;
  contactId: string;
  email: string;
  language: Language;
  status: InvitationStatus;
  attempts: number;
  tokenHash?: string;
  leaseUntil?: string;
  sentAt?: string;
  messageId?: string;
  failureReason?: string;
  createdAt: string;
};

export type TokenRecord = {
  tokenHash: string;
  campaignId: string;
  memberCode: string;
  contactId: string;
  status: "active" | "replaced" | "revoked";
  issuedAt: string;
};

/** 256 random bits in base64url: 43 characters. Anything else cannot be a token. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

export type EmailJob = { kind: "invitation"; campaignId: string; memberCode: string; contactId: string };

export const invitationJob = (
  inv: Pick<Invitation, "campaignId" | "memberCode" | "contactId">,
): EmailJob => ({
  kind: "invitation",
  campaignId: inv.campaignId,
  memberCode: inv.memberCode,
  contactId: inv.contactId,
});

/** How long a worker may hold an invitation in "sending" before another may take it over. */
export const SENDING_LEASE_MS = 5 * 60 * 1000;
