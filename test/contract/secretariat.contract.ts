// What every SignInStore, AttemptStore and AuditStore does, whatever keeps it.
import { describe, expect, it } from "vitest";
import {
  AUDIT_SHOWN,
  type AttemptStore,
  type AuditEntry,
  type AuditStore,
  type SignInStore,
} from "../../functions/core/ports.ts";

export const signInContract = (open: () => Promise<SignInStore>) =>
  describe("SignInStore", () => {
    it("lets a sign-in link be used once, before it expires", async () => {
      const store = await open();
      const link = { tokenHash: "t1", email: "ana@example.org", expiresAt: 1000 };
      await store.putSignInLink(link);
      await expect(store.putSignInLink(link)).rejects.toThrow(/collision/);
      await store.putSignInLink({ ...link, tokenHash: "t2" });
      expect(await store.consumeSignInLink("t1", 999)).toEqual(link);
      expect(await store.consumeSignInLink("t1", 999)).toBeUndefined();
      expect(await store.consumeSignInLink("t2", 1000)).toBeUndefined();
      expect(await store.consumeSignInLink("none", 1)).toBeUndefined();
    });

    it("keeps a session until it is deleted", async () => {
      const store = await open();
      const session = { sessionHash: "s1", email: "ana@example.org", expiresAt: 1000 };
      await store.putSession(session);
      expect(await store.getSession("s1")).toEqual(session);
      await store.deleteSession("s1");
      expect(await store.getSession("s1")).toBeUndefined();
      await store.deleteSession("s1");
    });

    it("keeps each person's console language, the last one chosen", async () => {
      const store = await open();
      expect(await store.getConsoleLanguage("ana@example.org")).toBeUndefined();
      await store.putConsoleLanguage("ana@example.org", "fr");
      await store.putConsoleLanguage("ana@example.org", "pt");
      await store.putConsoleLanguage("luis@example.org", "es");
      expect(await store.getConsoleLanguage("ana@example.org")).toBe("pt");
      expect(await store.getConsoleLanguage("luis@example.org")).toBe("es");
    });
  });

export const attemptContract = (open: () => Promise<AttemptStore>) =>
  describe("AttemptStore", () => {
    it("counts attempts per key and window up to the limit", async () => {
      const store = await open();
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await store.countAttempt("ip#1", 100, 3, 9999));
      expect(results).toEqual([true, true, true, false]);
      expect(await store.countAttempt("ip#1", 200, 3, 9999)).toBe(true);
      expect(await store.countAttempt("ip#2", 100, 3, 9999)).toBe(true);
    });
  });

export const auditContract = (open: () => Promise<AuditStore>) =>
  describe("AuditStore", () => {
    const entry = (i: number, campaignId?: string): AuditEntry => ({
      at: `2026-02-01T00:00:${String(i).padStart(2, "0")}.000Z`,
      actor: "ana@example.org",
      action: "send",
      ...(campaignId ? { campaignId } : {}),
      target: `T${i}`,
    });

    it("lists a campaign's entries, or the directory's, newest first, the newest AUDIT_SHOWN unless told", async () => {
      const store = await open();
      for (let i = 0; i < AUDIT_SHOWN + 5; i++) await store.putAudit(entry(i % 60, "c1"));
      await store.putAudit(entry(1));
      await store.putAudit(entry(2));
      const shown = await store.listAudit("c1");
      expect(shown).toHaveLength(AUDIT_SHOWN);
      expect(shown[0]).toEqual(entry(AUDIT_SHOWN + 4, "c1"));
      expect((await store.listAudit("c1", 2)).map((e) => e.target)).toEqual([
        `T${AUDIT_SHOWN + 4}`,
        `T${AUDIT_SHOWN + 3}`,
      ]);
      expect(await store.listAudit()).toEqual([entry(2), entry(1)]);
      expect(await store.listAudit("none")).toEqual([]);
    });
  });
