// Hostile spreadsheets posted to the console's directory import, each to a server in a process of its
// own: the file is refused with a message naming the limit it went past, the server's peak memory stays
// within 256 MB of what it used before, and another client is answered while it works. Small files
// used to cost gigabytes (a 16 KB .xlsx with values in column XFD took a server from 267 MB to 4.3 GB).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createHandlebarsViews } from "../../functions/adapters/handlebars-views.ts";
import { directoryRows } from "../../functions/core/directory-import.ts";
import { toXlsx } from "../../functions/core/spreadsheet.ts";
import { overLimit, SPREADSHEET_LIMITS } from "../../functions/core/spreadsheet-limits.ts";
import { errorToResponse } from "../../functions/http/errors.ts";
import type { HttpEvent } from "../../functions/http/request.ts";
import { defaultDirectoryPath, readDirectoryFile } from "../../functions/local/content.ts";
import { signInToConsole } from "../support/console-session.ts";
import { farColumnCells, hugeSharedStrings, lastRowCell, zipBomb } from "../support/hostile-spreadsheets.ts";

const SERVER = new URL("../support/import-server.ts", import.meta.url).pathname;
const MEGABYTE = 1024 * 1024;
/** Above what the server used before the file arrived, the most reading one may cost. */
const HEADROOM = 256 * MEGABYTE;

let server: ChildProcess | undefined;
afterEach(() => {
  server?.kill();
  server = undefined;
});

/** A server of its own; its heap is capped well below the machine's memory, so an old reader dies, not it. */
const startServer = () =>
  new Promise<{ url: string; outbox: string; pid: number }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--max-old-space-size=1500", SERVER, inject("dynamoEndpoint")], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    server = child;
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d;
      const line = out.split("\n").find((l) => l.startsWith("SERVING "));
      if (line) resolve({ ...JSON.parse(line.slice("SERVING ".length)), pid: child.pid! });
    });
    child.on("exit", (code) => reject(new Error(`the server exited (${code}) before serving`)));
  });

/** Resident memory of a process, now and at its peak so far (Linux). */
const memoryOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) * 1024;
  return { now: kb("VmRSS"), peak: kb("VmHWM") };
};

const directoryXlsx = async () => ({
  name: "directorio.xlsx",
  bytes: await toXlsx("Directorio", directoryRows(readDirectoryFile(defaultDirectoryPath).members)),
});

const importing = async (file: { name: string; bytes: Uint8Array }) => {
  const { url, outbox, pid } = await startServer();
  const session = await signInToConsole({ url, paths: { outbox } });
  // The server as it is in use: a real import read and previewed, the console's pages shown.
  expect((await session.upload("/console/members/import", await directoryXlsx())).status).toBe(200);
  expect((await session.get("/console/members")).status).toBe(200);
  const before = memoryOf(pid).now;

  const reply = session.upload("/console/members/import", file);
  const other = session.get("/console/members"); // another client, while the file is read
  const [imported, meanwhile] = await Promise.all([reply, other]);
  return {
    status: imported.status,
    page: await imported.text(),
    other: meanwhile.status,
    cost: memoryOf(pid).peak - before,
  };
};

describe("a hostile spreadsheet posted to the directory import", () => {
  it.each([
    ["2,000 values in the last column, XFD (16 KB)", farColumnCells, "at most 64 columns"],
    ["one value in the last row, 1,048,576 (2 KB)", lastRowCell, "at most 20000 rows"],
    ["a sheet inflating to 220 MB (220 KB)", () => zipBomb(), "larger than 50 MB"],
    ["a sheet whose headers hide that it inflates to 220 MB", () => zipBomb(220, true), "could not be read"],
    ["a shared-strings table of 1.5 million strings", () => hugeSharedStrings(), "100 times its own size"],
    [
      "a shared-strings table whose headers hide its size",
      () => hugeSharedStrings(1_500_000, true),
      "could not be read",
    ],
  ])("%s: refused, within 256 MB, other clients served", async (_, make, says) => {
    const bytes = await make();
    const outcome = await importing({ name: "directorio.xlsx", bytes });
    expect(outcome.status).toBe(400);
    expect(outcome.page).toContain(says);
    expect(outcome.other).toBe(200);
    expect(outcome.cost).toBeLessThan(HEADROOM);
  });

  it("the longest file the limits allow, every row naming no member, is previewed within 256 MB", async () => {
    const rows = Array.from({ length: 19_999 }, (_, i) => `Z${i}`);
    const bytes = new TextEncoder().encode(["Country,Email", ...rows].join("\n"));
    const outcome = await importing({ name: "directorio.csv", bytes });
    expect(outcome.status).toBe(200);
    expect(outcome.page).toContain("Row 20000: &quot;Z19998&quot; matches no member");
    expect(outcome.other).toBe(200);
    expect(outcome.cost).toBeLessThan(HEADROOM);
  });

  it("names the limit in the person's language, in each of the four", () => {
    const views = createHandlebarsViews(fileURLToPath(new URL("../../templates/", import.meta.url)));
    const pageIn = (lang: string, limit: keyof typeof SPREADSHEET_LIMITS) => {
      const event = {
        rawPath: "/console/members/import",
        headers: { accept: "text/html", "accept-language": lang },
        requestContext: {},
      } as unknown as HttpEvent;
      const reply = errorToResponse(overLimit(limit), event, views) as { statusCode: number; body: string };
      expect(reply.statusCode).toBe(400);
      return reply.body;
    };
    expect(pageIn("es", "columns")).toContain("a la derecha de la columna BL");
    expect(pageIn("fr", "rows")).toContain("au plus 20000 lignes");
    expect(pageIn("pt", "unpackedBytes")).toContain("mais de 50 MB");
    for (const lang of ["en", "es", "fr", "pt"]) {
      for (const limit of Object.keys(SPREADSHEET_LIMITS) as (keyof typeof SPREADSHEET_LIMITS)[]) {
        expect(pageIn(lang, limit)).not.toMatch(/\{\w+\}|This could not be done/);
      }
    }
  });
});
