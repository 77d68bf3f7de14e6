// The local stack's data folder has one server at a time: it records where it runs, a second one
// refuses naming it, the command line talks to it whatever its port, and a record left by a killed
// server is ignored. Real processes, as a person starts them.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { localProcesses } from "../../support/local-process.ts";

const local = localProcesses();
const { folder, consulta } = local;
afterAll(() => local.dispose());

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
      const first = await local.serve();
      const url = first.url;
      expect(new URL(url).port).not.toBe("3000");

      // A second server on the same folder exits at once, saying why (its output is the error's text).
      const said = await local.serve().then(
        () => "it started",
        (error: Error) => error.message,
      );
      expect(said).toMatch(/serve exited with [1-9]/);
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
      await local.kill(first.child);
      const third = await local.serve();
      const thirdUrl = third.url;
      expect(await campaignsAt(thirdUrl)).toContain(id);
      const record = JSON.parse(readFileSync(join(folder, ".local", "server.json"), "utf8")) as {
        pid: number;
        url: string;
      };
      expect(record).toMatchObject({ pid: third.child.pid, url: thirdUrl });
      expect((await consulta("campaign", "list")).stdout).toContain(id);

      // Stopped with Ctrl-C: the folder is free again.
      third.child.kill("SIGINT");
      await local.ended(third.child);
      expect(third.child.exitCode).toBe(0);
      expect(existsSync(join(folder, ".local", "server.json"))).toBe(false);
    },
  );
});
