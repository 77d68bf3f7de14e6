// The directory's members, one item each in the DIRECTORY partition.
import { BatchWriteCommand, DeleteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Contact, Member } from "../../core/directory.ts";
import { contactsVersion } from "../../core/member-contacts.ts";
import type { DirectoryStore } from "../../core/ports.ts";
import { key, strip, isConditionFailure, type Table } from "./table.ts";

export const directoryStore = (table: Table): DirectoryStore => ({
  async putMembers(members: Member[]) {
    for (let i = 0; i < members.length; i += 25) {
      let pending: unknown[] = members.slice(i, i + 25).map((m) => ({
        PutRequest: {
          Item: {
            ...key.member(m.code),
            kind: "member",
            ...m,
            contactsVersion: contactsVersion(m.contacts),
          },
        },
      }));
      // BatchWrite may hand back unprocessed items under load; retry them with backoff.
      for (let attempt = 0; pending.length; attempt++) {
        const out = await table.doc.send(
          new BatchWriteCommand({ RequestItems: { [table.name]: pending as never } }),
        );
        pending = out.UnprocessedItems?.[table.name] ?? [];
        if (pending.length) {
          if (attempt >= 8)
            throw new Error(`Directory import: ${pending.length} members not written after retries`);
          await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        }
      }
    }
  },
  getMember: (code: string) => table.get<Member>(key.member(code)),
  async updateMemberContacts(code: string, contacts: Contact[], expected: Contact[]) {
    try {
      await table.doc.send(
        new UpdateCommand({
          TableName: table.name,
          Key: key.member(code),
          UpdateExpression: "SET contacts = :contacts, contactsVersion = :next",
          // A member stored before versions were kept has none: its first edit sets one.
          ConditionExpression:
            "attribute_exists(PK) AND (contactsVersion = :expected OR attribute_not_exists(contactsVersion))",
          ExpressionAttributeValues: {
            ":contacts": contacts,
            ":next": contactsVersion(contacts),
            ":expected": contactsVersion(expected),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },
  async deleteMember(code: string) {
    await table.doc.send(new DeleteCommand({ TableName: table.name, Key: key.member(code) }));
  },
  async listMembers() {
    const items = await table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": "DIRECTORY", ":sk": "MEMBER#" },
      ConsistentRead: true,
    });
    return items.map((i) => strip<Member>(i) as Member);
  },
});
