// Invitations, the emails sent about them, and their tokens: one secret link per email, stored only as a hash.
import { createHash } from "node:crypto";
import type { Contact } from "./directory.ts";
import type { Language } from "./languages.ts";

/** What the Secretariat sees for a contact: where its invitation stands. */
export type InvitationState = "queued" | "sent" | "failed" | "bounced" | "complained" | "revoked";

export type Invitation = {
  campaignId: string;
  memberCode: string;
  contactId: string;
  email: string;
  language: Language;
  state: InvitationState;
  /** Bumped by every change, so concurrent writers (worker, SES events, Secretariat) never overwrite each other. */
  rev: number;
  /** 1 for the first invitation; each "replace link" adds one and invalidates the earlier links. */
  generation: number;
  /** Hashes of every link sent to this contact for this generation (invitation and reminders). */
  tokenHashes: string[];
  sentAt?: string;
  failureReason?: string;
  bouncedAt?: string;
  complainedAt?: string;
  revokedAt?: string;
  /** When the contact asked for no more reminders (the List-Unsubscribe one-click); none since. */
  unsubscribedAt?: string;
  /** Reminder steps sent (days before closing, or "now-…" for "remind now"), with their times. */
  reminders: { step: string; at: string }[];
  createdAt: string;
  /** Signatories are the focal points the Secretariat invited; contributors were invited by them. */
  role?: "signatory" | "contributor";
  /** A contributor's name (signatories' names live in the directory). */
  name?: string;
  /** The sections a contributor may edit; none listed means every section. */
  sections?: string[];
  invitedBy?: string;
  /** The signatory whose link the contributor was invited through: replacing or revoking it ends theirs. */
  invitedByContactId?: string;
};

/** "review": the Secretariat took a document into the draft; the focal points are asked to review and submit. */
export type EmailKind = "invitation" | "reminder" | "receipt" | "review";

/** One email to one contact, kept for idempotency and as the delivery log. */
export type EmailRecord = {
  campaignId: string;
  memberCode: string;
  contactId: string;
  kind: EmailKind;
  /** What makes this email unique for the contact: generation, reminder step, or submitted version. */
  n: string;
  status: "pending" | "sending" | "sent" | "failed" | "cancelled";
  attempts: number;
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
  /**
   * The invitation's generation the link was made for: a newer one (a replaced link) refuses it, so the
   * worker need not record the hash on the invitation before sending. Absent on links issued before.
   */
  generation?: number;
};

export type EmailJob = Pick<EmailRecord, "campaignId" | "memberCode" | "contactId" | "kind" | "n">;

export const emailJob = (r: EmailJob): EmailJob => ({
  campaignId: r.campaignId,
  memberCode: r.memberCode,
  contactId: r.contactId,
  kind: r.kind,
  n: r.n,
});

/** 256 random bits in base64url: 43 characters. Anything else cannot be a token. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

/**
 * How long a worker may hold an email in "sending" before another may take it over. Shorter than the
 * queue's visibility timeout, so a crashed worker's job comes back after the lease has run out.
 */
export const SENDING_LEASE_MS = 2 * 60 * 1000;

/** Contacts in these states get no more email about the campaign. */
export const isReachable = (inv: Invitation) => !["bounced", "complained", "revoked"].includes(inv.state);

export const newInvitation = (
  fields: Pick<Invitation, "campaignId" | "memberCode" | "contactId" | "email" | "language">,
  now: Date,
): Invitation => ({
  ...fields,
  state: "queued",
  rev: 0,
  generation: 1,
  tokenHashes: [],
  reminders: [],
  createdAt: now.toISOString(),
});

export const newEmail = (job: EmailJob, now: Date): EmailRecord => ({
  ...emailJob(job),
  status: "pending",
  attempts: 0,
  createdAt: now.toISOString(),
});

/** A contributor as a contact: they are known only to their invitation, not to the directory. */
export const contributorContact = (inv: Invitation): Contact => ({
  id: inv.contactId,
  name: inv.name ?? inv.email,
  email: inv.email,
  role: "contributor",
  revoked: false,
  language: inv.language,
});

/**
 * Whether a contributor came in through this signatory's link: by the signatory's id, or by name for
 * contributors invited before the id was kept.
 */
export const invitedThrough = (inv: Invitation, signatory: { id: string; name?: string | undefined }) =>
  inv.role === "contributor" &&
  (inv.invitedByContactId !== undefined
    ? inv.invitedByContactId === signatory.id
    : inv.invitedBy !== undefined && inv.invitedBy === signatory.name);
