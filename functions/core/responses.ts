// A member's response: one shared draft, versioned for optimistic locking, and every submission kept.
import * as z from "zod";
import { LocalizedText, type Language } from "./languages.ts";
import type { Answers } from "./questionnaire/answers.ts";

export type Author = { contactId: string; name: string };

/**
 * Answers a draft started with, taken from the member's submission to an earlier campaign (the
 * campaign's `prefillFrom`): which questions, from which campaign and submission, and which of them
 * the member has confirmed since. Until confirmed (or edited), a carried answer is not the member's
 * answer to this campaign, and the report does not count it.
 */
export const CarriedOver = z.strictObject({
  campaignId: z.string().min(1),
  /** The earlier campaign's title, so the form names it without reading that campaign. */
  campaignTitle: LocalizedText,
  /** The earlier submission: its version, when it was submitted, and its questionnaire version. */
  version: z.int().min(1),
  submittedAt: z.string(),
  questionnaireVersion: z.int().min(1),
  /** Every question whose answer was carried over. */
  questions: z.array(z.string()),
  /** Those the member confirmed, or changed (a changed answer is the member's own). */
  confirmed: z.array(z.string()),
});
export type CarriedOver = z.infer<typeof CarriedOver>;

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
  /** The form's language when it was last submitted: the language its free texts are written in. */
  language?: Language;
  /** Answers carried over from an earlier campaign, and which of them the member confirmed. */
  carriedOver?: CarriedOver;
  /** Documents sent back for this member (core/word-replies.ts), oldest first: who sent which file when. */
  replies?: KeptReply[];
};

/** A reply as the member's answer keeps it: who sent which file when, and what became of it. */
export type KeptReply = {
  file: string;
  key: string;
  at: string;
  by: string;
  role: "focal-point" | "contributor" | "secretariat";
  /** "word": read into the draft; "attachment": kept to transcribe by hand. */
  kind: "word" | "attachment";
  contentType: string;
  /** For a Word reply, the questions it changed in the draft. */
  applied?: string[];
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
  /**
   * The reply language the respondent chose (the form's language when submitting): the source of its
   * free texts' translations. Not part of the receipt: the same words in any form language are the same.
   */
  language?: Language;
  /** The draft's carried-over answers as they stood when submitted: unconfirmed ones are not counted. */
  carriedOver?: CarriedOver;
};

/**
 * What a person calls a submission: its place among the member's submissions, 1 for the first.
 * The stored version counts every draft saved before it, which means nothing to the respondent.
 * Counting the earlier ones gives the right number even before this one is in the list.
 */
export const submissionNumber = (
  kept: readonly Pick<ResponseVersion, "version">[],
  version: number,
): number => kept.filter((v) => v.version < version).length + 1;
