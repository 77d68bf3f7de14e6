// A real local server killed outright (SIGKILL) in the middle of a mailing, at several points, and
// started again: every contact's newest email carries a link that works, and no email's link was
// retired while it was the newest that contact had.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";

const CLI = fileURLToPath(new URL("../../functions/local/cli.ts", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "consulta-killed-"));
const outbox = join(folder, ".local", "outbox");
const started: ChildProcess[] = [];

afterAll(() => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(folder, { recursive: true, force: true });
});

const env = () => {
  const { CONSULTA_ADMIN_TOKEN: _t, LOCAL_DIR: _d, PORT: _p, ...rest } = process.env;
  // Slow enough that a kill lands in the middle of the mailing.
  return { ...rest, SEND_RATE_PER_SECOND: "25" };
};

const serve = async () => {
  const child = spawn(process.execPath, [CLI, "serve"], { cwd: folder, env: { ...env(), PORT: "0" } });
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

const emlCount = () => {
  try {
    return readdirSync(outbox).filter((f) => f.endsWith(".eml")).length;
  } catch {
    return 0;
  }
};

const killWhenOutboxHas = async (child: ChildProcess, count: number) => {
  while (emlCount() < count) await new Promise((r) => setTimeout(r, 10));
  child.kill("SIGKILL");
  await new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(0) : child.once("exit", resolve),
  );
};

describe("a local server killed in the middle of a mailing", () => {
  it(
    "leaves every contact with a working newest link, however often it is killed and restarted",
    { timeout: 180_000 },
    async () => {
      let server = await serve();
      const created = await consulta(
        "campaign",
        "create",
        "--questionnaire",
        "iacml-planning",
        "--closes",
        "2099-01-31",
        "--json",
      );
      expect(created.code).toBe(0);
      const { id } = JSON.parse(created.stdout) as { id: string };

      // Killed three times part-way, each time started again and "send" pressed again.
      for (const at of [5, 15, 30]) {
        const sending = consulta("campaign", "send", id);
        await killWhenOutboxHas(server.child, at);
        expect((await sending).code).toBe(1);
        server = await serve();
      }
      const last = await consulta("campaign", "send", id, "--json");
      expect(last.code).toBe(0);
      const summary = JSON.parse(last.stdout) as { contacts: number; inFlight: number; queued: number };

      // Each contact's emails, oldest first, and what each link does now (on the new server's port).
      const mail = readOutbox(outbox).filter((m) => m.headers["x-consulta-campaign"] === id);
      const byContact = new Map<string, string[]>();
      for (const m of mail) {
        const key = `${m.headers["x-consulta-member"]}/${m.headers["x-consulta-contact"]}`;
        byContact.set(key, [...(byContact.get(key) ?? []), new URL(respondentLink(m) as string).pathname]);
      }
      const status = async (path: string) =>
        (await fetch(`${server.url}${path}`, { headers: { accept: "text/html" } })).status;
      const newest: number[] = [];
      let extra = 0;
      for (const paths of byContact.values()) {
        newest.push(await status(paths[paths.length - 1] as string));
        extra += paths.length - 1;
      }
      // Everyone has mail but those a killed worker held: their lease must run out first, and "send"
      // says so (a held one may also have left already: the at-least-once window).
      expect(summary.contacts - byContact.size).toBeLessThanOrEqual(summary.inFlight);
      expect(newest.every((s) => s === 200)).toBe(true);
      // Sending again at the end added nobody twice.
      expect(extra).toBeLessThanOrEqual(3 /* at most one per kill, the at-least-once window */);
    },
  );
});
