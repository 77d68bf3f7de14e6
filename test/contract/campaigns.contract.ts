// What every CampaignStore and ReportStore does, whatever keeps it.
import { describe, expect, it } from "vitest";
import type { CampaignStore, ReportRecord, ReportStore } from "../../functions/core/ports.ts";
import { campaign } from "../support/factories.ts";

export const campaignContract = (open: () => Promise<CampaignStore>) =>
  describe("CampaignStore", () => {
    it("creates a campaign once and lists campaigns newest first", async () => {
      const store = await open();
      await store.createCampaign(campaign({ id: "old", createdAt: "2026-01-01T00:00:00.000Z" }));
      await store.createCampaign(campaign({ id: "new", createdAt: "2026-03-01T00:00:00.000Z" }));
      await expect(store.createCampaign(campaign({ id: "old" }))).rejects.toThrow(/already exists/);
      expect((await store.listCampaigns()).map((c) => c.id)).toEqual(["new", "old"]);
      expect(await store.getCampaign("old")).toEqual(
        campaign({ id: "old", createdAt: "2026-01-01T00:00:00.000Z" }),
      );
      expect(await store.getCampaign("none")).toBeUndefined();
    });

    it("closes and reopens a campaign, a new closing date with it, and refuses an unknown one", async () => {
      const store = await open();
      await store.createCampaign(campaign());
      await store.setCampaignStatus("c1", "closed");
      expect((await store.getCampaign("c1"))?.status).toBe("closed");
      await store.setCampaignStatus("c1", "open", "2027-01-31T00:00:00.000Z");
      expect(await store.getCampaign("c1")).toMatchObject({
        status: "open",
        closesAt: "2027-01-31T00:00:00.000Z",
      });
      await expect(store.setCampaignStatus("none", "closed")).rejects.toThrow();
    });
  });

export const reportContract = (open: () => Promise<ReportStore>) =>
  describe("ReportStore", () => {
    const report = (campaignId: string, generatedAt: string): ReportRecord => ({
      campaignId,
      generatedAt,
      language: "es",
      files: { xlsx: "a.xlsx", html: "a.html", csv: "a.csv" },
      respondents: 3,
      invited: 5,
      questionnaireVersion: 1,
    });

    it("lists a campaign's reports newest first, and no other campaign's", async () => {
      const store = await open();
      await store.putReport(report("c1", "2026-02-01T00:00:00.000Z"));
      await store.putReport(report("c1", "2026-03-01T00:00:00.000Z"));
      await store.putReport(report("c2", "2026-04-01T00:00:00.000Z"));
      expect(await store.listReports("c1")).toEqual([
        report("c1", "2026-03-01T00:00:00.000Z"),
        report("c1", "2026-02-01T00:00:00.000Z"),
      ]);
      expect(await store.listReports("none")).toEqual([]);
    });

    it("keeps each issue's compiled receipt codes by member, for the next issue and for verifying", async () => {
      const store = await open();
      const receipts = { BRA: "0A1B-2C3D-4E5F", CHL: "6G7H-8J9K-AMNP" };
      await store.putReport({ ...report("c1", "2026-02-01T00:00:00.000Z"), receipts });
      const [stored] = await store.listReports("c1");
      expect(stored?.receipts).toEqual(receipts);
    });
  });
