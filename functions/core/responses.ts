// A member's response: one shared draft, versioned for optimistic locking, and every submission kept.
import type { Answers } from "./questionnaire/answers.ts";

export type Author = { contactId: string; name: string };

export type Response = {
  campaignId: string;
  memberCode: string;
  status: "draft" | "submitted";
  /** Bumped on every write; a write names the version it was based on. 0 means "nothing saved yet". */
  version: number;
  answers: Answers;
  updatedAt: string;
  updatedBy: Author;
  submittedAt?: string;
  submittedVersion?: number;
  /** Who last changed each question, and when: a ministry's answer is written by several people. */
  contributions?: Record<string, { by: string; at: string }>;
  /** The Secretariat reopened this member's answer after closing, until then, for this reason. */
  reopenedUntil?: string;
  reopenReason?: string;
};

/** One submission as sent, kept for ever: nothing overwritten is lost. */
export type ResponseVersion = {
  campaignId: string;
  memberCode: string;
  version: number;
  answers: Answers;
  submittedAt: string;
  submittedBy: Author;
  questionnaireVersion: number;
  /** Derived from the content above (core/receipts.ts); proves later which text was submitted. */
  receiptCode: string;
};
