// Configuration: parsed once from the environment; the only module that reads process.env.
import { fileURLToPath } from "node:url";
import * as z from "zod";

const Env = z.object({
  CONSULTA_ADAPTERS: z.enum(["aws", "local"]).default("aws"),
  STAGE: z.string().default("dev"),
  TABLE_NAME: z.string().min(1).default("consulta"),
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default("us-east-1"),
  PUBLIC_BASE_URL: z.url().transform((u) => u.replace(/\/$/, "")),
  // Secrets: the value itself (local), or the ARN of a Secrets Manager secret holding it (AWS).
  ADMIN_API_TOKEN: z.string().min(32, "ADMIN_API_TOKEN must be at least 32 characters").optional(),
  ADMIN_API_TOKEN_SECRET_ARN: z.string().startsWith("arn:").optional(),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  SESSION_SECRET_ARN: z.string().startsWith("arn:").optional(),
  /** The Secretariat's addresses allowed to sign in to the console, comma-separated. */
  SECRETARIAT_ALLOWLIST: z
    .string()
    .default("")
    .transform((list) =>
      list
        .split(",")
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.email("SECRETARIAT_ALLOWLIST must list email addresses"))),
  TEMPLATES_DIR: z.string().default(fileURLToPath(new URL("../templates/", import.meta.url))),
  // AWS adapters
  EMAIL_QUEUE_URL: z.url().optional(),
  /** Where bulk work (send, remind, compile, an import's apply) waits for the run-job worker. */
  JOB_QUEUE_URL: z.url().optional(),
  REPORT_BUCKET: z.string().optional(),
  SENDER_EMAIL: z.email().default("consulta@example.org"),
  SES_CONFIGURATION_SET: z.string().optional(),
  /** Where replies go when the campaign names no Secretariat mailbox (sign-in links). */
  REPLY_TO: z.email("REPLY_TO must be an email address").optional(),
  /** How email leaves: SES (AWS), the outbox folder (local), or the organisation's own SMTP relay. */
  MAIL_TRANSPORT: z.enum(["ses", "smtp", "outbox"]).optional(),
  /** smtp://user@host:587 (STARTTLS) or smtps://user@host:465; the password comes apart. */
  SMTP_URL: z
    .url()
    .refine((u) => /^smtps?:\/\//.test(u), "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_PASSWORD_SECRET_ARN: z.string().startsWith("arn:").optional(),
  /**
   * The machine translation engine: Amazon Translate on AWS, Apertium (Debian's packages) locally,
   * or none (free texts show "not translated").
   */
  TRANSLATOR: z.enum(["amazon", "apertium", "none"]).optional(),
  // Local adapters
  LOCAL_DIR: z.string().default(".local"),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024),
  /**
   * The largest form posted with its files without JavaScript (multipart): Lambda takes at most 6 MB
   * a request, which base64 makes about 4.4 MB of file; larger files go straight to the bucket.
   */
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024),
  /** Emails a second this process may send (SES quota ÷ worker concurrency); 0 means no limit. */
  SEND_RATE_PER_SECOND: z.coerce.number().min(0).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Colleagues a member's focal points may invite; each is an official email sent in the OAS's name. */
  MAX_CONTRIBUTORS_PER_MEMBER: z.coerce.number().int().min(0).max(100).default(10),
});

/** Where a secret comes from: given directly, or read from Secrets Manager at cold start. */
export type SecretSource = { value: string } | { arn: string };

export type Config = {
  adapters: "aws" | "local";
  stage: string;
  tableName: string;
  dynamodbEndpoint: string | undefined;
  region: string;
  publicBaseUrl: string;
  /** Needed only by the functions that use them: read at first use, not required at parse. */
  adminApiToken: SecretSource | undefined;
  sessionSecret: SecretSource | undefined;
  allowlist: string[];
  templatesDir: string;
  emailQueueUrl: string | undefined;
  jobQueueUrl: string | undefined;
  reportBucket: string | undefined;
  senderEmail: string;
  sesConfigurationSet: string | undefined;
  replyTo: string | undefined;
  mailTransport: "ses" | "smtp" | "outbox";
  smtp: { url: string; password: SecretSource | undefined } | undefined;
  localDir: string;
  maxBodyBytes: number;
  maxUploadBytes: number;
  /** Where the form's script sends files straight to the bucket: the page's CSP lets it connect there. */
  uploadOrigin: string | undefined;
  port: number;
  sendRatePerSecond: number;
  maxContributorsPerMember: number;
  translator: "amazon" | "apertium" | "none";
};

/** Parses an environment; throws one error listing every bad variable, so a cold start fails loudly. */
export const parseConfig = (env: Record<string, string | undefined>): Config => {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.CONSULTA_ADAPTERS === "aws" && (!e.EMAIL_QUEUE_URL || !e.REPORT_BUCKET)) {
    throw new Error(
      "Invalid configuration: EMAIL_QUEUE_URL and REPORT_BUCKET are required with the AWS adapters",
    );
  }
  const mailTransport = e.MAIL_TRANSPORT ?? (e.CONSULTA_ADAPTERS === "aws" ? "ses" : "outbox");
  if (mailTransport === "smtp" && !e.SMTP_URL) {
    throw new Error("Invalid configuration: SMTP_URL is required with MAIL_TRANSPORT=smtp");
  }
  if (mailTransport !== "smtp" && mailTransport !== (e.CONSULTA_ADAPTERS === "aws" ? "ses" : "outbox")) {
    throw new Error(
      `Invalid configuration: MAIL_TRANSPORT=${mailTransport} does not work with the ${e.CONSULTA_ADAPTERS} adapters`,
    );
  }
  if (e.SMTP_URL && new URL(e.SMTP_URL).password) {
    throw new Error(
      "Invalid configuration: SMTP_URL must not hold the password; set SMTP_PASSWORD(_SECRET_ARN)",
    );
  }
  const secret = (value: string | undefined, arn: string | undefined): SecretSource | undefined =>
    value ? { value } : arn ? { arn } : undefined;
  return {
    adapters: e.CONSULTA_ADAPTERS,
    stage: e.STAGE,
    tableName: e.TABLE_NAME,
    dynamodbEndpoint: e.DYNAMODB_ENDPOINT,
    region: e.AWS_REGION,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    adminApiToken: secret(e.ADMIN_API_TOKEN, e.ADMIN_API_TOKEN_SECRET_ARN),
    sessionSecret: secret(e.SESSION_SECRET, e.SESSION_SECRET_ARN),
    allowlist: e.SECRETARIAT_ALLOWLIST,
    templatesDir: e.TEMPLATES_DIR,
    emailQueueUrl: e.EMAIL_QUEUE_URL,
    jobQueueUrl: e.JOB_QUEUE_URL,
    reportBucket: e.REPORT_BUCKET,
    senderEmail: e.SENDER_EMAIL,
    sesConfigurationSet: e.SES_CONFIGURATION_SET,
    replyTo: e.REPLY_TO,
    mailTransport,
    smtp:
      mailTransport === "smtp" && e.SMTP_URL
        ? { url: e.SMTP_URL, password: secret(e.SMTP_PASSWORD, e.SMTP_PASSWORD_SECRET_ARN) }
        : undefined,
    translator: e.TRANSLATOR ?? (e.CONSULTA_ADAPTERS === "aws" ? "amazon" : "apertium"),
    localDir: e.LOCAL_DIR,
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    uploadOrigin:
      e.CONSULTA_ADAPTERS === "aws" && e.REPORT_BUCKET
        ? `https://${e.REPORT_BUCKET}.s3.${e.AWS_REGION}.amazonaws.com`
        : undefined,
    port: e.PORT,
    // 14 a second is a common first production quota of SES (its sandbox allows 1); the outbox has none.
    sendRatePerSecond: e.SEND_RATE_PER_SECOND ?? (e.CONSULTA_ADAPTERS === "aws" ? 14 : 0),
    maxContributorsPerMember: e.MAX_CONTRIBUTORS_PER_MEMBER,
  };
};

let loaded: Config | undefined;
/** The process's configuration, read from the environment on first use. */
export const config = (): Config => (loaded ??= parseConfig(process.env));

/** The environment with some variables set by the caller (the local runtime and tests). */
export const configWith = (overrides: Record<string, string | undefined>): Config =>
  parseConfig({ ...process.env, ...overrides });

/** One raw environment variable, for the local runtime's defaults. */
export const configValue = (name: string): string | undefined => process.env[name] || undefined;
