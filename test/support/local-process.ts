// The local stack as a person runs it: `consulta serve` and `consulta …` as real processes in a folder
// of their own, so a test can kill the server outright (SIGKILL) and start it again.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../../functions/local/cli.ts", import.meta.url));

export type LocalProcesses = ReturnType<typeof localProcesses>;

/** A folder for `.local/`, and the processes started on it; `dispose` kills what still runs. */
export const localProcesses = (extraEnv: Record<string, string> = {}) => {
  const folder = mkdtempSync(join(tmpdir(), "consulta-process-"));
  const started: ChildProcess[] = [];
  const env = () => {
    const { CONSULTA_ADMIN_TOKEN: _t, LOCAL_DIR: _d, PORT: _p, ...rest } = process.env;
    return { ...rest, ...extraEnv };
  };

  /** Starts `consulta serve` on a free port (or `PORT` of serveEnv: a restart where it ran); resolves with its URL once it listens. */
  const serve = async (serveEnv: Record<string, string> = {}) => {
    const child = spawn(process.execPath, [CLI, "serve"], {
      cwd: folder,
      env: { ...env(), PORT: "0", ...serveEnv },
    });
    started.push(child);
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const found = /running at (http:\/\/\S+)/.exec(out);
        if (found) resolve(found[1] as string);
      });
      child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
    return { child, url };
  };

  const consulta = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [CLI, ...args],
        { cwd: folder, env: env(), timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  /** Resolves when the process has ended, however it ended. */
  const ended = (child: ChildProcess) =>
    new Promise((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve(0) : child.once("exit", resolve),
    );

  /** SIGKILL: no handler runs, nothing is flushed or closed. */
  const kill = async (child: ChildProcess) => {
    child.kill("SIGKILL");
    await ended(child);
  };

  const dispose = () => {
    for (const child of started)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    rmSync(folder, { recursive: true, force: true });
  };

  return { folder, outbox: join(folder, ".local", "outbox"), serve, consulta, kill, ended, dispose };
};
