// `npm run bench`: each benchmark in a Node process of its own, in order; `--quick` for a smoke run, names to pick some.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { machineLine, quick, RESULTS_FILE } from "./results.ts";

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
console.log(`Results appended to ${RESULTS_FILE}`);
if (failed.length) process.exit(1);
