// The report's PDF edition printed on a thread of its own, for the local stack: pdfmake lays a document
// out in one synchronous stretch (seconds for a long report), which in the one process serving every
// local request would stall them all. In AWS the compile runs in its own function (run-job).
import { parentPort } from "node:worker_threads";
import { reportPdf } from "../adapters/pdf-documents.ts";
import type { PrintedReport } from "../core/report/inputs-pdf.ts";

parentPort?.on("message", (message: { id: number; doc: PrintedReport }) => {
  reportPdf(message.doc).then(
    (bytes) => parentPort?.postMessage({ id: message.id, bytes }, [bytes.buffer as ArrayBuffer]),
    (error: unknown) => parentPort?.postMessage({ id: message.id, error: String(error) }),
  );
});
