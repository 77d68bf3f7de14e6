// The AWS mailer: SES v2 SendEmail of the raw MIME, with a configuration set and tags naming what the email is about.
import { SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import type { Config } from "../config.ts";
import type { Mailer } from "../core/ports.ts";
import { buildMime, senderOf, type Sender } from "./mime-message.ts";
import { rateLimitedMailer } from "./rate-limited-mailer.ts";

const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_.@-]/g, "_").slice(0, 256);

export const createSesMailer = (
  client: SESv2Client,
  sender: Sender,
  configurationSet: string | undefined,
): Mailer => ({
  async send(email) {
    const out = await client.send(
      new SendEmailCommand({
        FromEmailAddress: sender.from,
        Destination: { ToAddresses: [email.to] },
        // Raw: the bytes the outbox writes locally, so what the tests read is what recipients get.
        Content: { Raw: { Data: await buildMime(email, sender) } },
        ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
        EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({
          Name: tagValue(Name),
          Value: tagValue(Value),
        })),
      }),
    );
    if (!out.MessageId) throw new Error("SES accepted the email without a message id");
    return { messageId: out.MessageId };
  },
});

/** The SES mailer of a function that sends email, paced to this worker's share of the quota. */
export const sesMailer = (cfg: Config): Mailer =>
  rateLimitedMailer(
    createSesMailer(new SESv2Client({ region: cfg.region }), senderOf(cfg), cfg.sesConfigurationSet),
    cfg.sendRatePerSecond,
  );
