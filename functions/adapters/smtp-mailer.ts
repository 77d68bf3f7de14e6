// The SMTP mailer: the same MIME, relayed through an organisation's own mail server (MAIL_TRANSPORT=smtp).
import { randomUUID } from "node:crypto";
import type { createTransport } from "nodemailer";
import type { Config, SecretSource } from "../config.ts";
import type { Mailer } from "../core/ports.ts";
import { buildMime, senderOf, type Sender } from "./mime-message.ts";
import { rateLimitedMailer } from "./rate-limited-mailer.ts";
import type { FetchSecret } from "./secrets.ts";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/**
 * `smtps://` is TLS from the start; `smtp://` must upgrade with STARTTLS, except to a relay on this
 * machine: answers and sign-in links never cross a network in clear.
 */
export const createSmtpMailer = (
  url: string,
  sender: Sender,
  password: () => Promise<string | undefined>,
): Mailer => {
  let transport: ReturnType<typeof createTransport> | undefined;
  const open = async () => {
    const u = new URL(url);
    const secure = u.protocol === "smtps:";
    const pass = await password();
    // Loaded when the first email goes: a Lambda bundle keeps nodemailer beside it (cdk/modules-beside.ts).
    // `default`: the module's exports, from node_modules or from the copy beside a bundle alike.
    const { default: nodemailer } = await import("nodemailer");
    return nodemailer.createTransport({
      host: u.hostname.replace(/^\[|\]$/g, ""),
      port: Number(u.port) || (secure ? 465 : 587),
      secure,
      requireTLS: !secure && !LOOPBACK.has(u.hostname),
      ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: pass ?? "" } } : {}),
    });
  };
  return {
    async send(email) {
      transport ??= await open();
      const id = randomUUID();
      await transport.sendMail({
        envelope: { from: sender.from, to: [email.to] },
        raw: await buildMime(email, sender, { messageId: id }),
      });
      return { messageId: id };
    },
  };
};

/** The SMTP mailer of this configuration; its password is read at first send (Secrets Manager in AWS). */
export const smtpMailer = (cfg: Config, fetchSecret?: FetchSecret): Mailer => {
  const smtp = cfg.smtp;
  if (!smtp) throw new Error("Configuration: MAIL_TRANSPORT=smtp needs SMTP_URL");
  const source: SecretSource | undefined = smtp.password;
  const password = async () => {
    if (!source) return undefined;
    if ("value" in source) return source.value;
    if (!fetchSecret) throw new Error(`This function reads no secrets, so it cannot read ${source.arn}`);
    return fetchSecret(source.arn);
  };
  return rateLimitedMailer(createSmtpMailer(smtp.url, senderOf(cfg), password), cfg.sendRatePerSecond);
};
