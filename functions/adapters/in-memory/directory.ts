// The directory in memory.
import type { Member } from "../../core/directory.ts";
import { contactsVersion } from "../../core/member-contacts.ts";
import type { DirectoryStore } from "../../core/ports.ts";
import { bySortKey, copy } from "./kept.ts";

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
  };
};
