// Who uses a local data folder: the server running on it records its URL and pid there, so a second
// server refuses by name and the command line talks to the running one instead of opening the database.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";

const ServerRecord = z.object({
  pid: z.number().int().positive(),
  /** Absent while the server is still starting. */
  url: z.string().optional(),
  startedAt: z.string(),
});
export type ServerRecord = z.infer<typeof ServerRecord>;

const RECORD = "server.json";

export const serverRecordPath = (dir: string) => join(dir, RECORD);

/** A folder whose database another process holds: said in one sentence, never a stack trace. */
export class FolderInUse extends Error {
  readonly running: ServerRecord;
  constructor(dir: string, running: ServerRecord) {
    super(
      `${dir} is already used by a Consulta server ${running.url ? `at ${running.url}` : "that is still starting"} ` +
        `(pid ${running.pid}, since ${running.startedAt}). Stop it (Ctrl-C in its terminal) to start another ` +
        `here; "consulta" commands talk to it. If pid ${running.pid} is not Consulta, delete ${serverRecordPath(dir)}.`,
    );
    this.running = running;
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** The server recorded in the folder, if its process is still alive; a dead one's record is no one's. */
export const runningServer = (dir: string): ServerRecord | undefined => {
  let text: string;
  try {
    text = readFileSync(serverRecordPath(dir), "utf8");
  } catch {
    return undefined;
  }
  let parsed;
  try {
    parsed = ServerRecord.safeParse(JSON.parse(text));
  } catch {
    return undefined; // half written by a process killed while writing it
  }
  return parsed.success && isAlive(parsed.data.pid) ? parsed.data : undefined;
};

export type FolderClaim = {
  /** Adds the URL once the server listens. */
  listening(url: string): void;
  /** Frees the folder, if the record is still this process's. */
  release(): void;
};

/**
 * Claims the folder for this process, or throws FolderInUse. The record is created exclusively, so of
 * two servers starting at once only one gets it; a record whose process is gone is replaced.
 */
export const claimFolder = (dir: string): FolderClaim => {
  mkdirSync(dir, { recursive: true });
  const file = serverRecordPath(dir);
  const record: ServerRecord = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(record), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 2) throw error;
      const running = runningServer(dir);
      if (running) throw new FolderInUse(dir, running);
      rmSync(file, { force: true });
    }
  }
  const ours = () => runningServer(dir)?.pid === process.pid;
  return {
    listening(url) {
      if (!ours()) return;
      // Written beside it and renamed over it: a reader never sees half a record.
      writeFileSync(`${file}.${process.pid}`, JSON.stringify({ ...record, url }));
      renameSync(`${file}.${process.pid}`, file);
    },
    release() {
      if (ours()) rmSync(file, { force: true });
    },
  };
};
