// Wiring: builds the ports from configuration. The only place that chooses AWS or local adapters.
import { join, resolve } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SQSClient } from "@aws-sdk/client-sqs";
import { config as runtimeConfig, type Config } from "../config.ts";
import { deliverEmail } from "../core/deliver-email.ts";
import type { Ports } from "../core/ports.ts";
import { createDynamoRepository } from "./dynamodb-repository.ts";
import { createFolderBlobStore } from "./folder-blob-store.ts";
import { createHandlebarsViews } from "./handlebars-views.ts";
import { createInProcessEmailQueue } from "./in-process-email-queue.ts";
import { createOutboxMailer } from "./outbox-mailer.ts";
import { rateLimitedMailer } from "./rate-limited-mailer.ts";
import { createS3BlobStore } from "./s3-blob-store.ts";
import { createSesMailer } from "./ses-mailer.ts";
import { createSqsEmailQueue } from "./sqs-email-queue.ts";
import { cryptoRandom, systemClock } from "./system.ts";

export const localPaths = (cfg: Config) => ({
  root: resolve(cfg.localDir),
  db: resolve(join(cfg.localDir, "dynamodb")),
  outbox: resolve(join(cfg.localDir, "outbox")),
  blobs: resolve(cfg.localDir),
});

/** `overrides` replaces single ports, e.g. a clock under a test's control. */
export const createPorts = (cfg: Config, overrides: Partial<Ports> = {}): Ports => {
  const dynamo = new DynamoDBClient({
    region: cfg.region,
    ...(cfg.dynamodbEndpoint
      ? { endpoint: cfg.dynamodbEndpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : {}),
  });
  const repository = createDynamoRepository({ client: dynamo, tableName: cfg.tableName });
  const views = createHandlebarsViews(cfg.templatesDir);
  const common = {
    repository,
    views,
    clock: systemClock,
    random: cryptoRandom,
    publicBaseUrl: cfg.publicBaseUrl,
  };
  if (cfg.adapters === "local") {
    const paths = localPaths(cfg);
    const ports: Ports = {
      ...common,
      mailer: rateLimitedMailer(createOutboxMailer(paths.outbox, cfg.senderEmail), cfg.sendRatePerSecond),
      blobs: createFolderBlobStore(paths.blobs),
      queue: createInProcessEmailQueue(() => (job) => deliverEmail(ports, job), {
        onDeadLetter: (job, error) =>
          console.error(
            JSON.stringify({ level: "error", msg: "email job dead-lettered", job, error: String(error) }),
          ),
      }),
      ...overrides,
    };
    return ports;
  }
  return {
    ...common,
    mailer: rateLimitedMailer(
      createSesMailer(new SESv2Client({ region: cfg.region }), cfg.senderEmail, cfg.sesConfigurationSet),
      cfg.sendRatePerSecond,
    ),
    blobs: createS3BlobStore(new S3Client({ region: cfg.region }), cfg.reportBucket as string),
    queue: createSqsEmailQueue(new SQSClient({ region: cfg.region }), cfg.emailQueueUrl as string),
    ...overrides,
  };
};

let ports: Ports | undefined;
/** The ports of this process, built on first use from the environment (a Lambda's cold start). */
export const runtimePorts = (): Ports => (ports ??= createPorts(runtimeConfig()));
