// Embedded dynalite: a DynamoDB-compatible server on a thread of its own, on disk or in memory.
//
// On its own thread the database works on the second core while this one serves HTTP: on the same
// thread each request waited for every other request's storage (bench/RESULTS.md, traffic and mailing).
import { Worker } from "node:worker_threads";

export type EmbeddedDynamo = { endpoint: string; close(): Promise<void> };

type WorkerMessage = { port: number } | { error: string } | { closed: true };

export const startDynalite = async (path?: string): Promise<EmbeddedDynamo> => {
  const worker = new Worker(new URL("./dynalite-worker.ts", import.meta.url), { workerData: { path } });
  const next = () =>
    new Promise<WorkerMessage>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      worker.once("error", onError);
      worker.once("message", (message: WorkerMessage) => {
        worker.off("error", onError);
        resolve(message);
      });
    });
  const started = await next();
  if (!("port" in started)) {
    await worker.terminate();
    throw new Error(`dynalite did not start: ${"error" in started ? started.error : "no port"}`);
  }
  // The stack's own work keeps the process alive; the database alone must not.
  worker.unref();
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${started.port}`,
    close: () =>
      (closing ??= (async () => {
        const closed = next();
        worker.postMessage("close");
        await closed;
        await worker.terminate();
      })()),
  };
};
