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
};
