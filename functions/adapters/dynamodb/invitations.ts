// Invitations in their campaign's partition, and the link tokens in partitions of their own.
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Invitation, TokenRecord } from "../../core/invitations.ts";
import type { InvitationStore } from "../../core/ports.ts";
import { key, strip, type Table } from "./table.ts";

export const invitationStore = (table: Table): InvitationStore => ({
  createInvitation: (inv: Invitation) =>
    table.putIfAbsent({
      ...key.invitation(inv.campaignId, inv.memberCode, inv.contactId),
      kind: "invitation",
      ...inv,
    }),
  getInvitation: (campaignId: string, member: string, contact: string) =>
    table.get<Invitation>(key.invitation(campaignId, member, contact)),
  async listInvitations(campaignId: string) {
    const items = await table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": "INVITE#" },
      ConsistentRead: true,
    });
    return items.map((i) => strip<Invitation>(i) as Invitation);
  },
  async listMemberInvitations(campaignId: string, memberCode: string) {
    const items = await table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": `CAMPAIGN#${campaignId}`, ":sk": `INVITE#${memberCode}#` },
      ConsistentRead: true,
    });
    return items.map((i) => strip<Invitation>(i) as Invitation);
  },
  async updateInvitation(next: Invitation, expectedRev: number) {
    return table.conditionalPut(
      { ...key.invitation(next.campaignId, next.memberCode, next.contactId), kind: "invitation", ...next },
      "rev = :rev",
      { ":rev": expectedRev },
    );
  },
  async putToken(token: TokenRecord) {
    if (!(await table.putIfAbsent({ ...key.token(token.tokenHash), kind: "token", ...token }))) {
      throw new Error("Token collision: refusing to reuse a token hash");
    }
  },
  getToken: (hash: string) => table.get<TokenRecord>(key.token(hash)),
  async setTokenStatus(hash: string, status: TokenRecord["status"]) {
    await table.doc.send(
      new UpdateCommand({
        TableName: table.name,
        Key: key.token(hash),
        UpdateExpression: "SET #status = :status",
        ConditionExpression: "attribute_exists(PK)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":status": status },
      }),
    );
  },
});
