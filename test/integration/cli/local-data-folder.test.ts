// The local stack's data folder has one server at a time: it records where it runs, a second one
// refuses naming it, the command line talks to it whatever its port, and a record left by a killed
// server is ignored. Real processes, as a person starts them.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../../../functions/local/cli.ts", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "consulta-folder-"));
const started: ChildProcess[] = [];

afterAll(() => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(folder, { recursive: true, force: true });
});

/** Env for a child: this folder, a free port unless told, nothing the test run set for itself. */
const env = (port = "0") => {
  const { CONSULTA_ADMIN_TOKEN: _t, LOCAL_DIR: _d, ...rest } = process.env;
  return { ...rest, PORT: port };
};

/** `npm start` in the folder: resolves with the URL it prints once it is ready. */
const serve = () => {
  const child = spawn(process.execPath, [CLI, "serve"], { cwd: folder, env: env() });
  started.push(child);
  let out = "";
  const url = new Promise<string>((resolve, reject) => {
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

/** A command in its own process, in the folder, with PORT at its default. */
const consulta = (...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const { PORT: _p, ...rest } = env();
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: folder, env: rest, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve(child.exitCode)
      : child.once("exit", resolve),
  );

const campaignsAt = async (url: string) => {
  const token = readFileSync(join(folder, ".local", "admin-token"), "utf8").trim();
  const res = await fetch(`${url}/api/campaigns`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { campaigns: { id: string }[] }).campaigns.map((c) => c.id);
};

describe("one local data folder, one server", () => {
  it(
    "a second server refuses naming the first; the command line talks to the first on its own port; a killed server's record is ignored",
    { timeout: 120_000 },
    async () => {
      const first = serve();
      const url = await first.url;
      expect(new URL(url).port).not.toBe("3000");

      const second = spawn(process.execPath, [CLI, "serve"], { cwd: folder, env: env() });
      started.push(second);
      let said = "";
      second.stdout.on("data", (c: Buffer) => (said += c.toString()));
      second.stderr.on("data", (c: Buffer) => (said += c.toString()));
      expect(await exited(second)).not.toBe(0);
      expect(said).toContain(url);
      expect(said).toContain(`pid ${first.child.pid}`);
      expect(said).not.toContain("Database is closed");
      expect(said).not.toMatch(/\n\s+at /); // a sentence, not a stack trace

      // PORT is at its default (3000) for the command line: it still finds the server the folder names.
      const created = await consulta(
        "campaign",
        "create",
        "--questionnaire",
        "iacml-planning",
        "--closes",
        "2099-01-31",
        "--invite",
        "URY",
        "--json",
      );
      expect(created.stderr).toBe("");
      expect(created.code).toBe(0);
      const { id } = JSON.parse(created.stdout) as { id: string };
      expect(await campaignsAt(url)).toContain(id);

      // Killed outright: its record stays behind, and the next server ignores it and takes the folder.
      first.child.kill("SIGKILL");
      await exited(first.child);
      const third = serve();
      const thirdUrl = await third.url;
      expect(await campaignsAt(thirdUrl)).toContain(id);
      const record = JSON.parse(readFileSync(join(folder, ".local", "server.json"), "utf8")) as {
        pid: number;
        url: string;
      };
      expect(record).toMatchObject({ pid: third.child.pid, url: thirdUrl });
      expect((await consulta("campaign", "list")).stdout).toContain(id);

      // Stopped with Ctrl-C: the folder is free again.
      third.child.kill("SIGINT");
      expect(await exited(third.child)).toBe(0);
      expect(existsSync(join(folder, ".local", "server.json"))).toBe(false);
    },
  );
});
