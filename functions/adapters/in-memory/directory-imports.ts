// Directory import previews in memory.
import type { DirectoryImportStore, KeptImport } from "../../core/ports.ts";
import { copy } from "./kept.ts";

export const inMemoryDirectoryImportStore = (): DirectoryImportStore => {
  const imports = new Map<string, KeptImport>();
  return {
    putImport: async (id, kept) => void imports.set(id, copy(kept)),
    getImport: async (id) => copy(imports.get(id)),
  };
};
