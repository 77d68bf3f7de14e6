// The local blob store: a folder standing in for the S3 bucket, keys as relative paths.
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { BlobStore } from "../core/ports.ts";

export const createFolderBlobStore = (root: string): BlobStore & { pathOf(key: string): string } => {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = resolve(join(base, key));
    if (!path.startsWith(base + sep)) throw new Error(`Blob key escapes the store: ${key}`);
    return path;
  };
  return {
    pathOf,
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // A temporary name of its own, so two writers of one key never rename each other's file away.
      const tmp = `${path}.${randomUUID()}.tmp`;
      await writeFile(tmp, body);
      await rename(tmp, path);
    },
    // Locally the console serves the file itself.
    downloadUrl: async () => undefined,
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
  };
};
