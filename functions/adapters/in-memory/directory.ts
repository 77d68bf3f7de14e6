// The directory in memory.
import { detailsOf, type Member } from "../../core/directory.ts";
import { contactsVersion } from "../../core/member-contacts.ts";
import type { DirectoryStore } from "../../core/ports.ts";
import { bySortKey, copy } from "./kept.ts";

/** Equal as DynamoDB compares maps: key order does not count, an absent key is not a key. */
const sameValue = (a: unknown, b: unknown): boolean => sorted(a) === sorted(b);
const sorted = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );

export const inMemoryDirectoryStore = (): DirectoryStore => {
  const members = new Map<string, Member>();
  return {
    putMembers: async (list) => {
      for (const m of list) members.set(m.code, copy(m));
    },
    listMembers: async () => [...members.values()].sort(bySortKey((m) => m.code)).map(copy),
    getMember: async (code) => copy(members.get(code)),
    deleteMember: async (code) => {
      members.delete(code);
    },
    updateMemberContacts: async (code, contacts, expected) => {
      const stored = members.get(code);
      if (!stored || contactsVersion(stored.contacts) !== contactsVersion(expected)) return false;
      members.set(code, { ...stored, contacts: copy(contacts) });
      return true;
    },
    updateMemberDetails: async (code, details, expected) => {
      const stored = members.get(code);
      if (!stored || !sameValue(detailsOf(stored), expected)) return false;
      members.set(code, { ...copy(details), code, contacts: stored.contacts });
      return true;
    },
  };
};
