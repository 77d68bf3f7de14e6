// One message, one builder: every email becomes MIME here, and each mailer (outbox, SES, SMTP) sends these bytes.
import type { Config } from "../config.ts";
import type { OutgoingEmail } from "../core/ports.ts";

/** Who the messages are from, and where replies go when an email names no mailbox of its own. */
export type Sender = { from: string; replyTo?: string | undefined };

export const senderOf = (cfg: Config): Sender => ({ from: cfg.senderEmail, replyTo: cfg.replyTo });

/** The RFC 8058 body a mail client posts to the List-Unsubscribe address for a one-click unsubscribe. */
export const ONE_CLICK_BODY = "List-Unsubscribe=One-Click";

/**
 * The email as MIME (multipart/alternative text and HTML, in multipart/mixed with its attachments, CRLF),
 * with a Message-ID of `messageId@domain`.
 */
export const buildMime = async (
  email: OutgoingEmail,
  sender: Sender,
  options: { messageId?: string; date?: Date } = {},
): Promise<Buffer> => {
  const replyTo = email.replyTo ?? sender.replyTo;
  // Loaded when the first email is built: most functions never build one, and a Lambda bundle keeps
  // nodemailer beside it rather than in it (cdk/modules-beside.ts).
  const { default: MailComposer } = await import("nodemailer/lib/mail-composer");
  const composer = new MailComposer({
    from: sender.from,
    to: email.to,
    ...(replyTo ? { replyTo } : {}),
    subject: email.subject,
    text: email.text,
    html: email.html,
    ...(email.attachments?.length
      ? {
          attachments: email.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
          })),
        }
      : {}),
    ...(options.messageId ? { messageId: `<${options.messageId}@${domainOf(sender.from)}>` } : {}),
    ...(options.date ? { date: options.date } : {}),
    headers: {
      // The tests and the Secretariat's mail client trace an email back to its invitation by these.
      ...Object.fromEntries(Object.entries(email.tags).map(([k, v]) => [`X-Consulta-${k}`, v])),
      ...(email.unsubscribeUrl
        ? {
            // Prepared: a folded URL is one some mail clients cannot follow.
            "List-Unsubscribe": { prepared: true, value: `<${email.unsubscribeUrl}>` },
            "List-Unsubscribe-Post": ONE_CLICK_BODY,
          }
        : {}),
    },
    // Base64 bodies and B-encoded headers: lines stay short whatever the language, and every reader agrees.
    encoding: "base64",
    textEncoding: "B",
    newline: "win",
    // The content is ours, but a template must never be able to make the builder read a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return new Promise((resolve, reject) =>
    composer.compile().build((error, message) => (error ? reject(error) : resolve(message))),
  );
};

const domainOf = (address: string) => /@([^>\s]+)>?\s*$/.exec(address)?.[1] ?? "consulta.local";
