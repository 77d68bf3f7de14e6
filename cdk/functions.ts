// The functions concern: one Node.js 24 arm64 Lambda per file in functions/handlers/, bundled locally by esbuild.
import { fileURLToPath } from "node:url";
import { Duration } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as nodejs from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { HttpHandlerName } from "../functions/http/routes.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export type HandlerName = HttpHandlerName | "deliver-email" | "ses-events" | "send-reminders" | "run-job";

type HandlerSpec = {
  /** What invokes it; the HTTP ones are wired from the route table. */
  trigger: "http" | "email-jobs" | "ses-events" | "schedule" | "bulk-jobs";
  /**
   * The DynamoDB actions its code performs on the table, granted exactly (test/cdk/table-access.test.ts
   * reads them from the handler's code). Nothing may Scan; only the console deletes (its sessions).
   */
  table: TableAction[];
  /** Puts email jobs on the queue (invitations, reminders, receipts, replaced links). */
  queuesEmail?: true;
  /**
   * Puts job ids on the bulk-job queue: the admin calls and console pages that start a send, remind,
   * compile or import, the status page that revives a stalled one, and the worker handing a job on.
   */
  startsJobs?: true;
  /**
   * Calls Amazon Translate (translate:TranslateText): only the worker, which runs the job that
   * translates a submission's free texts. Nothing a request runs ever waits for an engine.
   */
  translates?: true;
  /** Calls SES itself: only the worker, which also sends the console's sign-in links. */
  sendsEmail?: true;
  /** Writes compiled reports under reports/ in the bucket. */
  writesReports?: true;
  /** Signs short-lived download links to compiled reports (S3 GetObject under reports/). */
  readsReports?: true;
  /** Keeps and reads documents members send back (S3 PutObject and GetObject under replies/). */
  keepsReplies?: true;
  /**
   * Members' attached files under attachments/ in the bucket: "write" stores them and signs the
   * presigned POST a browser sends one with (PutObject), and reads them back (GetObject); "read"
   * only reads them (the console's downloads).
   */
  attachments?: "read" | "write";
  /**
   * Guarded by the admin bearer token (`{ admin: true }` in the handler): gets
   * ADMIN_API_TOKEN_SECRET_ARN and may read that one secret.
   */
  admin?: true;
  /**
   * The console's sign-in: gets SESSION_SECRET_ARN (and may read that one secret) and the
   * SECRETARIAT_ALLOWLIST of who may sign in.
   */
  signsSessions?: true;
  memoryMiB: number;
  timeout: Duration;
};

const seconds = Duration.seconds;

/** What the DynamoDB stores (functions/adapters/dynamodb/) send: single-item reads and writes, paginated queries. */
export type TableAction =
  "GetItem" | "BatchGetItem" | "Query" | "PutItem" | "UpdateItem" | "DeleteItem" | "BatchWriteItem";

// Reading items by key: one alone is a GetItem, several asked for together one BatchGetItem.
const BY_KEY: TableAction[] = ["GetItem", "BatchGetItem"];
// And reading lists (a campaign's invitations, the directory) by Query.
const READ: TableAction[] = [...BY_KEY, "Query"];

/**
 * Every Lambda entry point and what it may do: the stack grants exactly this. A test checks the
 * list against the files in functions/handlers/, so a new handler cannot ship without a line here.
 */
export const HANDLERS: Record<HandlerName, HandlerSpec> = {
  // Saving a submission queues the receipt and the colleagues' notices.
  "respondent-form": {
    trigger: "http",
    table: [...READ, "PutItem", "UpdateItem"],
    queuesEmail: true,
    // A submission queues the job translating its free texts.
    startsJobs: true,
    // A document sent back (Word reply or PDF) is kept beside the answer.
    keepsReplies: true,
    // Files attached to an answer (the `file` question kind).
    attachments: "write",
    memoryMiB: 512,
    timeout: seconds(10),
  },
  // The one-click unsubscribe of invitations and reminders (List-Unsubscribe): marks the invitation.
  unsubscribe: { trigger: "http", table: [...BY_KEY, "PutItem"], memoryMiB: 256, timeout: seconds(10) },
  // What holds no data: the form's optional script, read from the bundle's templates/web/assets, and
  // the accessibility statement every page's footer links to.
  "static-asset": { trigger: "http", table: [], memoryMiB: 256, timeout: seconds(5) },
  "put-members": {
    trigger: "http",
    table: ["BatchWriteItem", "PutItem"],
    admin: true,
    memoryMiB: 512,
    timeout: seconds(20),
  },
  "put-questionnaire": {
    trigger: "http",
    // Query: the translators' workbook is published as the version after the latest. Delete: a
    // published draft is forgotten (the editor's steps for the CLI).
    table: [...READ, "PutItem", "DeleteItem"],
    admin: true,
    memoryMiB: 512,
    timeout: seconds(10),
  },
  "list-campaigns": { trigger: "http", table: READ, admin: true, memoryMiB: 512, timeout: seconds(10) },
  // Status (read), close, reopen and extend (write; telling about an extension is a job), what a bulk
  // action would do, report downloads as presigned links; every POST is audited.
  "campaign-admin": {
    trigger: "http",
    table: [...READ, "PutItem", "UpdateItem"],
    startsJobs: true,
    readsReports: true,
    admin: true,
    memoryMiB: 512,
    timeout: seconds(10),
  },
  // The directory, its spreadsheet import (preview kept in the table; applying it is a job) and export.
  "directory-admin": {
    trigger: "http",
    table: [...READ, "PutItem"],
    startsJobs: true,
    admin: true,
    memoryMiB: 512,
    timeout: seconds(20),
  },
  "create-campaign": {
    trigger: "http",
    table: [...READ, "PutItem"],
    admin: true,
    memoryMiB: 512,
    timeout: seconds(20),
  },
  // Sending and compiling grow with the directory: these only record a job (202) for run-job to do.
  "send-invitations": {
    trigger: "http",
    table: [...BY_KEY, "PutItem"],
    startsJobs: true,
    admin: true,
    memoryMiB: 512,
    timeout: seconds(10),
  },
  "compile-report": {
    trigger: "http",
    table: [...BY_KEY, "PutItem"],
    startsJobs: true,
    admin: true,
    memoryMiB: 512,
    timeout: seconds(10),
  },
  // A campaign's delivery log (one read of its invitations and emails) and "remind now", a job.
  "campaign-delivery": {
    trigger: "http",
    table: [...READ, "PutItem"],
    startsJobs: true,
    admin: true,
    memoryMiB: 512,
    timeout: seconds(20),
  },
  // Where a job stands; watching a job nobody works on (its worker died) hands it to a worker again.
  "job-status": {
    trigger: "http",
    table: BY_KEY,
    startsJobs: true,
    admin: true,
    memoryMiB: 512,
    timeout: seconds(10),
  },
  "contact-links": {
    trigger: "http",
    table: [...READ, "PutItem", "UpdateItem"],
    queuesEmail: true,
    admin: true,
    memoryMiB: 512,
    timeout: seconds(10),
  },
  // Which submission a receipt code names, and whether its text is unchanged: reads only.
  "verify-receipt": { trigger: "http", table: READ, admin: true, memoryMiB: 512, timeout: seconds(10) },
  // The Secretariat's way to record a bounce or complaint SES did not report.
  "record-delivery-event": {
    trigger: "http",
    table: [...BY_KEY, "PutItem"],
    admin: true,
    memoryMiB: 512,
    timeout: seconds(10),
  },
  // The Secretariat's signed-in console: the admin API's actions for people, behind an emailed sign-in
  // link it queues for the worker to send; sending, reminding, compiling and importing are jobs it
  // starts and shows the progress of; it links to the reports. Not an admin handler: it never sees
  // the admin token.
  console: {
    trigger: "http",
    // BatchWriteItem: the content/ load page writes the members it applies.
    table: [...READ, "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"],
    queuesEmail: true,
    startsJobs: true,
    readsReports: true,
    keepsReplies: true,
    // The report links members' attached files to the console, which serves them.
    attachments: "read",
    signsSessions: true,
    memoryMiB: 512,
    timeout: seconds(20),
  },
  // A batch of email jobs, sent one after another at the worker's share of the SES rate.
  "deliver-email": {
    trigger: "email-jobs",
    table: [...READ, "PutItem", "UpdateItem"],
    sendsEmail: true,
    memoryMiB: 512,
    timeout: seconds(60),
  },
  "ses-events": {
    trigger: "ses-events",
    table: [...BY_KEY, "PutItem"],
    memoryMiB: 512,
    timeout: seconds(30),
  },
  "send-reminders": {
    trigger: "schedule",
    table: [...READ, "PutItem"],
    queuesEmail: true,
    memoryMiB: 512,
    timeout: seconds(120),
  },
  // The bulk work: a job's chunks (send, remind, compile, an import's apply) until 90 s are left, then
  // handed on. exceljs builds the report's workbook in memory; more memory also buys a faster CPU.
  "run-job": {
    trigger: "bulk-jobs",
    table: [...READ, "PutItem", "BatchWriteItem"],
    queuesEmail: true,
    startsJobs: true,
    writesReports: true,
    translates: true,
    memoryMiB: 1024,
    timeout: seconds(300),
  },
};

export const HANDLER_NAMES = Object.keys(HANDLERS) as HandlerName[];

/** Node.js 24, the version `npm ci` brings for local runs and tests: what runs here is what runs there. */
export const RUNTIME = lambda.Runtime.NODEJS_24_X;

/** Where the handlers find templates/ in the deployed bundle (/var/task is the unzipped code). */
export const TEMPLATES_DIR = "/var/task/templates";

export type FunctionsProps = {
  /** The configuration every handler parses at cold start (functions/config.ts); no secret is among it. */
  environment: {
    STAGE: string;
    TABLE_NAME: string;
    PUBLIC_BASE_URL: string;
    EMAIL_QUEUE_URL: string;
    JOB_QUEUE_URL: string;
    REPORT_BUCKET: string;
    SENDER_EMAIL: string;
    SES_CONFIGURATION_SET: string;
  };
  /**
   * Secrets are read at first use by functions/adapters/secrets.ts: a function gets the ARN of the
   * secrets its line in HANDLERS names, never a value (the grants are the stack's).
   */
  adminToken: secretsmanager.ISecret;
  sessionSecret: secretsmanager.ISecret;
  /** Who may sign in to the console (SECRETARIAT_ALLOWLIST), lower-case addresses. */
  secretariatAllowlist: string[];
  logRetention: logs.RetentionDays;
  /** Overrides of the esbuild options below; for the benchmarks (bench/bundles.ts) only. */
  bundling?: Partial<nodejs.BundlingOptions>;
  /** What only some handlers get. */
  perHandler?: Partial<Record<HandlerName, HandlerOptions>>;
};

export type HandlerOptions = {
  /** Reserved concurrency; the others share the account's pool. */
  reservedConcurrency?: number;
  /** Variables on top of the common ones, e.g. the worker's SEND_RATE_PER_SECOND. */
  environment?: Record<string, string>;
  /** Where asynchronous invocations go after Lambda's retries fail. */
  deadLetterQueue?: sqs.IQueue;
};

const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase());

/** Modules replaced in every bundle by a file of ours (see `esbuildArgs` below). */
export const ALIASES: Record<string, string> = {
  "node:http": `${ROOT}cdk/node-http.cjs`,
  http: `${ROOT}cdk/node-http.cjs`,
  "@aws-sdk/credential-provider-node": `${ROOT}cdk/lambda-credentials.mjs`,
};

/**
 * Packages kept out of the bundles and built beside the ones that import them (cdk/modules-beside.ts),
 * each entry point its subpath imports use, to the file it is built into: inlined, they were parsed at
 * every cold start though only a few requests use them (issue 19). exceljs (with jszip, bluebird,
 * archiver: about 1 MB) writes and reads workbooks; nodemailer (240 KB, in every bundle through the
 * mailers) builds the MIME of an email and talks SMTP.
 */
export const BESIDE: Record<string, Record<string, string>> = {
  exceljs: { ".": "index.mjs" },
  nodemailer: { ".": "index.mjs", "./lib/mail-composer": "mail-composer.mjs" },
  // pdfmake with pdfkit and fontkit (about 1.1 MB): the receipts' PDF copies and the report's PDF edition
  // (adapters/pdf-documents.ts).
  pdfmake: { ".": "index.mjs" },
  // docx (about 700 KB): the Work Plan as Word, in the console (adapters/docx-work-plan.ts).
  docx: { ".": "index.mjs" },
  // unpdf with PDF.js inlined (about 1.6 MB): a PDF's text on the console's transcription screen
  // (adapters/pdf-text.ts).
  unpdf: { ".": "index.mjs" },
  // jszip and fast-xml-parser (about 130 KB): the Word questionnaire written and a Word reply read, on
  // the form and in the console (adapters/docx-documents.ts).
  jszip: { ".": "index.mjs" },
  "fast-xml-parser": { ".": "index.mjs" },
  // The S3 client and its presigner (about 150 KB of a bundle) and the SQS client (30 KB): a form GET
  // neither signs nor queues, and their modules' code was a third of its cold start
  // (adapters/on-first-use.ts). Each is built with only the exports the adapters use (BESIDE_EXPORTS).
  "@aws-sdk/client-s3": { ".": "index.mjs" },
  "@aws-sdk/s3-request-presigner": { ".": "index.mjs" },
  "@aws-sdk/client-sqs": { ".": "index.mjs" },
  // qs (about 55 KB with what it requires) reads a posted form, busboy (25 KB) a multipart body: no GET
  // needs either (http/request.ts, http/multipart.ts).
  qs: { ".": "index.mjs" },
  busboy: { ".": "index.mjs" },
};

/**
 * Folders a package of BESIDE reads from its own folder at run time, copied beside its build and
 * exported (`require.resolve("pdfmake/fonts/Roboto/…")`): pdfmake's embedded fonts (640 KB).
 */
export const BESIDE_FILES: Record<string, string[]> = { pdfmake: ["fonts/Roboto"] };

/**
 * Packages of BESIDE whose code imports their named exports: ES modules without a default export
 * (docx, unpdf, fast-xml-parser). The others are imported by their default export (a CommonJS package's module.exports).
 */
export const BESIDE_NAMED: ReadonlySet<string> = new Set([
  "docx",
  "unpdf",
  "fast-xml-parser",
  "@aws-sdk/client-s3",
  "@aws-sdk/s3-request-presigner",
  "@aws-sdk/client-sqs",
]);

/**
 * Packages of BESIDE_NAMED built with only these exports, the ones the adapters import: the rest of an
 * SDK client (every other command: client-s3 has about a hundred) is left out, as esbuild leaves it out
 * of a bundle that imports them statically. Each copy carries its own share of the SDK's core; the
 * presigner signs with the client's configuration (test/cdk/stack.test.ts checks the links it signs).
 */
export const BESIDE_EXPORTS: Readonly<Record<string, readonly string[]>> = {
  "@aws-sdk/client-s3": ["S3Client", "GetObjectCommand", "PutObjectCommand", "NoSuchKey"],
  "@aws-sdk/s3-request-presigner": ["getSignedUrl"],
  "@aws-sdk/client-sqs": ["SQSClient", "SendMessageCommand", "SendMessageBatchCommand"],
};

/** The packages of BESIDE a bundle imports: esbuild leaves an external dynamic import as written. */
export const importedBeside = (code: string) =>
  Object.keys(BESIDE).filter((name) =>
    new RegExp(`\\bimport\\(\\s*["']${name}(/[^"']*)?["']\\s*\\)`).test(code),
  );

/** esbuild, run from node_modules: one ESM bundle per handler with only what that handler imports. */
export const bundling: nodejs.BundlingOptions = {
  forceDockerBundling: false,
  format: nodejs.OutputFormat.ESM,
  target: "node24",
  // ESM builds of dependencies where they ship one, CommonJS otherwise.
  mainFields: ["module", "main"],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner:
    "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  minify: true,
  // The error classes name themselves after their class (functions/core/errors.ts), and logs show it.
  keepNames: true,
  // For mapping a logged stack trace offline: Node does not read it at run time (see NODE_OPTIONS below).
  sourceMap: true,
  // Stack traces need the mappings, not a second copy of the sources.
  sourcesContent: false,
  // The SDK version the tests ran against, not whichever the runtime carries this month; and it starts
  // faster. Cold start above a bare Node start, median of 11 runs per bundle (bench/RESULTS.md,
  // 2026-11-23T04:16, 2 cores): 216 ms bundled against 270 ms with the SDK left to the runtime, median
  // over the 15 HTTP handlers, bundled faster for all 18 functions (respondent-form 272 against 316 ms,
  // list-campaigns 195 against 248, compile-report 601 against 658). Bundled, the HTTP bundles are
  // 376-576 KB; loading the runtime's copy file by file from node_modules costs more than parsing it.
  bundleAwsSDK: true,
  // node:http through require(), not an ES module import, which makes Node load undici: see
  // cdk/node-http.cjs. Importing list-campaigns' bundle: 23 ms less, median of 41 paired runs (same run).
  // The SDK's credential chain cut to its one link Lambda uses, the environment: cdk/lambda-credentials.mjs.
  // The packages of BESIDE stay out of the bundle, loaded on first use from beside it (afterBundling).
  esbuildArgs: {
    "--alias": Object.entries(ALIASES).map(([from, to]) => `${from}=${to}`),
    "--external": Object.keys(BESIDE),
  },
  // The views read templates/ from disk at cold start: each bundle carries its own copy, with the
  // templates precompiled (handlebars' compiler stays out of the bundle and out of the cold start).
  // The Node that runs this app runs the precompiler: the repository's Node 24, which reads TypeScript.
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => [
      `cp -R "${inputDir}/templates" "${outputDir}/templates"`,
      `"${process.execPath}" "${inputDir}/cdk/precompile-templates.ts" "${outputDir}/templates"`,
      `"${process.execPath}" "${inputDir}/cdk/modules-beside.ts" "${inputDir}" "${outputDir}"`,
    ],
  },
};

export class Functions extends Construct {
  readonly byName: Record<HandlerName, nodejs.NodejsFunction>;
  readonly logGroups: Record<HandlerName, logs.LogGroup>;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const entries = HANDLER_NAMES.map((name) => {
      const spec = HANDLERS[name];
      const options = props.perHandler?.[name] ?? {};
      const logGroup = new logs.LogGroup(this, `${pascal(name)}Logs`, { retention: props.logRetention });
      // Its own role with nothing but its log group; the AWS managed basic execution policy allows
      // writing to every log group ("Resource": "*").
      const role = new iam.Role(this, `${pascal(name)}Role`, {
        assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      });
      logGroup.grantWrite(role);

      // Where each secret is, for the handlers that need it; its value never enters the template.
      const secrets: Record<string, string> = {
        ...(spec.admin ? { ADMIN_API_TOKEN_SECRET_ARN: props.adminToken.secretArn } : {}),
        ...(spec.signsSessions
          ? {
              SESSION_SECRET_ARN: props.sessionSecret.secretArn,
              SECRETARIAT_ALLOWLIST: props.secretariatAllowlist.join(","),
            }
          : {}),
      };

      const fn = new nodejs.NodejsFunction(this, pascal(name), {
        description: `Consulta ${name}`,
        entry: `${ROOT}functions/handlers/${name}.ts`,
        handler: "handler",
        projectRoot: ROOT,
        depsLockFilePath: `${ROOT}package-lock.json`,
        runtime: RUNTIME,
        architecture: lambda.Architecture.ARM_64,
        memorySize: spec.memoryMiB,
        timeout: spec.timeout,
        role,
        logGroup,
        loggingFormat: lambda.LoggingFormat.JSON,
        reservedConcurrentExecutions: options.reservedConcurrency,
        ...(options.deadLetterQueue ? { deadLetterQueue: options.deadLetterQueue, retryAttempts: 2 } : {}),
        environment: {
          CONSULTA_ADAPTERS: "aws",
          ...props.environment,
          TEMPLATES_DIR,
          ...secrets,
          ...options.environment,
          // No NODE_OPTIONS=--enable-source-maps: reading the map cost 12 ms of every cold start (paired
          // runs, bench/RESULTS.md). Stack traces keep the names (keepNames); the map beside the bundle
          // turns a line and column into the source when someone needs it (cdk/README.md).
        },
        bundling: { ...bundling, ...props.bundling },
      });
      return [name, { fn, logGroup }] as const;
    });
    this.byName = Object.fromEntries(entries.map(([n, e]) => [n, e.fn])) as Record<
      HandlerName,
      nodejs.NodejsFunction
    >;
    this.logGroups = Object.fromEntries(entries.map(([n, e]) => [n, e.logGroup])) as Record<
      HandlerName,
      logs.LogGroup
    >;
  }
}
