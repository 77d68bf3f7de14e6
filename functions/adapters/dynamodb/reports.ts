// Compiled reports in their campaign's partition, newest first.
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { ReportRecord, ReportStore } from "../../core/ports.ts";
import { key, strip, type Table } from "./table.ts";

export const reportStore = (table: Table): ReportStore => ({
  async putReport(report: ReportRecord) {
    await table.doc.send(
      new PutCommand({
        TableName: table.name,
        Item: {
          ...key.report(report.campaignId, report.generatedAt, report.language),
          kind: "report",
          ...report,
        },
      }),
    );
  },
  async listReports(campaignId: string) {
    const items = await table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": "REPORT#" },
      ScanIndexForward: false,
    });
    return items.map((i) => strip<ReportRecord>(i) as ReportRecord);
  },
});
