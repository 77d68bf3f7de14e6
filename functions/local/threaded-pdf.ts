// The PDF printer of the local stack: receipts as in AWS, the report's PDF edition on a worker thread
// (report-pdf-worker.ts), so a compile never stalls the requests the same process serves.
import { Worker } from "node:worker_threads";
import { pdfDocuments } from "../adapters/pdf-documents.ts";
import type { Documents } from "../core/ports.ts";

export const threadedPdfDocuments = (): Pick<Documents, "receiptPdf" | "reportPdf"> & {
  close(): Promise<void>;
} => {
  let worker: Worker | undefined;
  let next = 0;
  const waiting = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
  const start = () => {
    const w = new Worker(new URL("./report-pdf-worker.ts", import.meta.url));
    // An idle printer never keeps the process alive.
    w.unref();
    w.on("message", (m: { id: number; bytes?: Uint8Array; error?: string }) => {
      const job = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.bytes) job?.resolve(new Uint8Array(m.bytes));
      else job?.reject(new Error(m.error ?? "The PDF printer failed"));
    });
    w.on("error", (error) => {
      for (const job of waiting.values()) job.reject(error);
      waiting.clear();
      worker = undefined;
    });
    return w;
  };
  return {
    receiptPdf: pdfDocuments.receiptPdf,
    reportPdf: (doc) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve, reject });
        (worker ??= start()).postMessage({ id, doc });
      }),
    close: async () => {
      await worker?.terminate();
      worker = undefined;
    },
  };
};
