// Work Plans: each edition one item in its campaign's partition, written only over the revision it was read at.
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { WorkPlanEdition, WorkPlanStore } from "../../core/ports.ts";
import { editionOf } from "../../core/work-plan/ports.ts";
import type { WorkPlan } from "../../core/work-plan/work-plan.ts";
import { fitsKey, pad, type Table } from "./table.ts";

const PREFIX = "WORKPLAN#";
const keyOf = (campaignId: string, edition: number) => ({
  PK: `CAMPAIGN#${campaignId}`,
  SK: `${PREFIX}${pad(edition)}`,
});

// The plan is kept as JSON text (activities nest deeply; a map would cost more to write and read);
// its summary beside it, so listing the editions reads no activity.
type Stored = { plan: string; summary: string; rev: number; status: WorkPlan["status"] };
const parse = (item: Record<string, unknown>) => JSON.parse(String(item.plan)) as WorkPlan;

/** A campaign's newest `limit` editions, newest first, in one strongly consistent query. */
const newestEditions = async (table: Table, campaignId: string, limit: number) => {
  const pk = `CAMPAIGN#${campaignId}`;
  if (!fitsKey(pk)) return [];
  const out = await table.doc.send(
    new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": pk, ":sk": PREFIX },
      ScanIndexForward: false,
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
};

export const workPlanStore = (table: Table): WorkPlanStore => ({
  async getWorkPlan(campaignId, edition) {
    if (edition !== undefined) {
      const stored = await table.get<Stored>(keyOf(campaignId, edition));
      return stored ? parse(stored) : undefined;
    }
    const [newest] = await newestEditions(table, campaignId, 1);
    return newest ? parse(newest) : undefined;
  },
  async getAdoptedWorkPlan(campaignId) {
    // The newest two editions: the newest if adopted, else the draft and the adopted one it amends.
    const newest = await newestEditions(table, campaignId, 2);
    const adopted = newest.find((item) => item.status === "adopted");
    return adopted ? parse(adopted) : undefined;
  },
  async listWorkPlanEditions(campaignId) {
    const items = await table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": PREFIX },
      ProjectionExpression: "#summary",
      ExpressionAttributeNames: { "#summary": "summary" },
      ConsistentRead: true,
    });
    return items.map((item) => JSON.parse(String(item.summary)) as WorkPlanEdition);
  },
  async putWorkPlan(plan, expectedRev) {
    const item = {
      ...keyOf(plan.campaignId, plan.edition),
      kind: "work-plan",
      rev: plan.rev,
      status: plan.status,
      summary: JSON.stringify(editionOf(plan)),
      plan: JSON.stringify(plan),
    };
    if (!fitsKey(item.PK, item.SK)) return false;
    return expectedRev === 0
      ? table.putIfAbsent(item)
      : table.conditionalPut(
          item,
          "#rev = :expected AND #status = :draft",
          { ":expected": expectedRev, ":draft": "draft" },
          { "#rev": "rev", "#status": "status" },
        );
  },
});
