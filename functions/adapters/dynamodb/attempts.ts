// Rate counters: one item per key and window, expiring by the table's TTL.
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { AttemptStore } from "../../core/ports.ts";
import { isConditionFailure, type Table } from "./table.ts";

export const attemptStore = (table: Table): AttemptStore => ({
  async countAttempt(counter: string, windowStart: number, limit: number, expiresAt: number) {
    try {
      await table.doc.send(
        new UpdateCommand({
          TableName: table.name,
          Key: { PK: `RATE#${counter}`, SK: `W#${windowStart}` },
          UpdateExpression: "ADD attempts :one SET expiresAt = :expires, kind = :kind",
          ConditionExpression: "attribute_not_exists(attempts) OR attempts < :limit",
          ExpressionAttributeValues: { ":one": 1, ":limit": limit, ":expires": expiresAt, ":kind": "rate" },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },
});
