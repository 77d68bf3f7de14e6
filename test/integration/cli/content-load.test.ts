// The database is the source of truth: a directory imported in the console survives a restart of
// `consulta serve`, and `consulta load` only shows a plan until told which of its items to apply.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Member } from "../../../functions/core/directory.ts";
import { signInToConsole } from "../../support/console-session.ts";
import { localProcesses } from "../../support/local-process.ts";

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

beforeAll(async () => {
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
}, 120_000);
afterAll(() => processes.dispose());

describe("content/ and the database", () => {
  it("a directory imported in the console is still there after the server is restarted", async () => {
    const { child, url } = await processes.serve();
    const after = await directoryAt(url);
    await stop(child);
    expect(emailsOf(after, "ARG")).toEqual([NEW_ADDRESS]);
    expect(after).toEqual(before);
  });
});
