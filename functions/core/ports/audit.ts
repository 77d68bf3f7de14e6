// The audit log's store: what the Secretariat did, kept for ever.

/** Something the Secretariat did: kept for ever, shown on the campaign page. */
export type AuditEntry = {
  at: string;
  actor: string;
  action: string;
  campaignId?: string;
  target?: string;
  detail?: string;
  /** How many of what it touched ({ contacts: 9, members: 8 }): numbers a page words in its language. */
  counts?: Record<string, number>;
};

/** Audit lines a page shows: the newest ones; the log itself is kept for ever. */
export const AUDIT_SHOWN = 50;

export interface AuditStore {
  putAudit(entry: AuditEntry): Promise<void>;
  /** The newest `limit` (AUDIT_SHOWN unless named), newest first; a campaign's, or the directory's. */
  listAudit(campaignId?: string, limit?: number): Promise<AuditEntry[]>;
}
