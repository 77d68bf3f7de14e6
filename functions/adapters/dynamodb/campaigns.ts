// Campaigns, each with a second item in the CAMPAIGNS partition that lists them.
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Campaign } from "../../core/campaign.ts";
import type { CampaignStore } from "../../core/ports.ts";
import { key, type Table } from "./table.ts";

/** Campaigns are listed from a second item per campaign in one partition (few campaigns a year). */
const campaignIndexKey = (c: Campaign) => ({ PK: "CAMPAIGNS", SK: `${c.createdAt}#${c.id}` });

export const campaignStore = (table: Table): CampaignStore => ({
  async createCampaign(campaign: Campaign) {
    if (!(await table.putIfAbsent({ ...key.campaign(campaign.id), kind: "campaign", ...campaign }))) {
      throw new Error(`Campaign ${campaign.id} already exists`);
    }
    await table.doc.send(
      new PutCommand({
        TableName: table.name,
        Item: { ...campaignIndexKey(campaign), kind: "campaign-index", id: campaign.id },
      }),
    );
  },
  getCampaign: (id: string) => table.get<Campaign>(key.campaign(id)),
  async listCampaigns() {
    const index = await table.queryAll({
      KeyConditionExpression: "PK = :pk",
      ExpressionAttributeValues: { ":pk": "CAMPAIGNS" },
      ScanIndexForward: false,
    });
    const campaigns = await Promise.all(index.map((i) => table.get<Campaign>(key.campaign(String(i.id)))));
    return campaigns.filter((c): c is Campaign => c !== undefined);
  },
  async setCampaignStatus(id: string, status: Campaign["status"], closesAt?: string) {
    await table.doc.send(
      new UpdateCommand({
        TableName: table.name,
        Key: key.campaign(id),
        UpdateExpression: closesAt ? "SET #status = :status, closesAt = :closes" : "SET #status = :status",
        ConditionExpression: "attribute_exists(PK)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":status": status, ...(closesAt ? { ":closes": closesAt } : {}) },
      }),
    );
  },
});
