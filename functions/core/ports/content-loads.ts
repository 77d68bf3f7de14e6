// What the last `consulta load` (or the first start's seeding) wrote: how console edits are told apart.

/** Each member's fingerprint as loaded: a stored member that no longer matches it was edited since. */
export type ContentLoadRecord = { loadedAt: string; members: Record<string, string> };

export interface ContentLoadStore {
  getContentLoad(): Promise<ContentLoadRecord | undefined>;
  putContentLoad(record: ContentLoadRecord): Promise<void>;
}
