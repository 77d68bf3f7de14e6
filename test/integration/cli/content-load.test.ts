// The database is the source of truth: a directory imported in the console survives a restart of
// `consulta serve`, and `consulta load` only shows a plan until told which of its items to apply.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Member } from "../../../functions/core/directory.ts";
import { CONTENT_DIR } from "../../../functions/local/content.ts";
import { signInToConsole } from "../../support/console-session.ts";
import { localProcesses } from "../../support/local-process.ts";
import { testStack } from "../../support/local-stack.ts";

const CLI = fileURLToPath(new URL("../../../functions/local/cli.ts", import.meta.url));

const processes = localProcesses();
const NEW_ADDRESS = "nueva.persona@trabajo.example.org";

/** The directory as the admin API of the running server gives it. */
const directoryAt = async (url: string) => {
  const token = readFileSync(join(processes.folder, ".local", "admin-token"), "utf8").trim();
  const reply = await fetch(`${url}/api/members`, { headers: { authorization: `Bearer ${token}` } });
  expect(reply.status).toBe(200);
  return ((await reply.json()) as { members: Member[] }).members;
};

const emailsOf = (members: Member[], code: string) =>
  members.find((m) => m.code === code)?.contacts.map((c) => c.email);

/** Stops the server as a person does (Ctrl-C) and waits for the process to end. */
const stop = async (child: Awaited<ReturnType<typeof processes.serve>>["child"]) => {
  child.kill("SIGINT");
  await processes.ended(child);
};

let before: Member[];
afterAll(() => processes.dispose());

/** The directory as `consulta members list` gives it, read from the folder while no server runs. */
const listed = async () => {
  const out = await processes.consulta("members", "list", "--json");
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout) as Member[];
};

/** content/ as a person edits it before loading: a copy, with `edit` applied to its members.yaml. */
const editedContent = (edit: (members: Member[]) => void) => {
  const dir = mkdtempSync(join(tmpdir(), "consulta-content-"));
  cpSync(CONTENT_DIR, dir, { recursive: true });
  const file = join(dir, "members.yaml");
  const directory = parse(readFileSync(file, "utf8")) as { members: Member[] };
  edit(directory.members);
  writeFileSync(file, stringify(directory));
  return dir;
};

const find = (members: Member[], code: string) => members.find((m) => m.code === code) as Member;

describe("content/ and the database", () => {
  it("the Secretariat imports its directory in the console", { timeout: 60_000 }, async () => {
    const { child, url } = await processes.serve();
    const session = await signInToConsole({ url, paths: { outbox: processes.outbox } });
    // As the Secretariat does it: upload the spreadsheet, read the preview, confirm it.
    const preview = await session.upload("/console/members/import", {
      name: "directorio.csv",
      bytes: new TextEncoder().encode(`Country,Name,Email\nArgentina,Nueva Persona,${NEW_ADDRESS}\n`),
    });
    expect(preview.status).toBe(200);
    const action = /action="(\/console\/members\/import\/[^"]+)"/.exec(await preview.text())?.[1];
    expect(action).toBeDefined();
    expect((await session.post(action as string, {})).status).toBe(303);
    for (let i = 0; i < 100 && emailsOf(await directoryAt(url), "ARG")?.[0] !== NEW_ADDRESS; i++)
      await new Promise((r) => setTimeout(r, 100));
    before = await directoryAt(url);
    expect(emailsOf(before, "ARG")).toEqual([NEW_ADDRESS]);
    await stop(child);
  });

  it("a directory imported in the console is still there after the server is restarted", async () => {
    const { child, url } = await processes.serve();
    const after = await directoryAt(url);
    await stop(child);
    expect(emailsOf(after, "ARG")).toEqual([NEW_ADDRESS]);
    expect(after).toEqual(before);
  });

  it("consulta load shows what it would change, the console's edit marked, and writes nothing", async () => {
    const plan = await processes.consulta("load");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(
      `ARG                  member changed: contacts (+focal.point.arg@example.org, -${NEW_ADDRESS})`,
    );
    expect(plan.stdout).toContain("[changed in the console since the last load: needs --overwrite]");
    expect(plan.stdout).toContain("Nothing was written.");
    expect(await listed()).toEqual(before);
  });

  it("refuses to load while a server holds the folder", { timeout: 60_000 }, async () => {
    const { child } = await processes.serve();
    const refused = await processes.consulta("load", "--apply");
    await stop(child);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Stop the Consulta server using");
    expect(await listed()).toEqual(before);
  });

  it("applies only the items named, and refuses the console's edit without --overwrite", async () => {
    const content = editedContent((members) => {
      find(members, "BRA").timeZone = "America/Manaus";
      find(members, "CHL").note = "Confirmed by phone";
    });
    const named = await processes.consulta("load", "--content", content, "--apply", "BRA");
    expect(named.code).toBe(0);
    expect(named.stdout).toContain("Applied: BRA.");
    expect(named.stdout).toContain("Left as they are (not named): ARG CHL.");
    let now = await listed();
    expect(find(now, "BRA").timeZone).toBe("America/Manaus");
    expect(find(now, "CHL").note).toBeUndefined();
    expect(emailsOf(now, "ARG")).toEqual([NEW_ADDRESS]);

    const all = await processes.consulta("load", "--content", content, "--apply");
    expect(all.code).toBe(3);
    expect(all.stdout).toContain("Applied: CHL.");
    expect(all.stdout).toContain("Refused: ARG was changed in the console since the last load");
    now = await listed();
    expect(find(now, "CHL").note).toBe("Confirmed by phone");
    expect(emailsOf(now, "ARG")).toEqual([NEW_ADDRESS]);

    const overwrite = await processes.consulta("load", "--content", content, "--apply", "ARG", "--overwrite");
    expect(overwrite.code).toBe(0);
    expect(overwrite.stdout).toContain("Applied: ARG.");
    now = await listed();
    expect(emailsOf(now, "ARG")).toEqual(["focal.point.arg@example.org"]);

    const again = await processes.consulta("load", "--content", content);
    expect(again.stdout).toContain("Nothing to change");
    // And a restart leaves all of it as loaded.
    const { child, url } = await processes.serve();
    const restarted = await directoryAt(url);
    await stop(child);
    expect(restarted).toEqual(now);
  }, 180_000);

  it("the demo adds its own campaign and leaves the directory as loaded", async () => {
    const directory = await listed();
    expect(find(directory, "BRA").timeZone).toBe("America/Manaus"); // not content/'s
    const demo = await processes.consulta("demo");
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain("Using the directory already in the database");
    expect(await listed()).toEqual(directory);
    const campaigns = await processes.consulta("campaign", "list", "--json");
    expect(JSON.parse(campaigns.stdout)).toHaveLength(1);
  }, 120_000);
});

describe("consulta load against a deployed stack (--api)", () => {
  let stack: Awaited<ReturnType<typeof testStack>>;
  beforeAll(async () => {
    stack = await testStack();
  });
  afterAll(() => stack.dispose());

  const remote = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [CLI, "load", ...args, "--api", stack.url],
        { env: { ...process.env, CONSULTA_ADMIN_TOKEN: stack.adminToken }, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it(
    "seeds a database with no directory, and refuses, unchanged, one that has a directory",
    {
      timeout: 60_000,
    },
    async () => {
      const dry = await remote();
      expect(dry.stdout).toContain("The database has no directory");
      expect(await stack.ports.repository.listMembers()).toEqual([]);

      const seeded = await remote("--apply");
      expect(seeded.code).toBe(0);
      expect(seeded.stdout).toContain("questionnaires iacml-planning@1");
      const arg = (await stack.ports.repository.getMember("ARG"))!;
      const edited = [{ ...arg.contacts[0]!, email: NEW_ADDRESS }];
      expect(await stack.ports.repository.updateMemberContacts("ARG", edited, arg.contacts)).toBe(true);

      const again = await remote("--apply");
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("already has a directory");
      expect(emailsOf(await stack.ports.repository.listMembers(), "ARG")).toEqual([NEW_ADDRESS]);
    },
  );
});
