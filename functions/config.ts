// Configuration: parsed once from the environment; the only module that reads process.env.
import { fileURLToPath } from "node:url";
import { z } from "zod";

const Env = z.object({
  CONSULTA_ADAPTERS: z.enum(["aws", "local"]).default("aws"),
  STAGE: z.string().default("dev"),
  TABLE_NAME: z.string().min(1).default("consulta"),
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default("us-east-1"),
  PUBLIC_BASE_URL: z.url().transform((u) => u.replace(/\/$/, "")),
  ADMIN_API_TOKEN: z.string().min(32, "ADMIN_API_TOKEN must be at least 32 characters"),
  TEMPLATES_DIR: z.string().default(fileURLToPath(new URL("../templates/", import.meta.url))),
  // AWS adapters
  EMAIL_QUEUE_URL: z.url().optional(),
  REPORT_BUCKET: z.string().optional(),
  SENDER_EMAIL: z.email().default("consulta@example.org"),
  SES_CONFIGURATION_SET: z.string().optional(),
  // Local adapters
  LOCAL_DIR: z.string().default(".local"),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024),
  /** Emails a second this process may send (SES quota ÷ worker concurrency); 0 means no limit. */
  SEND_RATE_PER_SECOND: z.coerce.number().min(0).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
});

export type Config = {
  adapters: "aws" | "local";
  stage: string;
  tableName: string;
  dynamodbEndpoint: string | undefined;
  region: string;
  publicBaseUrl: string;
  adminApiToken: string;
  templatesDir: string;
  emailQueueUrl: string | undefined;
  reportBucket: string | undefined;
  senderEmail: string;
  sesConfigurationSet: string | undefined;
  localDir: string;
  maxBodyBytes: number;
  port: number;
  sendRatePerSecond: number;
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
  return {
    adapters: e.CONSULTA_ADAPTERS,
    stage: e.STAGE,
    tableName: e.TABLE_NAME,
    dynamodbEndpoint: e.DYNAMODB_ENDPOINT,
    region: e.AWS_REGION,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    adminApiToken: e.ADMIN_API_TOKEN,
    templatesDir: e.TEMPLATES_DIR,
    emailQueueUrl: e.EMAIL_QUEUE_URL,
    reportBucket: e.REPORT_BUCKET,
    senderEmail: e.SENDER_EMAIL,
    sesConfigurationSet: e.SES_CONFIGURATION_SET,
    localDir: e.LOCAL_DIR,
    maxBodyBytes: e.MAX_BODY_BYTES,
    port: e.PORT,
    // SES's sandbox quota is 14 a second; the local outbox has none.
    sendRatePerSecond: e.SEND_RATE_PER_SECOND ?? (e.CONSULTA_ADAPTERS === "aws" ? 14 : 0),
  };
};

let loaded: Config | undefined;
/** The process's configuration, read from the environment on first use. */
export const config = (): Config => (loaded ??= parseConfig(process.env));

/** The environment with some variables set by the caller (the local runtime and tests). */
export const configWith = (overrides: Record<string, string | undefined>): Config =>
  parseConfig({ ...process.env, ...overrides });
