// `npm run bench`: each benchmark in a Node process of its own, in order; `--quick` for a smoke run, names to pick some.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { clearTargets, readTargets, targetsTable, type TargetRow } from "./issue19.ts";
import { machineLine, quick, record, RESULTS_FILE } from "./results.ts";

const BENCHMARKS = ["bundles", "cold-start", "traffic", "mailing", "report", "campaign-status"] as const;

const named = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const unknown = named.filter((n) => !(BENCHMARKS as readonly string[]).includes(n));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(", ")}; choose from ${BENCHMARKS.join(", ")}`);
  process.exit(2);
}
const chosen = named.length ? BENCHMARKS.filter((b) => named.includes(b)) : [...BENCHMARKS];
if (!process.version.startsWith("v24.")) {
  console.error(`Node ${process.version}: run the benchmarks with the repository's Node 24 (npm run bench)`);
  process.exit(2);
}

console.log(`${machineLine()}${quick ? " · quick" : ""}: ${chosen.join(", ")}`);
const failed: string[] = [];
const startedAt = new Date().toISOString();
// Rows left by an earlier run would pass for this one's.
for (const name of BENCHMARKS) clearTargets(name);
for (const name of chosen) {
  const started = performance.now();
  const args = [fileURLToPath(new URL(`${name}.ts`, import.meta.url)), ...(quick ? ["--quick"] : [])];
  // The cold starts measure the bundles just built, when they were.
  if (name === "cold-start" && chosen.includes("bundles")) args.push("--reuse-bundles");
  const run = spawnSync(process.execPath, args, { stdio: "inherit" });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  if (run.status !== 0) failed.push(name);
  console.log(`${name}: ${run.status === 0 ? "done" : `FAILED (exit ${run.status})`} in ${seconds} s`);
}

// The request counts are a test's to prove (they hold on every run of the suite), not a timing.
const counted: TargetRow = {
  id: "form-requests",
  measured: "proved by test/integration/http/form-requests.test.ts (same at 50, 1,000 and 10,000)",
  floor: "4 requests, 2 round trips",
  met: true,
  bench: "test (npm test)",
};
// report-scale (100,000 respondents, tens of minutes) is run on its own: its latest rows, dated.
const scale = readTargets("report-scale").map((r) => ({
  ...r,
  bench: `report-scale${(r.at ?? "") < startedAt ? `, run alone ${r.at?.slice(0, 16) ?? ""}` : ""}`,
}));
const rows = [counted, ...BENCHMARKS.flatMap((b) => readTargets(b, startedAt)), ...scale];
record(
  "Issue 19 targets",
  `Every row of issue 19's table measured by this run (${chosen.join(", ")}); "not run": its benchmark was not chosen${failed.length ? ` or failed (${failed.join(", ")})` : ""}.\n\n${targetsTable(rows)}`,
);
console.log(`Results appended to ${RESULTS_FILE}`);
if (failed.length) process.exit(1);
