// The SMTP transport (issue 18, item 5): for organisations that must relay through their own mail server.
// A few lines of SMTP (RFC 5321) on a loopback port stand in for the relay: what it receives is parsed
// by mailparser and must be the outbox's message; the password comes from SMTP_PASSWORD, never the URL.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPorts } from "../../../functions/adapters/ports.ts";
import { createOutboxMailer } from "../../../functions/adapters/outbox-mailer.ts";
import { parseConfig } from "../../../functions/config.ts";
import type { OutgoingEmail, Views } from "../../../functions/core/ports.ts";

type Received = { from: string; to: string[]; auth: string[]; data: Buffer };
const received: Received[] = [];
let relay: Server;
let port: number;

/** Enough of an SMTP server for one client: EHLO, AUTH PLAIN, MAIL, RCPT, DATA (dot-unstuffed), QUIT. */
const startRelay = () =>
  new Promise<void>((resolve) => {
    relay = createServer((socket) => {
      const mail: Received = { from: "", to: [], auth: [], data: Buffer.alloc(0) };
      let buffer = Buffer.alloc(0);
      let inData = false;
      const reply = (line: string) => socket.write(`${line}\r\n`);
      reply("220 relay.test ESMTP");
      socket.on("data", (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (;;) {
          if (inData) {
            const end = buffer.indexOf("\r\n.\r\n");
            if (end < 0) return;
            const body = buffer
              .subarray(0, end + 2)
              .toString("latin1")
              .replace(/^\.\./gm, ".");
            received.push({ ...mail, data: Buffer.from(body, "latin1") });
            buffer = buffer.subarray(end + 5);
            inData = false;
            reply("250 2.0.0 queued");
            continue;
          }
          const eol = buffer.indexOf("\r\n");
          if (eol < 0) return;
          const line = buffer.subarray(0, eol).toString("utf8");
          buffer = buffer.subarray(eol + 2);
          const verb = line.split(" ")[0]?.toUpperCase();
          if (verb === "EHLO") reply("250-relay.test\r\n250-AUTH PLAIN\r\n250 8BITMIME");
          else if (verb === "AUTH") {
            mail.auth = Buffer.from(line.split(" ")[2] ?? "", "base64")
              .toString("utf8")
              .split("\0");
            reply("235 2.7.0 accepted");
          } else if (verb === "MAIL") {
            mail.from = /<([^>]*)>/.exec(line)?.[1] ?? "";
            reply("250 2.1.0 ok");
          } else if (verb === "RCPT") {
            mail.to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
            reply("250 2.1.5 ok");
          } else if (verb === "DATA") {
            inData = true;
            reply("354 go ahead");
          } else if (verb === "QUIT") {
            reply("221 bye");
            socket.end();
          } else reply("250 ok");
        }
      });
    }).listen(0, "127.0.0.1", () => {
      port = (relay.address() as AddressInfo).port;
      resolve();
    });
  });

const outbox = mkdtempSync(join(tmpdir(), "consulta-smtp-"));
beforeAll(startRelay);
afterAll(async () => {
  await new Promise((resolve) => relay.close(resolve));
  rmSync(outbox, { recursive: true, force: true });
});

const email: OutgoingEmail = {
  to: "punto.focal@example.org",
  subject: "Invitación: «Prioridades» — ¿sí?",
  text: "Hola,\n.\n..un punto al inicio de línea\nhttps://consulta.example.org/r/x",
  html: "<p>Hola, ñandú</p>\n.\n<p>fin</p>",
  tags: { campaign: "c1", member: "ARG", contact: "focal-point", kind: "invitation", n: "1" },
  replyTo: "secretaria@example.org",
  unsubscribeUrl: `https://consulta.example.org/u/${"ab".repeat(32)}`,
};
const views: Views = { render: () => "", translate: () => "" };
const localConfig = (env: Record<string, string>) =>
  parseConfig({ CONSULTA_ADAPTERS: "local", PUBLIC_BASE_URL: "http://localhost:3000", ...env });

const comparable = (mail: ParsedMail) => ({
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  from: mail.from?.text,
  to: (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.text,
  replyTo: mail.replyTo?.text,
  headers: [...mail.headers].filter(([name]) => !["message-id", "date", "content-type"].includes(name)),
});

describe("MAIL_TRANSPORT=smtp", () => {
  it("relays the outbox's very message, authenticated with SMTP_PASSWORD", async () => {
    const cfg = localConfig({
      MAIL_TRANSPORT: "smtp",
      SMTP_URL: `smtp://consulta%40example.org@127.0.0.1:${port}`,
      SMTP_PASSWORD: "relay password",
      SENDER_EMAIL: "consulta@example.org",
    });
    const ports = createPorts(cfg, { views: () => views, overrides: { repository: {} as never } });
    await ports.mailer.send(email);

    expect(received).toHaveLength(1);
    const [got] = received as [Received];
    expect({ from: got.from, to: got.to, auth: got.auth }).toEqual({
      from: "consulta@example.org",
      to: ["punto.focal@example.org"],
      auth: ["", "consulta@example.org", "relay password"],
    });
    await createOutboxMailer(outbox, { from: "consulta@example.org" }).send(email);
    const eml = readFileSync(join(outbox, readdirSync(outbox)[0] as string));
    expect(comparable(await simpleParser(got.data))).toEqual(comparable(await simpleParser(eml)));
  });

  it("is refused without SMTP_URL, with a password in the URL, or with a transport the adapters lack", () => {
    expect(() => localConfig({ MAIL_TRANSPORT: "smtp" })).toThrow(/SMTP_URL is required/);
    expect(() =>
      localConfig({ MAIL_TRANSPORT: "smtp", SMTP_URL: "smtp://u:secret@mail.example.org" }),
    ).toThrow(/must not hold the password/);
    expect(() => localConfig({ MAIL_TRANSPORT: "smtp", SMTP_URL: "http://mail.example.org" })).toThrow(
      /smtp:\/\/ or smtps:\/\//,
    );
    expect(() => localConfig({ MAIL_TRANSPORT: "ses" })).toThrow(/does not work with the local adapters/);
    expect(localConfig({}).mailTransport).toBe("outbox");
    expect(localConfig({ REPLY_TO: "secretaria@example.org" }).replyTo).toBe("secretaria@example.org");
  });
});
