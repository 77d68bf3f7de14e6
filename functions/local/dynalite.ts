// Embedded dynalite: a DynamoDB-compatible server in this process, on disk or in memory.
import type { AddressInfo } from "node:net";
import { mkdirSync } from "node:fs";
import dynalite from "dynalite";

export type EmbeddedDynamo = { endpoint: string; close(): Promise<void> };

export const startDynalite = async (path?: string): Promise<EmbeddedDynamo> => {
  if (path) mkdirSync(path, { recursive: true });
  const server = dynalite({
    ...(path ? { path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
