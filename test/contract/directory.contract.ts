// What every DirectoryStore and DirectoryImportStore does, whatever keeps it.
import { describe, expect, it } from "vitest";
import type {
  ContentLoadStore,
  DirectoryImportStore,
  DirectoryStore,
  KeptImport,
} from "../../functions/core/ports.ts";
import { member, text } from "../support/factories.ts";

export const directoryContract = (open: () => Promise<DirectoryStore>) =>
  describe("DirectoryStore", () => {
    it("stores members, lists them all by code, and reads one", async () => {
      const store = await open();
      const codes = Array.from({ length: 30 }, (_, i) => `M${String.fromCharCode(90 - i)}`);
      await store.putMembers(codes.map((c) => member(c)));
      expect((await store.listMembers()).map((m) => m.code)).toEqual([...codes].sort());
      expect(await store.getMember("MZ")).toEqual(member("MZ"));
      expect(await store.getMember("NOPE")).toBeUndefined();
    });

    it("replaces a member when put again", async () => {
      const store = await open();
      await store.putMembers([member("ARG")]);
      await store.putMembers([member("ARG", { language: "en" })]);
      expect((await store.getMember("ARG"))?.language).toBe("en");
      expect(await store.listMembers()).toHaveLength(1);
    });

    it("replaces contacts only over the contacts the editor read", async () => {
      const store = await open();
      const arg = member("ARG");
      await store.putMembers([arg]);
      const edited = [{ ...arg.contacts[0]!, name: "Ana" }];
      expect(await store.updateMemberContacts("ARG", edited, arg.contacts)).toBe(true);
      expect((await store.getMember("ARG"))?.contacts).toEqual(edited);
      // A second editor who read the old contacts loses.
      expect(await store.updateMemberContacts("ARG", [], arg.contacts)).toBe(false);
      expect((await store.getMember("ARG"))?.contacts).toEqual(edited);
      expect(await store.updateMemberContacts("NOPE", [], [])).toBe(false);
    });

    it("replaces a member's details only over what the editor saw, leaving its contacts", async () => {
      const store = await open();
      const arg = member("ARG", { ofName: text("of Argentina"), note: "old note" });
      await store.putMembers([arg]);
      const { code: _c, contacts: _k, ...seen } = arg;
      // A detail removed (the note) and one added (the time zone), the group changed.
      const { note: _n, ...rest } = seen;
      const edited = { ...rest, group: "workers" as const, timeZone: "America/Argentina/Buenos_Aires" };
      expect(await store.updateMemberDetails("ARG", edited, seen)).toBe(true);
      expect(await store.getMember("ARG")).toEqual({ ...edited, code: "ARG", contacts: arg.contacts });
      // A second editor who read the old details loses, and changes nothing.
      expect(await store.updateMemberDetails("ARG", { ...seen, language: "pt" }, seen)).toBe(false);
      expect((await store.getMember("ARG"))?.group).toBe("workers");
      // Nor one whose page showed another text inside a map (one language of a name).
      const now = { ...edited, ofName: { ...edited.ofName!, fr: "de l'Argentine" } };
      expect(await store.updateMemberDetails("ARG", edited, now)).toBe(false);
      expect(await store.updateMemberDetails("ARG", now, edited)).toBe(true);
      expect((await store.getMember("ARG"))?.ofName?.fr).toBe("de l'Argentine");
      expect(await store.updateMemberDetails("NOPE", seen, seen)).toBe(false);
      expect(await store.getMember("NOPE")).toBeUndefined();
    });

    it("removes a member, and removing one that is not there is no error", async () => {
      const store = await open();
      await store.putMembers([member("ARG"), member("BRA")]);
      await store.deleteMember("ARG");
      await store.deleteMember("NOPE");
      expect((await store.listMembers()).map((m) => m.code)).toEqual(["BRA"]);
      expect(await store.getMember("ARG")).toBeUndefined();
    });

    it("hands out copies: changing what was read changes nothing stored", async () => {
      const store = await open();
      await store.putMembers([member("ARG")]);
      const read = (await store.getMember("ARG"))!;
      read.contacts.length = 0;
      expect((await store.getMember("ARG"))?.contacts).toHaveLength(1);
    });
  });

export const directoryImportContract = (open: () => Promise<DirectoryImportStore>) =>
  describe("DirectoryImportStore", () => {
    const kept = (rows: number): KeptImport => ({
      plan: {
        headerRow: 1,
        rows: [],
        members: Array.from({ length: rows }, (_, i) => member(`M${i}`)),
        removed: [],
        unchanged: [],
        counts: { ok: rows, errors: 0, duplicates: 0, members: rows },
      },
      seen: { ARG: "0123456789abcdef" },
      expiresAt: 2_000_000_000,
    });

    it("keeps a preview whole, however large, and finds nothing under another id", async () => {
      const store = await open();
      const large = kept(3000); // well over one DynamoDB item
      await store.putImport("big", large, 2_000_000_000);
      await store.putImport("small", kept(1), 2_000_000_000);
      expect(await store.getImport("big")).toEqual(large);
      expect(await store.getImport("small")).toEqual(kept(1));
      expect(await store.getImport("none")).toBeUndefined();
    });
  });

export const contentLoadContract = (open: () => Promise<ContentLoadStore & DirectoryStore>) =>
  describe("ContentLoadStore", () => {
    it("keeps the last load's record, apart from the members it describes", async () => {
      const store = await open();
      expect(await store.getContentLoad()).toBeUndefined();
      await store.putContentLoad({ loadedAt: "2026-01-01T00:00:00Z", members: { ARG: "a1" } });
      await store.putContentLoad({ loadedAt: "2026-02-01T00:00:00Z", members: { ARG: "a2", BRA: "b1" } });
      expect(await store.getContentLoad()).toEqual({
        loadedAt: "2026-02-01T00:00:00Z",
        members: { ARG: "a2", BRA: "b1" },
      });
      expect(await store.listMembers()).toEqual([]);
    });
  });
