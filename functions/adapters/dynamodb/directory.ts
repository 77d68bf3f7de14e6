// The directory's members, one item each in the DIRECTORY partition.
import { BatchWriteCommand, DeleteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { MEMBER_DETAILS, type Contact, type Member, type MemberDetails } from "../../core/directory.ts";
import { LANGUAGES } from "../../core/languages.ts";
import { contactsVersion } from "../../core/member-contacts.ts";
import type { DirectoryStore } from "../../core/ports.ts";
import { key, strip, isConditionFailure, type Table } from "./table.ts";

/** The keys a detail held as a map may have: each is compared on its own. */
const DETAIL_KEYS: Partial<Record<(typeof MEMBER_DETAILS)[number], readonly string[]>> = {
  name: LANGUAGES,
  ofName: LANGUAGES,
  institution: LANGUAGES,
  alternateContact: ["id", "name", "email", "role", "language", "revoked"],
};

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
  async updateMemberDetails(code: string, details: MemberDetails, expected: MemberDetails) {
    // The condition compares each detail as stored with what the editor saw, a map key by key (DynamoDB
    // Local and dynalite do not compare whole maps), so members stored before this need no version.
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const conditions = ["attribute_exists(PK)"];
    const set: string[] = [];
    const remove: string[] = [];
    let n = 0;
    const name = (part: string) => {
      const alias = `#n${n++}`;
      names[alias] = part;
      return alias;
    };
    const compare = (path: string, seen: unknown, keys: readonly string[]) => {
      if (seen === undefined) return void conditions.push(`attribute_not_exists(${path})`);
      if (seen && typeof seen === "object") {
        for (const k of keys) compare(`${path}.${name(k)}`, (seen as Record<string, unknown>)[k], []);
        return;
      }
      values[`:v${n}`] = seen;
      conditions.push(`${path} = :v${n++}`);
    };
    for (const field of MEMBER_DETAILS) {
      const path = name(field);
      compare(path, expected[field], DETAIL_KEYS[field] ?? []);
      const next = details[field];
      if (next === undefined) remove.push(path);
      else {
        values[`:v${n}`] = next;
        set.push(`${path} = :v${n++}`);
      }
    }
    try {
      await table.doc.send(
        new UpdateCommand({
          TableName: table.name,
          Key: key.member(code),
          UpdateExpression: [
            set.length ? `SET ${set.join(", ")}` : "",
            remove.length ? `REMOVE ${remove.join(", ")}` : "",
          ]
            .filter(Boolean)
            .join(" "),
          ConditionExpression: conditions.join(" AND "),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
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
