// The record of the last content load, in memory.
import type { ContentLoadRecord, ContentLoadStore } from "../../core/ports.ts";
import { copy } from "./kept.ts";

export const inMemoryContentLoadStore = (): ContentLoadStore => {
  let kept: ContentLoadRecord | undefined;
  return {
    getContentLoad: async () => copy(kept),
    putContentLoad: async (record) => {
      kept = copy(record);
    },
  };
};
