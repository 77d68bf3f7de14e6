// Issue 19's targets: each benchmark leaves its rows in bench/out/issue19-<bench>.json, run.ts gathers them in one table.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { met, table } from "./results.ts";

const OUT = fileURLToPath(new URL("out/", import.meta.url));

/** Every row of the table, in its order, with the benchmark that measures it. */
export const TARGETS = [
  {
    id: "form-requests",
    bench: "test",
    target: "form GET: ≤ 4 DynamoDB requests in ≤ 2 round trips, at 50, 1,000 and 10,000 invitations",
  },
  { id: "form-cpu", bench: "cold-start", target: "form GET: handler CPU in-process, warm ≤ 4 ms" },
  { id: "form-bytes", bench: "traffic", target: "form page on the wire ≤ 20 KB (browser's Accept-Encoding)" },
  {
    id: "form-latency-1",
    bench: "traffic",
    target: "form GET at 1 connection: p50 / p99 (no target; recorded)",
  },
  {
    id: "traffic-50",
    bench: "traffic",
    target: "50 connections: no errors, no acknowledged draft lost",
  },
  { id: "cold-import", bench: "cold-start", target: "cold start, import ≤ 1.3× ddb-min" },
  {
    id: "cold-first-event",
    bench: "cold-start",
    target: "cold start, import + first event ≤ 1.5× ddb-min import + one GetItem",
  },
  { id: "mailing-requests", bench: "mailing", target: "mailing: ≤ 6 DynamoDB requests per invitation" },
  { id: "mailing-floor", bench: "mailing", target: "mailing: ≤ 1.5× the replay floor" },
  {
    id: "mailing-rate",
    bench: "mailing",
    target: "mailing on AWS: delivery within 1.1 × N / SES rate (N = 140 at 14/s, rate-limited mailer)",
  },
  { id: "report-10k-time", bench: "report", target: "report, 10,000: ≤ 2× exceljs floor time" },
  { id: "report-10k-memory", bench: "report", target: "report, 10,000: ≤ 1.3× exceljs floor memory" },
  { id: "report-100k-time", bench: "report-scale", target: "report, 100,000: ≤ 2× exceljs floor time" },
  { id: "report-100k-memory", bench: "report-scale", target: "report, 100,000: ≤ 1.3× exceljs floor memory" },
  {
    id: "campaign-status",
    bench: "campaign-status",
    target: "campaign status ≤ 100 ms CPU at 10,000 members",
  },
] as const;

export type TargetId = (typeof TARGETS)[number]["id"];

/** One measured row: what was measured, against which floor or bound, their ratio, and whether the target is met. */
export type TargetRow = {
  id: TargetId;
  measured: string;
  floor: string;
  /** measured ÷ floor, when the target is a ratio or a bound. */
  ratio?: number;
  /** Undefined: recorded, no target to meet. */
  met?: boolean;
  /** The benchmark that measured it and whether it was a quick run. */
  bench?: string;
  quick?: boolean;
  /** When it was written (ISO): run.ts shows only rows written during its run. */
  at?: string;
};

const fileOf = (bench: string) => `${OUT}issue19-${bench}.json`;

/** A benchmark's rows, written for run.ts (and for anyone reading bench/out/). */
export const writeTargets = (bench: string, rows: TargetRow[]) => {
  mkdirSync(OUT, { recursive: true });
  const quick = process.argv.includes("--quick");
  writeFileSync(
    fileOf(bench),
    JSON.stringify(
      rows.map((r) => ({ ...r, bench, quick, at: new Date().toISOString() })),
      null,
      2,
    ),
  );
};

/** Forgets a benchmark's rows, so a run shows only what it measured. */
export const clearTargets = (bench: string) => rmSync(fileOf(bench), { force: true });

/** A benchmark's rows written since `since` (ISO); report-scale runs on its own, so its rows may be older than a run. */
export const readTargets = (bench: string, since = ""): TargetRow[] =>
  existsSync(fileOf(bench))
    ? (JSON.parse(readFileSync(fileOf(bench), "utf8")) as TargetRow[]).filter((r) => (r.at ?? "") >= since)
    : [];

const ratioText = (ratio: number | undefined) =>
  ratio === undefined || !Number.isFinite(ratio) ? "" : `${ratio.toFixed(2)}×`;

/** The table in its order; a row nobody measured in this run says "not run". */
export const targetsTable = (rows: TargetRow[]) =>
  table(
    ["issue 19 target", "measured", "floor / bound", "ratio", "met?", "by"],
    TARGETS.flatMap((t) => {
      const found = rows.filter((r) => r.id === t.id);
      if (!found.length) return [[t.target, "not run", "", "", "", t.bench]];
      return found.map((r) => [
        t.target,
        r.measured,
        r.floor,
        ratioText(r.ratio),
        r.met === undefined ? "no target" : met(r.met),
        `${r.bench ?? t.bench}${r.quick ? " (quick)" : ""}`,
      ]);
    }),
  );
