// The audit log: in its campaign's partition, or the directory's AUDIT one.
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { AUDIT_SHOWN, type AuditEntry, type AuditStore } from "../../core/ports.ts";
import { strip, fitsKey, type Table } from "./table.ts";

export const auditStore = (table: Table): AuditStore => ({
  async putAudit(entry: AuditEntry) {
    const suffix = Math.random().toString(36).slice(2, 8);
    await table.doc.send(
      new PutCommand({
        TableName: table.name,
        Item: {
          PK: entry.campaignId ? `CAMPAIGN#${entry.campaignId}` : "AUDIT",
          SK: `AUDIT#${entry.at}#${suffix}`,
          kind: "audit",
          ...entry,
        },
      }),
    );
  },
  async listAudit(campaignId?: string, limit = AUDIT_SHOWN) {
    // One request for the newest `limit`: the log is kept for ever and only its head is shown.
    const pk = campaignId ? `CAMPAIGN#${campaignId}` : "AUDIT";
    if (!fitsKey(pk)) return [];
    const page = await table.doc.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues: { ":pk": pk, ":sk": "AUDIT#" },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map((i) => strip<AuditEntry>(i) as AuditEntry);
  },
});
