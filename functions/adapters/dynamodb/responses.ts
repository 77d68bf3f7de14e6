// Responses, their submitted versions and receipt codes.
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Response, ResponseVersion } from "../../core/responses.ts";
import type { ReceiptPointer, ResponseStore } from "../../core/ports.ts";
import { key, strip, fitsKey, isConditionFailure, type Table } from "./table.ts";

export const responseStore = (table: Table): ResponseStore => ({
  getResponse: (campaignId: string, member: string) => table.get<Response>(key.response(campaignId, member)),
  async saveResponse(response: Response, expectedVersion: number) {
    try {
      await table.doc.send(
        new PutCommand({
          TableName: table.name,
          Item: {
            ...key.response(response.campaignId, response.memberCode),
            kind: "response",
            ...response,
          },
          ...(expectedVersion === 0
            ? { ConditionExpression: "attribute_not_exists(PK)" }
            : {
                ConditionExpression: "version = :expected",
                ExpressionAttributeValues: { ":expected": expectedVersion },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },
  async putResponseVersion(version: ResponseVersion) {
    const item = {
      ...key.responseVersion(version.campaignId, version.memberCode, version.version),
      kind: "response-version",
      ...version,
    };
    if (!(await table.putIfAbsent(item))) throw new Error("A submitted version is never overwritten");
  },
  async listResponses(campaignId: string) {
    const items = await table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": "RESPONSE#" },
      ConsistentRead: true,
    });
    return items.map((i) => strip<Response>(i) as Response);
  },
  getResponseVersion: (campaignId: string, member: string, version: number) =>
    table.get<ResponseVersion>(key.responseVersion(campaignId, member, version)),
  async listResponseVersions(campaignId: string, member: string) {
    const items = await table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": `VERSION#${member}#` },
      ConsistentRead: true,
    });
    return items.map((i) => strip<ResponseVersion>(i) as ResponseVersion);
  },
  async putReceipt(code: string, pointer: ReceiptPointer) {
    // Codes carry 60 bits: a collision would be a once-in-a-billion event, and is refused, not overwritten.
    if (!(await table.putIfAbsent({ PK: `RECEIPT#${code}`, SK: "RECEIPT", kind: "receipt", ...pointer }))) {
      throw new Error(`Receipt code ${code} is already taken`);
    }
  },
  getReceipt: (code: string) => table.get<ReceiptPointer>({ PK: `RECEIPT#${code}`, SK: "RECEIPT" }),
  async listKeptVersions(campaignId: string) {
    // Only the two numbers: the page would otherwise carry every submission's answers over the wire.
    const items = await table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ProjectionExpression: "memberCode, #version",
      ExpressionAttributeNames: { "#version": "version" },
      ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": "VERSION#" },
      ConsistentRead: true,
    });
    return items.map((i) => ({ memberCode: String(i.memberCode), version: Number(i.version) }));
  },
  async listLatestSubmissions(campaignId: string) {
    const items = await table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": "VERSION#" },
      ConsistentRead: true,
    });
    const latest = new Map<string, ResponseVersion>();
    for (const item of items) {
      const v = strip<ResponseVersion>(item) as ResponseVersion;
      const known = latest.get(v.memberCode);
      if (!known || known.version < v.version) latest.set(v.memberCode, v);
    }
    return [...latest.values()];
  },
  async *latestSubmissionPages(campaignId: string) {
    const input = {
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": "VERSION#" },
      ConsistentRead: true,
    };
    if (!fitsKey(input.ExpressionAttributeValues[":pk"], input.ExpressionAttributeValues[":sk"])) return;
    // Versions sort by member, then version: a member's newest is its last item, and a member whose
    // versions run past the end of a page is held back until the next page says where they stop.
    let pending: ResponseVersion | undefined;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await table.doc.send(
        new QueryCommand({ ...input, TableName: table.name, ExclusiveStartKey: start }),
      );
      start = page.LastEvaluatedKey;
      const latest: ResponseVersion[] = [];
      for (const item of page.Items ?? []) {
        const v = strip<ResponseVersion>(item) as ResponseVersion;
        if (pending && pending.memberCode !== v.memberCode) latest.push(pending);
        if (!pending || pending.memberCode !== v.memberCode || pending.version < v.version) pending = v;
      }
      if (!start && pending) {
        latest.push(pending);
        pending = undefined;
      }
      if (latest.length) yield latest;
    } while (start);
  },
});
