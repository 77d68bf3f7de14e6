// Wiring: builds the ports from configuration. The only place that chooses AWS or local adapters.
//
// Each Lambda names the AWS adapters it uses (`AwsAdapters`), so its bundle holds only those SDK clients:
// list-campaigns' bundle went from 1,230 KB to 635 KB with this and zod's namespace import (bench/RESULTS.md).
import { join, resolve } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { config as runtimeConfig, type Config } from "../config.ts";
import { deliverEmail } from "../core/deliver-email.ts";
import type { BlobStore, Documents, EmailQueue, JobQueue, Mailer, Ports, Views } from "../core/ports.ts";
import type { WorkbookWriter } from "../core/report/workbook.ts";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Translator } from "../core/translation/ports.ts";
import { createApertiumTranslator } from "./apertium-translator.ts";
import { createDynamoRepository } from "./dynamodb-repository.ts";
import { createDynamoTranslationStore } from "./dynamodb-translations.ts";
import { createFolderBlobStore } from "./folder-blob-store.ts";
import { createInProcessEmailQueue } from "./in-process-email-queue.ts";
import { createOutboxMailer } from "./outbox-mailer.ts";
import { createPrecompiledViews } from "./precompiled-views.ts";
import { senderOf } from "./mime-message.ts";
import { rateLimitedMailer } from "./rate-limited-mailer.ts";
import { smtpMailer } from "./smtp-mailer.ts";
import { cryptoRandom, systemClock } from "./system.ts";
import { logger } from "./telemetry.ts";

/** The AWS adapters a function uses beyond DynamoDB; the ones it leaves out fail if called. */
export type AwsAdapters = {
  mailer?: (cfg: Config) => Mailer;
  blobs?: (cfg: Config) => BlobStore;
  queue?: (cfg: Config) => EmailQueue;
  /** The bulk-work queue; locally the stack runs jobs in its own process (functions/local/stack.ts). */
  jobs?: (cfg: Config) => JobQueue;
  /** Amazon Translate: only the function that runs jobs (the translate job) holds its client. */
  translator?: (cfg: Config) => Translator;
};

export const localPaths = (cfg: Config) => ({
  root: resolve(cfg.localDir),
  db: resolve(join(cfg.localDir, "dynamodb")),
  outbox: resolve(join(cfg.localDir, "outbox")),
  blobs: resolve(cfg.localDir),
});

/** A port this function was deployed without: calling it is a wiring bug, said plainly in the log. */
const absent = <T extends object>(port: keyof AwsAdapters): T =>
  new Proxy({} as T, {
    get: (_target, method) => () =>
      Promise.reject(
        new Error(
          `This function has no ${port} (calling ${String(method)}): add it to its handler's AwsAdapters`,
        ),
      ),
  });

/** A function built without the workbook writer: compiling a report there is a wiring bug. */
const absentWorkbooks: WorkbookWriter = () =>
  Promise.reject(
    new Error("This function has no workbook writer: pass `workbooks` where its ports are built"),
  );

/** A function built without the PDF printer: printing there is a wiring bug. */
const absentDocuments: Documents = {
  receiptPdf: () =>
    Promise.reject(new Error("This function has no PDF printer: pass `documents` where its ports are built")),
  reportPdf: () =>
    Promise.reject(new Error("This function has no PDF printer: pass `documents` where its ports are built")),
  questionnaireDocx: () =>
    Promise.reject(new Error("This function has no Word writer: pass `documents` where its ports are built")),
  readWordDocument: () =>
    Promise.reject(new Error("This function has no Word reader: pass `documents` where its ports are built")),
};

/** What a function prints with, given only by those that do: their bundles get the package beside them. */
export type Printers = {
  /** The report's workbook writer (adapters/xlsx/stream-writer.ts): exceljs beside the bundle. */
  workbooks?: WorkbookWriter;
  /** PDF copies of receipts (adapters/pdf-documents.ts): pdfmake and its fonts beside the bundle; Word documents. */
  documents?: Partial<Documents>;
};

type Wiring = {
  /** The templates: precompiled in a Lambda's bundle, compiled from templates/ locally. */
  views: (templatesDir: string) => Views;
  /** The AWS adapters, used when the configuration says "aws". */
  aws?: AwsAdapters;
  /**
   * The report's workbook writer (adapters/xlsx/stream-writer.ts), given only by what compiles
   * reports: a bundle that holds it gets exceljs copied beside it (cdk/modules-beside.ts).
   */
  workbooks?: WorkbookWriter;
  /** The PDF printer (adapters/pdf-documents.ts), given only by what sends or shows receipts; Word (docx-documents.ts). */
  documents?: Partial<Documents>;
  /** Replaces single ports, e.g. a clock under a test's control. */
  overrides?: Partial<Ports>;
};

export const createPorts = (
  cfg: Config,
  { views, aws = {}, workbooks, documents, overrides = {} }: Wiring,
): Ports => {
  const dynamo = new DynamoDBClient({
    region: cfg.region,
    ...(cfg.dynamodbEndpoint
      ? { endpoint: cfg.dynamodbEndpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : {}),
  });
  const common = {
    repository: createDynamoRepository({ client: dynamo, tableName: cfg.tableName }),
    translations: createDynamoTranslationStore({
      doc: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
      tableName: cfg.tableName,
    }),
    views: views(cfg.templatesDir),
    workbooks: workbooks ?? absentWorkbooks,
    documents: { ...absentDocuments, ...documents },
    clock: systemClock,
    log: {
      error: (message: string, fields: Record<string, unknown> = {}) => logger.error(message, fields),
      warn: (message: string, fields: Record<string, unknown> = {}) => logger.warn(message, fields),
    },
    random: cryptoRandom,
    publicBaseUrl: cfg.publicBaseUrl,
  };
  if (cfg.adapters === "local") {
    const paths = localPaths(cfg);
    const ports: Ports = {
      ...common,
      mailer:
        cfg.mailTransport === "smtp"
          ? smtpMailer(cfg)
          : rateLimitedMailer(createOutboxMailer(paths.outbox, senderOf(cfg)), cfg.sendRatePerSecond),
      blobs: createFolderBlobStore(paths.blobs),
      queue: createInProcessEmailQueue(() => (job) => deliverEmail(ports, job), {
        onDeadLetter: (job, error) => logger.error("email job dead-lettered", { job, error: String(error) }),
      }),
      // A process that runs no worker leaves the jobs it records queued; the local stack runs them
      // (functions/local/stack.ts replaces this).
      jobs: { enqueue: async () => {} },
      // Without the apertium command every pair is "unavailable": texts show "not translated".
      ...(cfg.translator === "apertium" ? { translator: createApertiumTranslator() } : {}),
      ...overrides,
    };
    return ports;
  }
  return {
    ...common,
    mailer: aws.mailer?.(cfg) ?? absent<Mailer>("mailer"),
    blobs: aws.blobs?.(cfg) ?? absent<BlobStore>("blobs"),
    queue: aws.queue?.(cfg) ?? absent<EmailQueue>("queue"),
    jobs: aws.jobs?.(cfg) ?? absent<JobQueue>("jobs"),
    ...(cfg.translator === "amazon" && aws.translator ? { translator: aws.translator(cfg) } : {}),
    ...overrides,
  };
};

/** The ports of this Lambda, built on first use from the environment (its cold start). */
export const lambdaPorts = (aws: AwsAdapters, printers: Printers = {}): (() => Ports) => {
  let ports: Ports | undefined;
  return () => (ports ??= createPorts(runtimeConfig(), { views: createPrecompiledViews, aws, ...printers }));
};
