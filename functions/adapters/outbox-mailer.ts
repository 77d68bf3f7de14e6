// The local mailer: each email becomes an .eml file in the outbox folder, readable by any mail client.
import { randomUUID } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Mailer, OutgoingEmail } from "../core/ports.ts";
import { buildMime, type Sender } from "./mime-message.ts";

/** The .eml of an email: the very bytes the SES and SMTP mailers send. */
export const toEml = (email: OutgoingEmail, from: string | Sender, messageId: string, date: Date) =>
  buildMime(email, typeof from === "string" ? { from } : from, { messageId, date });

export const createOutboxMailer = (dir: string, sender: Sender): Mailer => ({
  async send(email) {
    await mkdir(dir, { recursive: true });
    const messageId = randomUUID();
    const now = new Date();
    const safeTo = email.to.replace(/[^a-zA-Z0-9@._-]/g, "_");
    const name = `${now.toISOString().replace(/[:.]/g, "-")}-${email.tags.kind ?? "email"}-${safeTo}-${messageId.slice(0, 8)}.eml`;
    // Written under a temporary name and renamed, so a reader never sees half a message.
    const tmp = join(dir, `.${name}.tmp`);
    await writeFile(tmp, await toEml(email, sender, messageId, now));
    await rename(tmp, join(dir, name));
    return { messageId };
  },
});
