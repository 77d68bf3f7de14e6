// A real local server killed outright (SIGKILL) in the middle of a mailing, at several points, and
// started again: every contact's newest email carries a link that works, and no email's link was
// retired while it was the newest that contact had.
import type { ChildProcess } from "node:child_process";
import { readdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { localProcesses } from "../support/local-process.ts";

// Slow enough that a kill lands in the middle of the mailing.
const local = localProcesses({ SEND_RATE_PER_SECOND: "25" });
const { outbox, serve, consulta } = local;

afterAll(() => local.dispose());

const emlCount = () => {
  try {
    return readdirSync(outbox).filter((f) => f.endsWith(".eml")).length;
  } catch {
    return 0;
  }
};

const killWhenOutboxHas = async (child: ChildProcess, count: number) => {
  while (emlCount() < count) await new Promise((r) => setTimeout(r, 10));
  await local.kill(child);
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
