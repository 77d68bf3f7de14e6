// The audit log in memory.
import { AUDIT_SHOWN, type AuditEntry, type AuditStore } from "../../core/ports.ts";
import { copy } from "./kept.ts";

export const inMemoryAuditStore = (): AuditStore => {
  const entries: AuditEntry[] = [];
  return {
    putAudit: async (entry) => void entries.push(copy(entry)),
    listAudit: async (campaignId, limit = AUDIT_SHOWN) =>
      entries
        .filter((e) => e.campaignId === campaignId)
        .map((e, i) => ({ e, i }))
        // Newest first; entries of the same instant, the later written first.
        .sort((a, b) => (a.e.at < b.e.at ? 1 : a.e.at > b.e.at ? -1 : b.i - a.i))
        .slice(0, limit)
        .map(({ e }) => copy(e)),
  };
};
