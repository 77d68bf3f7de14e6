// Email records in memory.
import type { EmailJob, EmailRecord } from "../../core/invitations.ts";
import type { EmailStore } from "../../core/ports.ts";
import { bySortKey, copy } from "./kept.ts";

const sortKey = (j: EmailJob) => `${j.memberCode}#${j.contactId}#${j.kind}#${j.n}`;
const keyOf = (j: EmailJob) => `${j.campaignId}\u0000${sortKey(j)}`;

export const inMemoryEmailStore = (): EmailStore => {
  const emails = new Map<string, EmailRecord>();
  return {
    createEmail: async (email) => {
      if (emails.has(keyOf(email))) return false;
      emails.set(keyOf(email), copy(email));
      return true;
    },
    getEmail: async (job) => copy(emails.get(keyOf(job))),
    listEmails: async (campaignId) =>
      [...emails.values()]
        .filter((e) => e.campaignId === campaignId)
        .sort(bySortKey(sortKey))
        .map(copy),
    updateEmail: async (expected, next) => {
      const stored = emails.get(keyOf(next));
      if (stored?.status !== expected.status || stored.attempts !== expected.attempts) return false;
      emails.set(keyOf(next), copy(next));
      return true;
    },
  };
};
