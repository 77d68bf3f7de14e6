import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import type { OutgoingEmail, Repository } from "../../../functions/core/ports.ts";
import { completeSignIn, readSession, requestSignIn } from "../../../functions/core/secretariat-auth.ts";
import { freshTable } from "../../support/dynamo.ts";

const views = createHandlebarsViews(fileURLToPath(new URL("../../../templates/", import.meta.url)));
const settings = { allowlist: ["sec@example.org"], sessionSecret: "s".repeat(40) };
let repository: Repository;
let now = new Date("2027-01-10T10:00:00Z");
const sent: OutgoingEmail[] = [];
let counter = 0;

const ports = () => ({
  repository,
  views,
  mailer: { send: async (e: OutgoingEmail) => (sent.push(e), { messageId: "m" }) },
  clock: { now: () => now },
  random: { token: () => `${String(++counter).padStart(3, "0")}${"t".repeat(40)}`, id: () => "id" },
  publicBaseUrl: "https://consulta.example.org",
});
const tokenOf = (email: OutgoingEmail) => /sign-in\/([A-Za-z0-9_-]{43})/.exec(email.text)?.[1] ?? "";

beforeAll(async () => {
  ({ repository } = await freshTable());
});

describe("signing the Secretariat in", () => {
  it("sends a link only to allowed addresses, at most 5 an address in 15 minutes", async () => {
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
