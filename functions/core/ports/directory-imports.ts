// Where a previewed directory import waits until the Secretariat applies it.
import type { DirectoryImportPlan } from "../directory-import.ts";

/**
 * A preview as kept until it is applied: the plan, each member's contacts as the plan read them
 * (their contactsVersion), and when it expires (seconds since the epoch; DynamoDB's TTL deletes it
 * up to a couple of days later).
 */
export type KeptImport = { plan: DirectoryImportPlan; seen: Record<string, string>; expiresAt?: number };

export interface DirectoryImportStore {
  putImport(id: string, kept: KeptImport, expiresAt: number): Promise<void>;
  /** The preview whole, or undefined: never half of one. */
  getImport(id: string): Promise<KeptImport | undefined>;
}
