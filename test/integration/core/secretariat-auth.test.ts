import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { pdfDocuments } from "../../../functions/adapters/pdf-documents.ts";
import { wordDocuments } from "../../../functions/adapters/docx-documents.ts";
import { writeXlsx } from "../../../functions/adapters/xlsx/stream-writer.ts";
import { deliverEmail } from "../../../functions/core/deliver-email.ts";
import type { EmailJob } from "../../../functions/core/invitations.ts";
import type { OutgoingEmail, Ports, Repository, SignInJob } from "../../../functions/core/ports.ts";
import { completeSignIn, readSession, requestSignIn } from "../../../functions/core/secretariat-auth.ts";
import { freshTable } from "../../support/dynamo.ts";

const views = createHandlebarsViews(fileURLToPath(new URL("../../../templates/", import.meta.url)));
const settings = { allowlist: ["sec@example.org"], sessionSecret: "s".repeat(40) };
let repository: Repository;
let now = new Date("2027-01-10T10:00:00Z");
const sent: OutgoingEmail[] = [];
let counter = 0;

// The queue delivers at once, as the local stack's does: a test reads the outbox right after asking.
const ports = (): Ports => ({
  repository,
  views,
  workbooks: writeXlsx,
  documents: { ...pdfDocuments, ...wordDocuments },
  mailer: { send: async (e: OutgoingEmail) => (sent.push(e), { messageId: "m" }) },
  queue: {
    enqueue: async (jobs) => {
      for (const job of jobs) await deliverEmail(ports(), job);
    },
  },
  jobs: { enqueue: async () => {} },
  blobs: { put: async () => {}, get: async () => undefined, downloadUrl: async () => undefined },
  clock: { now: () => now },
  random: { token: () => `${String(++counter).padStart(3, "0")}${"t".repeat(40)}`, id: () => "id" },
  log: { error: () => {}, warn: () => {} },
  publicBaseUrl: "https://consulta.example.org",
});
const tokenOf = (email: OutgoingEmail) => /sign-in\/([A-Za-z0-9_-]{43})/.exec(email.text)?.[1] ?? "";

beforeAll(async () => {
  ({ repository } = await freshTable());
});

describe("signing the Secretariat in", () => {
  it("sends a link only to allowed addresses, at most 5 an address from one client in 15 minutes", async () => {
    for (let i = 0; i < 7; i++)
      await requestSignIn(ports(), settings, { email: " SEC@example.org ", client: "10.0.0.1", lang: "en" });
    await requestSignIn(ports(), settings, { email: "other@example.org", client: "10.0.0.2", lang: "en" });
    expect(sent.map((e) => e.to)).toEqual(Array(5).fill("sec@example.org"));
    now = new Date(now.getTime() + 31 * 60e3);
    await requestSignIn(ports(), settings, { email: "sec@example.org", client: "10.0.0.1", lang: "en" });
    expect(sent).toHaveLength(6);
  });

  it("limits one client asking for many addresses", async () => {
    const before = sent.length;
    for (let i = 0; i < 25; i++)
      await requestSignIn(ports(), settings, { email: `x${i}@example.org`, client: "10.9.9.9", lang: "en" });
    await requestSignIn(ports(), settings, { email: "sec@example.org", client: "10.9.9.9", lang: "en" });
    expect(sent.length).toBe(before); // the 26th request from that client is not served, allowed address or not
  });

  it("still sends the owner a link from a new client after strangers used up their own tries", async () => {
    now = new Date(now.getTime() + 31 * 60e3);
    const before = sent.length;
    const ask = (client: string) =>
      requestSignIn(ports(), settings, { email: "sec@example.org", client, lang: "en" });
    for (let client = 1; client <= 5; client++) await ask(`203.0.113.${client}`);
    expect(await ask("198.51.100.7")).toBeUndefined(); // the owner, from a client of their own
    expect(sent.length - before).toBe(6);
    // One stranger asking on and on gets 5 tries in all, not the address's.
    const more = [];
    for (let i = 0; i < 5; i++) more.push(await ask("203.0.113.1"));
    expect(more).toEqual([undefined, undefined, undefined, undefined, { refused: "addressFromClient" }]);
    expect(sent.length - before).toBe(10);
  });

  it("sends an address at most 50 links in 15 minutes however many clients ask, and says it refused", async () => {
    now = new Date(now.getTime() + 31 * 60e3);
    const before = sent.length;
    const outcomes = [];
    for (let client = 0; client < 60; client++)
      outcomes.push(
        await requestSignIn(ports(), settings, {
          email: "sec@example.org",
          client: `10.1.0.${client}`,
          lang: "en",
        }),
      );
    expect(sent.length - before).toBe(50);
    expect(outcomes.slice(50)).toEqual(Array(10).fill({ refused: "address" }));
  });

  it("a link works once, within 15 minutes, and opens an 8-hour session", async () => {
    const link = tokenOf(sent[sent.length - 1]!);
    const session = await completeSignIn(ports(), settings, link);
    await expect(completeSignIn(ports(), settings, link)).rejects.toMatchObject({ status: 410 });
    expect(await readSession(ports(), settings, session.cookie)).toMatchObject({ email: "sec@example.org" });
    expect(await readSession(ports(), settings, `${session.cookie}x`)).toBeUndefined();
    now = new Date(now.getTime() + 8 * 3600e3 + 1000);
    expect(await readSession(ports(), settings, session.cookie)).toBeUndefined();

    await requestSignIn(ports(), settings, { email: "sec@example.org", client: "10.0.0.3", lang: "en" });
    const late = tokenOf(sent[sent.length - 1]!);
    now = new Date(now.getTime() + 16 * 60e3);
    await expect(completeSignIn(ports(), settings, late)).rejects.toMatchObject({
      code: "sign_in_link_spent",
    });
  });
});

describe("asking for a sign-in link", () => {
  /** What one request does before its answer: the store's calls, the queued jobs, the emails sent. */
  const workOf = async (email: string, client: string) => {
    const calls: string[] = [];
    const queued: (EmailJob | SignInJob)[] = [];
    const mailed: OutgoingEmail[] = [];
    const recording = new Proxy(repository, {
      get: (target, method: keyof Repository) => {
        const call = target[method];
        return typeof call === "function"
          ? (...args: unknown[]) => (calls.push(method), (call as (...a: unknown[]) => unknown)(...args))
          : call;
      },
    });
    // The whole set of ports, so a request that mailed or stored a link itself would be seen doing it.
    const watched: Ports = {
      ...ports(),
      repository: recording,
      queue: { enqueue: async (jobs) => void queued.push(...jobs) },
      mailer: { send: async (e) => (mailed.push(e), { messageId: "m" }) },
    };
    await requestSignIn(watched, settings, { email, client, lang: "en" });
    return { calls, kinds: queued.map((j) => j.kind), mailed: mailed.length };
  };

  it("does the same work for an allowed address as for any other: no answer is quicker", async () => {
    now = new Date(now.getTime() + 31 * 60e3);
    const allowed = await workOf("sec@example.org", "192.0.2.10");
    const other = await workOf("nobody@example.org", "192.0.2.11");
    expect(allowed).toEqual(other);
    expect(allowed).toEqual({
      calls: ["countAttempt", "countAttempt", "countAttempt"],
      kinds: ["sign-in"],
      mailed: 0,
    });
  });
});
