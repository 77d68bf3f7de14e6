// The local mailer: each email becomes an .eml file in the outbox folder, readable by any mail client.
import { randomUUID } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Mailer, OutgoingEmail } from "../core/ports.ts";

const encodeHeader = (value: string) =>
  /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, "utf8").toString("base64")}?=`;

const base64Lines = (text: string) =>
  Buffer.from(text, "utf8").toString("base64").replace(/.{76}/g, "$&\r\n");

export const toEml = (email: OutgoingEmail, from: string, messageId: string, date: Date): string => {
  const boundary = `consulta-${messageId}`;
  return [
    `From: ${from}`,
    `To: ${email.to}`,
    `Subject: ${encodeHeader(email.subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${messageId}@consulta.local>`,
    ...Object.entries(email.tags).map(([k, v]) => `X-Consulta-${k}: ${v}`),
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(email.text),
    `--${boundary}`,
    "Content-Type: text/html; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(email.html),
    `--${boundary}--`,
    "",
  ].join("\r\n");
};

export const createOutboxMailer = (dir: string, from: string): Mailer => ({
  async send(email) {
    await mkdir(dir, { recursive: true });
    const messageId = randomUUID();
    const now = new Date();
    const safeTo = email.to.replace(/[^a-zA-Z0-9@._-]/g, "_");
    const name = `${now.toISOString().replace(/[:.]/g, "-")}-${email.tags.kind ?? "email"}-${safeTo}-${messageId.slice(0, 8)}.eml`;
    // Written under a temporary name and renamed, so a reader never sees half a message.
    const tmp = join(dir, `.${name}.tmp`);
    await writeFile(tmp, toEml(email, from, messageId, now), "utf8");
    await rename(tmp, join(dir, name));
    return { messageId };
  },
});
