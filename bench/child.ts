// Runs a benchmark script in a Node process of its own and reads back the one result line it prints.
import { spawn } from "node:child_process";

/** The result line's prefix; anything else a child prints is passed over. */
export const RESULT_PREFIX = "BENCH ";

export const printResult = (result: unknown) =>
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);

export const runChild = <T>(script: string, args: string[] = []) =>
  new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line)
        reject(new Error(`${script} ${args.join(" ")} exited ${code} without a result`));
      else resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as T);
    });
  });
