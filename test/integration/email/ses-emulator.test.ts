// One message, one builder (issue 18, items 5 and 8): each kind of email, sent through the SES adapter to
// aws-ses-v2-local (SES v2's HTTP protocol, started here), parses as the outbox's .eml of the same email.
import { createRequire } from "node:module";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { createOutboxMailer } from "../../../functions/adapters/outbox-mailer.ts";
import { createSesMailer } from "../../../functions/adapters/ses-mailer.ts";
import {
  composeLinkEmail,
  composeReceiptEmail,
  type EmailSubject,
} from "../../../functions/core/compose-email.ts";
import type { Mailer, OutgoingEmail, Ports } from "../../../functions/core/ports.ts";
import { deliverSignInLink } from "../../../functions/core/secretariat-auth.ts";
import { parseEml } from "../../../functions/local/outbox.ts";
import { campaign, member, question, questionnaire, submission } from "../../support/factories.ts";

// CommonJS, required as such: an ES import's default means one thing to tsc and another to vitest.
const { default: startEmulator } = createRequire(import.meta.url)(
  "aws-ses-v2-local",
) as typeof import("aws-ses-v2-local");
const views = createHandlebarsViews(fileURLToPath(new URL("../../../templates/", import.meta.url)));
const sender = { from: "consulta@example.org", replyTo: "replies@example.org" };
const q = questionnaire([question("note", "short-text")]);
const c = campaign({ secretariat: { name: "Secretaría Técnica", email: "secretaria@example.org" } });
const arg = member("ARG");
const subject = (job: EmailSubject["job"], extra: Partial<EmailSubject> = {}): EmailSubject => ({
  campaign: c,
  member: arg,
  contact: arg.contacts[0] as EmailSubject["contact"],
  lang: "es",
  job,
  ...extra,
});
const job = (kind: "invitation" | "reminder" | "receipt", n: string) => ({
  campaignId: c.id,
  memberCode: "ARG",
  contactId: "focal-point",
  kind,
  n,
});
const link = `https://consulta.example.org/r/${"A".repeat(43)}`;
const unsubscribe = `https://consulta.example.org/u/${"0a".repeat(32)}`;

/** Each kind of email Consulta sends, as its composer makes it. */
const kinds = async (): Promise<Record<string, OutgoingEmail>> => {
  let signIn: OutgoingEmail | undefined;
  const capture: Mailer = { send: async (email) => ((signIn = email), { messageId: "x" }) };
  await deliverSignInLink(
    {
      repository: { putSignInLink: async () => {} } as unknown as Ports["repository"],
      mailer: capture,
      views,
      clock: { now: () => new Date("2026-06-01T00:00:00Z") },
      random: { token: () => "B".repeat(43), id: () => "id" },
      publicBaseUrl: "https://consulta.example.org",
    },
    { kind: "sign-in", lang: "fr", to: "secretaria@example.org" },
  );
  return {
    invitation: composeLinkEmail(views, subject(job("invitation", "1")), link, undefined, unsubscribe),
    reminder: composeLinkEmail(views, subject(job("reminder", "d7")), link, undefined, unsubscribe),
    "contributor invitation": composeLinkEmail(
      views,
      subject(job("invitation", "1"), {
        contact: { id: "k1", name: "Zoë", email: "zoe@example.org", role: "contributor", revoked: false },
        contributor: { invitedBy: "Ana Pérez", sections: [] },
      }),
      link,
      q,
      unsubscribe,
    ),
    receipt: composeReceiptEmail(
      views,
      subject(job("receipt", "1")),
      { ...submission("ARG", { note: "«Sí», ça va — 你好" }), submittedAt: "2026-06-01T00:00:00.000Z" },
      q,
    ),
    "sign-in": signIn as OutgoingEmail,
  };
};

let emulator: Server;
let endpoint: string;
const wire: string[] = [];
let ses: Mailer;
const outbox = mkdtempSync(join(tmpdir(), "consulta-outbox-"));

beforeAll(async () => {
  emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
  endpoint = `http://127.0.0.1:${(emulator.address() as AddressInfo).port}`;
  const client = new SESv2Client({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  // What went over the wire: the request body as the SDK serialized it, after every other step.
  client.middlewareStack.add(
    (next) => async (args) => {
      const body = (args.request as { body?: unknown }).body;
      wire.push(typeof body === "string" ? body : new TextDecoder().decode(body as Uint8Array));
      return next(args);
    },
    { step: "finalizeRequest", name: "wireTap" },
  );
  ses = createSesMailer(client, sender, "consulta");
});
afterAll(async () => {
  await new Promise((resolve) => emulator.close(resolve));
  rmSync(outbox, { recursive: true, force: true });
});

type Stored = {
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
};
const stored = async (): Promise<Stored[]> =>
  ((await (await fetch(`${endpoint}/store`)).json()) as { emails: Stored[] }).emails;

/** Headers as mailparser reads them, minus those each sending makes anew (id, date, MIME boundary). */
const headersOf = (mail: ParsedMail) =>
  Object.fromEntries(
    [...mail.headers]
      .filter(([name]) => !["message-id", "date"].includes(name))
      .map(([name, value]) => [
        name,
        name === "content-type" ? (value as { value: string }).value : JSON.stringify(value),
      ]),
  );

describe("the SES adapter against aws-ses-v2-local", () => {
  it("sends each kind of email as the very MIME the outbox writes", async () => {
    const emails = await kinds();
    const local = createOutboxMailer(outbox, sender);
    for (const [kind, email] of Object.entries(emails)) {
      const before = readdirSync(outbox);
      await local.send(email);
      const file = readdirSync(outbox).find((f) => !before.includes(f)) as string;
      const eml = readFileSync(join(outbox, file));
      const fromOutbox = await simpleParser(eml);

      wire.length = 0;
      await ses.send(email);
      const request = JSON.parse(wire[0] as string) as { Content: { Raw?: { Data: string } } };
      expect(request.Content.Raw, `${kind} goes to SES as raw MIME`).toBeDefined();
      const sent = await simpleParser(Buffer.from(request.Content.Raw?.Data ?? "", "base64"));
      const received = (await stored()).at(-1) as Stored;

      for (const parsed of [sent, fromOutbox]) {
        expect(parsed.subject, kind).toBe(email.subject);
        expect(parsed.text, kind).toBe(email.text);
        expect(parsed.html, kind).toBe(email.html);
      }
      expect(headersOf(sent), kind).toEqual(headersOf(fromOutbox));
      // What SES made of it: the emulator parses the raw message as SES does, and keeps these.
      expect(received, kind).toMatchObject({
        from: fromOutbox.from?.text,
        replyTo: [fromOutbox.replyTo?.text],
        destination: { to: [email.to] },
        subject: fromOutbox.subject,
        body: { text: fromOutbox.text, html: fromOutbox.html },
      });
      // The outbox's quick reader (the tests' and the demo's) agrees with mailparser.
      const quick = parseEml(file, eml.toString("utf8"));
      expect({ subject: quick.subject, text: quick.text, html: quick.html }, kind).toEqual({
        subject: fromOutbox.subject,
        text: fromOutbox.text,
        html: fromOutbox.html,
      });
      for (const [name, value] of Object.entries(quick.headers).filter(([n]) => n.startsWith("x-consulta-")))
        expect(fromOutbox.headers.get(name), `${kind} ${name}`).toBe(value);
    }
    expect((await stored()).map((m) => m.destination.to[0])).toEqual(Object.values(emails).map((e) => e.to));
  });

  it("gives invitations and reminders a one-click unsubscribe, and replies to the Secretariat", async () => {
    const emails = await kinds();
    for (const [kind, email] of Object.entries(emails)) {
      wire.length = 0;
      await ses.send(email);
      const raw = Buffer.from(
        (JSON.parse(wire[0] as string) as { Content: { Raw: { Data: string } } }).Content.Raw.Data,
        "base64",
      );
      const mail = await simpleParser(raw);
      const bulk = ["invitation", "reminder", "contributor invitation"].includes(kind);
      // mailparser gathers the List-* headers under "list".
      expect(mail.headers.get("list"), kind).toEqual(
        bulk
          ? { unsubscribe: { url: unsubscribe }, "unsubscribe-post": { name: "List-Unsubscribe=One-Click" } }
          : undefined,
      );
      // The sign-in link names no campaign: its replies go to the configured REPLY_TO.
      expect(mail.replyTo?.text, kind).toBe(
        kind === "sign-in" ? "replies@example.org" : "secretaria@example.org",
      );
      expect(mail.headers.get("x-consulta-kind"), kind).toBe(email.tags.kind);
    }
  });
});
