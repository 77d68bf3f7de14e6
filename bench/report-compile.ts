// Compiles one campaign's Inputs report in a process of its own, for its time and peak memory (the report benchmark's child).
import { readFileSync } from "node:fs";
import { createHandlebarsViews } from "../functions/adapters/handlebars-views.ts";
import { writeXlsx } from "../functions/adapters/xlsx/stream-writer.ts";
import { pdfDocuments } from "../functions/adapters/pdf-documents.ts";
import { createPorts } from "../functions/adapters/ports.ts";
import { configWith } from "../functions/config.ts";
import { compileInputsReport } from "../functions/core/compile-inputs-report.ts";
import type { Ports } from "../functions/core/ports.ts";
import { printResult } from "./child.ts";

export type CompileSpec = { endpoint: string; tableName: string; localDir: string; campaignId: string };
export type CompileResult = {
  seconds: number;
  /** Of which awaiting the repository (reads from dynalite in the parent) and the blob store (files). */
  repositorySeconds: number;
  blobSeconds: number;
  rssBeforeBytes: number;
  peakRssBytes: number;
  respondents: number;
  xlsx: string;
};

/** Adds up the time spent awaiting each page of a paged read. */
async function* timedPages<T>(pages: AsyncIterable<T>, total: { seconds: number }) {
  const it = pages[Symbol.asyncIterator]();
  for (;;) {
    const started = performance.now();
    const next = await it.next();
    total.seconds += (performance.now() - started) / 1000;
    if (next.done) return;
    yield next.value;
  }
}

/** Adds up the time spent awaiting each method of a port, and each page of the paged ones. */
const timed = <T extends object>(port: T, total: { seconds: number }): T =>
  Object.fromEntries(
    Object.entries(port).map(([name, fn]) => [
      name,
      typeof fn === "function" && fn.constructor.name === "AsyncGeneratorFunction"
        ? (...args: unknown[]) =>
            timedPages((fn as (...a: unknown[]) => AsyncIterable<unknown>)(...args), total)
        : typeof fn === "function"
          ? async (...args: unknown[]) => {
              const started = performance.now();
              try {
                return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
              } finally {
                total.seconds += (performance.now() - started) / 1000;
              }
            }
          : fn,
    ]),
  ) as T;

const compile = async (spec: CompileSpec): Promise<CompileResult> => {
  const config = configWith({
    CONSULTA_ADAPTERS: "local",
    DYNAMODB_ENDPOINT: spec.endpoint,
    TABLE_NAME: spec.tableName,
    LOCAL_DIR: spec.localDir,
    PUBLIC_BASE_URL: "http://127.0.0.1:3000",
  });
  // The compile job prints the report's PDF edition too (run-job has the printer): measured with it.
  const ports = createPorts(config, {
    views: createHandlebarsViews,
    workbooks: writeXlsx,
    documents: pdfDocuments,
  });
  const repository = { seconds: 0 };
  const blobs = { seconds: 0 };
  const measured: Ports = {
    ...ports,
    repository: timed(ports.repository, repository),
    blobs: timed(ports.blobs, blobs),
  };
  const rssBeforeBytes = process.memoryUsage().rss;
  const started = performance.now();
  const report = await compileInputsReport(measured, spec.campaignId, "es");
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    repositorySeconds: repository.seconds,
    blobSeconds: blobs.seconds,
    rssBeforeBytes,
    // resourceUsage() gives kilobytes.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    respondents: report.respondents,
    xlsx: report.files.xlsx,
  };
};

if (import.meta.main) {
  const spec = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as CompileSpec;
  printResult(await compile(spec));
  process.exit(0);
}
