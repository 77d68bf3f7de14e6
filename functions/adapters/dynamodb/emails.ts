// Email records in their campaign's partition: created once, moved on by conditional writes.
import type { EmailJob, EmailRecord } from "../../core/invitations.ts";
import type { EmailStore } from "../../core/ports.ts";
import { key, strip, type Table } from "./table.ts";

/** Email items carry the table's own `kind` attribute, so the email's kind is stored as `emailKind`. */
const unwrapEmail = (item: Record<string, unknown> | undefined): EmailRecord | undefined => {
  if (!item) return undefined;
  const { emailKind, kind: _kind, ...rest } = item;
  return { ...rest, kind: emailKind } as EmailRecord;
};

export const emailStore = (table: Table): EmailStore => ({
  createEmail: (email: EmailRecord) =>
    table.putIfAbsent({ ...key.email(email), ...email, kind: "email", emailKind: email.kind }),
  getEmail: async (job: EmailJob) => unwrapEmail(await table.get<Record<string, unknown>>(key.email(job))),
  async listEmails(campaignId: string) {
    const items = await table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": "EMAIL#" },
      ConsistentRead: true,
    });
    return items.map((i) => unwrapEmail(strip(i)) as EmailRecord);
  },
  async updateEmail(expected: EmailRecord, next: EmailRecord) {
    return table.conditionalPut(
      { ...key.email(next), ...next, kind: "email", emailKind: next.kind },
      "#status = :status AND attempts = :attempts",
      { ":status": expected.status, ":attempts": expected.attempts },
      { "#status": "status" },
    );
  },
});
