// Compiled reports in memory.
import type { ReportRecord, ReportStore } from "../../core/ports.ts";
import { bySortKey, copy } from "./kept.ts";

export const inMemoryReportStore = (): ReportStore => {
  const reports = new Map<string, ReportRecord>();
  return {
    putReport: async (report) =>
      void reports.set(
        `${report.campaignId}\u0000${report.generatedAt}\u0000${report.language}`,
        copy(report),
      ),
    listReports: async (campaignId) =>
      [...reports.values()]
        .filter((r) => r.campaignId === campaignId)
        .sort(bySortKey((r) => `${r.generatedAt}#${r.language}`))
        .reverse()
        .map(copy),
  };
};
