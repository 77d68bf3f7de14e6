// What every ResponseStore does, whatever keeps it.
import { describe, expect, it } from "vitest";
import type { ResponseStore } from "../../functions/core/ports.ts";
import type { Response } from "../../functions/core/responses.ts";
import { submission } from "../support/factories.ts";

const draft = (memberCode: string, version: number, text = "texto"): Response => ({
  campaignId: "c1",
  memberCode,
  status: "draft",
  version,
  answers: { "anything-else": text },
  updatedAt: "2026-02-01T00:00:00.000Z",
  updatedBy: { contactId: "focal-point", name: "Ana" },
});

const latestOf = async (pages: AsyncIterable<{ memberCode: string; version: number }[]>) => {
  const seen: string[] = [];
  for await (const page of pages) for (const v of page) seen.push(`${v.memberCode}@${v.version}`);
  return seen.sort();
};

export const responseContract = (open: () => Promise<ResponseStore>) =>
  describe("ResponseStore", () => {
    it("saves a response only on the version it was based on", async () => {
      const store = await open();
      expect(await store.saveResponse(draft("ARG", 1), 0)).toBe(true);
      expect(await store.saveResponse(draft("ARG", 1, "other"), 0)).toBe(false);
      expect(await store.saveResponse(draft("ARG", 2, "second"), 1)).toBe(true);
      expect(await store.saveResponse(draft("ARG", 3, "stale"), 1)).toBe(false);
      expect(await store.getResponse("c1", "ARG")).toEqual(draft("ARG", 2, "second"));
      expect(await store.getResponse("c1", "BRA")).toBeUndefined();
      await store.saveResponse(draft("BRA", 1), 0);
      expect((await store.listResponses("c1")).map((r) => r.memberCode)).toEqual(["ARG", "BRA"]);
      expect(await store.listResponses("c2")).toEqual([]);
    });

    it("keeps a draft's and a submission's carried-over mark as written, empty lists too", async () => {
      const store = await open();
      const carriedOver = {
        campaignId: "c0",
        campaignTitle: {
          es: "Planificación 2025",
          en: "Planning 2025",
          fr: "Planification 2025",
          pt: "Planejamento 2025",
        },
        version: 3,
        submittedAt: "2025-03-15T12:00:00.000Z",
        questionnaireVersion: 1,
        questions: ["anything-else"],
        confirmed: [],
      };
      await store.saveResponse({ ...draft("ARG", 1), carriedOver }, 0);
      expect((await store.getResponse("c1", "ARG"))?.carriedOver).toEqual(carriedOver);
      await store.putResponseVersion({ ...submission("ARG", { a: "1" }, 2), carriedOver });
      expect((await store.getResponseVersion("c1", "ARG", 2))?.carriedOver).toEqual(carriedOver);
    });

    it("keeps every submitted version, never overwritten, oldest first", async () => {
      const store = await open();
      await store.putResponseVersion(submission("ARG", { a: "1" }, 2));
      await store.putResponseVersion(submission("ARG", { a: "2" }, 10));
      await store.putResponseVersion(submission("BRA", { a: "3" }, 1));
      await expect(store.putResponseVersion(submission("ARG", { a: "x" }, 2))).rejects.toThrow(
        /never overwritten/,
      );
      expect((await store.listResponseVersions("c1", "ARG")).map((v) => v.version)).toEqual([2, 10]);
      expect(await store.getResponseVersion("c1", "ARG", 10)).toEqual(submission("ARG", { a: "2" }, 10));
      expect(await store.getResponseVersion("c1", "ARG", 3)).toBeUndefined();
      expect(await store.listKeptVersions("c1")).toEqual([
        { memberCode: "ARG", version: 2 },
        { memberCode: "ARG", version: 10 },
        { memberCode: "BRA", version: 1 },
      ]);
    });

    it("hands over each member's latest submission, whole or page by page, each member once", async () => {
      const store = await open();
      const members = Array.from({ length: 150 }, (_, i) => `M${String(i).padStart(3, "0")}`);
      for (const code of members) {
        await store.putResponseVersion(submission(code, { a: "first" }, 1));
        if (code.endsWith("7")) await store.putResponseVersion(submission(code, { a: "second" }, 3));
      }
      const expected = members.map((c) => `${c}@${c.endsWith("7") ? 3 : 1}`).sort();
      const latest = await store.listLatestSubmissions("c1");
      expect(latest.map((v) => `${v.memberCode}@${v.version}`).sort()).toEqual(expected);
      expect(latest.find((v) => v.memberCode === "M007")?.answers).toEqual({ a: "second" });
      expect(await latestOf(store.latestSubmissionPages("c1"))).toEqual(expected);
      expect(await latestOf(store.latestSubmissionPages("none"))).toEqual([]);
    });

    it("points a receipt code at its version, and refuses the code twice", async () => {
      const store = await open();
      const pointer = { campaignId: "c1", memberCode: "ARG", version: 2 };
      await store.putReceipt("ABCD-EFGH", pointer);
      await expect(store.putReceipt("ABCD-EFGH", { ...pointer, version: 3 })).rejects.toThrow(
        /already taken/,
      );
      expect(await store.getReceipt("ABCD-EFGH")).toEqual(pointer);
      expect(await store.getReceipt("NONE")).toBeUndefined();
    });
  });
