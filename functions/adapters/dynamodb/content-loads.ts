// The record of the last content load, one item beside the directory's members.
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { ContentLoadRecord, ContentLoadStore } from "../../core/ports.ts";
import type { Table } from "./table.ts";

// Beside the members but outside their MEMBER# prefix, so listing the directory never reads it.
const KEY = { PK: "DIRECTORY", SK: "CONTENT-LOAD" };

export const contentLoadStore = (table: Table): ContentLoadStore => ({
  async getContentLoad() {
    return (await table.get<{ record: ContentLoadRecord }>(KEY))?.record;
  },
  async putContentLoad(record: ContentLoadRecord) {
    await table.doc.send(
      new PutCommand({ TableName: table.name, Item: { ...KEY, kind: "content-load", record } }),
    );
  },
});
