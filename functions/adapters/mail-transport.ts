// The email worker's mailer in AWS, as MAIL_TRANSPORT says: SES, or the organisation's SMTP relay.
import type { Config } from "../config.ts";
import type { Mailer } from "../core/ports.ts";
import { secretsManagerFetch } from "./secrets-manager.ts";
import { sesMailer } from "./ses-mailer.ts";
import { smtpMailer } from "./smtp-mailer.ts";

export const awsMailer = (cfg: Config): Mailer =>
  cfg.mailTransport === "smtp" ? smtpMailer(cfg, secretsManagerFetch(cfg)) : sesMailer(cfg);
