// The emails' store: one record per email a campaign sends, the guard against sending one twice.
import type { EmailJob, EmailRecord } from "../invitations.ts";

export interface EmailStore {
  /**
   * Creates the email record unless it exists: the guard against sending the same email twice (a
   * worker creates a new invitation's record already "sending", in place of taking a "pending" one).
   */
  createEmail(email: EmailRecord): Promise<boolean>;
  getEmail(job: EmailJob): Promise<EmailRecord | undefined>;
  listEmails(campaignId: string): Promise<EmailRecord[]>;
  /** Writes `next` only if the stored record still has `expected`'s status and attempts; false otherwise. */
  updateEmail(expected: EmailRecord, next: EmailRecord): Promise<boolean>;
}
