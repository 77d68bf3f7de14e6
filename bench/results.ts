// Recording a benchmark: the machine it ran on, Markdown tables, and appending the run to bench/RESULTS.md.
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";

export const RESULTS_FILE = fileURLToPath(new URL("RESULTS.md", import.meta.url));

/** `--quick`: a smoke run, shorter and smaller; its figures are labelled as such. */
export const quick = process.argv.includes("--quick");

export const machine = () => {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpu: cpus[0]?.model.trim() ?? "unknown CPU",
    cores: cpus.length,
    memoryGiB: os.totalmem() / 2 ** 30,
  };
};

/** The machine, and how busy it was over the last minutes (other work skews every figure). */
export const machineLine = () => {
  const m = machine();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
  return `Node ${m.node} · ${m.cpu} · ${m.cores} cores · ${m.memoryGiB.toFixed(1)} GiB · load average ${load} (1 / 5 / 15 min)`;
};

/** A Markdown table; numbers are printed as given, so format them first. */
export const table = (headers: string[], rows: (string | number)[][]) =>
  [
    `| ${headers.join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
export const ms = (value: number) => `${value.toFixed(0)} ms`;
export const met = (ok: boolean) => (ok ? "met" : "**missed**");

/** Prints a benchmark's figures and appends them, dated and with the machine, to bench/RESULTS.md. */
export const record = (title: string, body: string) => {
  const heading = `## ${title}: ${new Date().toISOString()}${quick ? " (quick)" : ""}`;
  const text = `${heading}\n\n${machineLine()}\n\n${body.trim()}\n`;
  console.log(`\n${text}`);
  if (!existsSync(RESULTS_FILE)) {
    writeFileSync(
      RESULTS_FILE,
      "# Benchmark results\n\nAppended by `npm run bench` (see README.md); newest last. Runs marked (quick) are smoke runs.\n",
    );
  }
  appendFileSync(RESULTS_FILE, `\n${text}`);
};
