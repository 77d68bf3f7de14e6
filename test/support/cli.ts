// The real `consulta` command in its own process, against a test stack's admin API.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../../functions/local/cli.ts", import.meta.url));

export type CliRun = { code: number; stdout: string; stderr: string };

export const runConsulta = (stack: { url: string; adminToken: string }, ...args: string[]) =>
  new Promise<CliRun>((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args, "--api", stack.url],
      { env: { ...process.env, CONSULTA_ADMIN_TOKEN: stack.adminToken } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
