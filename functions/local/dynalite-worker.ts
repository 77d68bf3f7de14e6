// The embedded DynamoDB server's thread: dynalite answers on the second core while the stack serves on the first.
import type { AddressInfo } from "node:net";
import { mkdirSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import dynalite from "dynalite";

const { path } = workerData as { path?: string };
if (path) mkdirSync(path, { recursive: true });
const server = dynalite({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.once("error", (error: Error) => parentPort?.postMessage({ error: error.message }));
server.listen(0, "127.0.0.1", () =>
  parentPort?.postMessage({ port: (server.address() as AddressInfo).port }),
);
parentPort?.on("message", (message) => {
  // Closing the server closes its database, so what is on disk is complete before the thread ends.
  if (message === "close") server.close(() => parentPort?.postMessage({ closed: true }));
});
