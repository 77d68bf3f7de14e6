// What every InvitationStore and EmailStore does, whatever keeps it.
import { describe, expect, it } from "vitest";
import type { TokenRecord } from "../../functions/core/invitations.ts";
import type { EmailStore, InvitationStore } from "../../functions/core/ports.ts";
import { emailRecord, invitation } from "../support/factories.ts";

export const invitationContract = (open: () => Promise<InvitationStore>) =>
  describe("InvitationStore", () => {
    it("creates an invitation once and updates it only from the revision the writer read", async () => {
      const store = await open();
      expect(await store.createInvitation(invitation())).toBe(true);
      expect(await store.createInvitation(invitation({ email: "other@example.org" }))).toBe(false);
      expect(await store.getInvitation("c1", "ARG", "focal-point")).toEqual(invitation());
      expect(await store.updateInvitation(invitation({ state: "sent", rev: 1 }), 0)).toBe(true);
      expect(await store.updateInvitation(invitation({ state: "bounced", rev: 1 }), 0)).toBe(false);
      expect((await store.getInvitation("c1", "ARG", "focal-point"))?.state).toBe("sent");
      expect(await store.updateInvitation(invitation({ contactId: "none", rev: 1 }), 0)).toBe(false);
      expect(await store.getInvitation("c1", "ARG", "none")).toBeUndefined();
    });

    it("lists a campaign's invitations, or one member's (never a member whose code starts the same)", async () => {
      const store = await open();
      for (const [memberCode, contactId] of [
        ["BRA", "b"],
        ["AR", "x"],
        ["ARG", "b"],
        ["ARG", "a"],
      ] as const)
        await store.createInvitation(invitation({ memberCode, contactId }));
      await store.createInvitation(invitation({ campaignId: "c2" }));
      const keys = (list: { memberCode: string; contactId: string }[]) =>
        list.map((i) => `${i.memberCode}/${i.contactId}`);
      expect(keys(await store.listInvitations("c1"))).toEqual(["AR/x", "ARG/a", "ARG/b", "BRA/b"]);
      expect(keys(await store.listMemberInvitations("c1", "ARG"))).toEqual(["ARG/a", "ARG/b"]);
      expect(await store.listMemberInvitations("c1", "URY")).toEqual([]);
    });

    it("stores a token by its hash once, and changes its status", async () => {
      const store = await open();
      const token: TokenRecord = {
        tokenHash: "h1",
        campaignId: "c1",
        memberCode: "ARG",
        contactId: "focal-point",
        status: "active",
        issuedAt: "2026-01-01T00:00:00.000Z",
      };
      await store.putToken(token);
      await expect(store.putToken(token)).rejects.toThrow(/collision/);
      await store.setTokenStatus("h1", "replaced");
      expect(await store.getToken("h1")).toEqual({ ...token, status: "replaced" });
      expect(await store.getToken("none")).toBeUndefined();
      await expect(store.setTokenStatus("none", "revoked")).rejects.toThrow();
    });
  });

export const emailContract = (open: () => Promise<EmailStore>) =>
  describe("EmailStore", () => {
    it("creates a record once and moves it only from the status and attempts the worker saw", async () => {
      const store = await open();
      const pending = emailRecord();
      expect(await store.createEmail(pending)).toBe(true);
      expect(await store.createEmail(emailRecord({ status: "sending" }))).toBe(false);
      expect(await store.getEmail(pending)).toEqual(pending);
      const sending = { ...pending, status: "sending" as const, attempts: 1 };
      expect(await store.updateEmail(pending, sending)).toBe(true);
      expect(await store.updateEmail(pending, { ...pending, status: "sent" })).toBe(false);
      expect(await store.getEmail(pending)).toEqual(sending);
      expect(await store.updateEmail(emailRecord({ n: "9" }), emailRecord({ n: "9" }))).toBe(false);
    });

    it("keeps each kind and number apart and lists a campaign's records", async () => {
      const store = await open();
      await store.createEmail(emailRecord());
      await store.createEmail(emailRecord({ kind: "reminder", n: "1" }));
      await store.createEmail(emailRecord({ kind: "reminder", n: "2" }));
      await store.createEmail(emailRecord({ campaignId: "c2" }));
      const listed = await store.listEmails("c1");
      expect(listed.map((e) => `${e.kind}#${e.n}`).sort()).toEqual([
        "invitation#1",
        "reminder#1",
        "reminder#2",
      ]);
      expect(await store.getEmail(emailRecord({ kind: "reminder", n: "2" }))).toEqual(
        emailRecord({ kind: "reminder", n: "2" }),
      );
      expect(await store.listEmails("none")).toEqual([]);
    });
  });
