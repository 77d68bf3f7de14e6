// Directory import previews, kept in parts under DynamoDB's item size until applied or expired.
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { DirectoryImportStore, KeptImport } from "../../core/ports.ts";
import { pad, type Table } from "./table.ts";

/** Under DynamoDB's 400 KB an item, with room for the keys. */
const IMPORT_PART_BYTES = 350 * 1024;

export const directoryImportStore = (table: Table): DirectoryImportStore => ({
  async putImport(id: string, plan: unknown, expiresAt: number) {
    // A preview can be far larger than DynamoDB's 400 KB an item (one line per row of the file): its
    // JSON is kept in parts, and the head naming how many is written last, so a reader never finds
    // half a preview.
    const bytes = Buffer.from(JSON.stringify(plan));
    const parts = Math.max(1, Math.ceil(bytes.length / IMPORT_PART_BYTES));
    for (let i = 0; i < parts; i++) {
      await table.doc.send(
        new PutCommand({
          TableName: table.name,
          Item: {
            PK: `IMPORT#${id}`,
            SK: `PART#${pad(i)}`,
            kind: "import-part",
            bytes: bytes.subarray(i * IMPORT_PART_BYTES, (i + 1) * IMPORT_PART_BYTES),
            expiresAt,
          },
        }),
      );
    }
    await table.doc.send(
      new PutCommand({
        TableName: table.name,
        Item: { PK: `IMPORT#${id}`, SK: "PLAN", kind: "import", parts, expiresAt },
      }),
    );
  },
  async getImport(id: string) {
    const head = await table.get<{ parts?: number; plan?: string }>({ PK: `IMPORT#${id}`, SK: "PLAN" });
    if (!head) return undefined;
    if (typeof head.plan === "string") return JSON.parse(head.plan) as KeptImport; // kept whole, before parts
    const parts = await table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": `IMPORT#${id}`, ":sk": "PART#" },
      ConsistentRead: true,
    });
    if (parts.length !== head.parts) return undefined;
    return JSON.parse(Buffer.concat(parts.map((p) => p.bytes as Uint8Array)).toString("utf8")) as KeptImport;
  },
});
