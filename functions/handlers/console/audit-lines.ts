// Audit entries as the console shows them: an action with counts gets its counts worded in the page's language.
import type { AuditEntry } from "../../core/ports.ts";
import type { OpenRequest } from "./page.ts";

export const auditLines = (r: Pick<OpenRequest, "ports" | "lang">, entries: AuditEntry[]) =>
  entries.map((entry) =>
    entry.counts
      ? {
          ...entry,
          action: `${entry.action}: ${r.ports.views.translate(
            r.lang,
            `console.audit-counts.${entry.action.replaceAll(" ", "-")}`,
            entry.counts,
          )}`,
        }
      : entry,
  );
