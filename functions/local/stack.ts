// The embedded local stack: dynalite on disk, the outbox and report folders, and the HTTP server,
// all wired to the very handlers that run on Lambda.
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { configValue, configWith, type Config } from "../config.ts";
import { ensureTable } from "../adapters/dynamodb-repository.ts";
import { createHandlebarsViews } from "../adapters/handlebars-views.ts";
import { createInProcessJobQueue } from "../adapters/in-process-job-queue.ts";
import { workPlanWord } from "../adapters/docx-work-plan.ts";
import { wordDocuments } from "../adapters/docx-documents.ts";
import { threadedPdfDocuments } from "./threaded-pdf.ts";
import { pdfText } from "../adapters/pdf-text.ts";
import { createPorts, localPaths } from "../adapters/ports.ts";
import { runJob } from "../core/jobs.ts";
import type { Ports } from "../core/ports.ts";
import { createCampaignAdminHandler } from "../handlers/campaign-admin.ts";
import { createCampaignDeliveryHandler } from "../handlers/campaign-delivery.ts";
import { createDirectoryAdminHandler } from "../handlers/directory-admin.ts";
import { createCompileReportHandler } from "../handlers/compile-report.ts";
import { createConsoleHandler } from "../handlers/console.ts";
import { createContactLinksHandler } from "../handlers/contact-links.ts";
import { createListCampaignsHandler } from "../handlers/list-campaigns.ts";
import { createRecordDeliveryEventHandler } from "../handlers/record-delivery-event.ts";
import { createCreateCampaignHandler } from "../handlers/create-campaign.ts";
import { createPutMembersHandler } from "../handlers/put-members.ts";
import { createPutQuestionnaireHandler } from "../handlers/put-questionnaire.ts";
import { createRespondentFormHandler } from "../handlers/respondent-form.ts";
import { createSendInvitationsHandler } from "../handlers/send-invitations.ts";
import { createStaticAssetHandler } from "../handlers/static-asset.ts";
import { createUnsubscribeHandler } from "../handlers/unsubscribe.ts";
import { createVerifyReceiptHandler } from "../handlers/verify-receipt.ts";
import { createJobStatusHandler } from "../handlers/job-status.ts";
import type { HttpHandler, Runtime } from "../http/handler.ts";
import type { HttpHandlerName } from "../http/routes.ts";
import { readContent } from "./content.ts";
import { claimFolder } from "./data-folder.ts";
import { startDynalite } from "./dynalite.ts";
import { startLocalServer } from "./server.ts";
import { crashAfter } from "./crash-point.ts";
import { logger } from "../adapters/telemetry.ts";
import { writeXlsx } from "../adapters/xlsx/stream-writer.ts";

export type LocalStack = {
  url: string;
  config: Config;
  ports: Ports;
  adminToken: string;
  paths: ReturnType<typeof localPaths>;
  /** Resolves when the in-process worker has no job left (the translations submissions queued). */
  jobsSettled?(): Promise<void>;
  close(): Promise<void>;
};

/** A secret of this local folder (admin token, session secret): made once, kept in `.local/`. */
const localSecret = (dir: string, name: string) => {
  const file = join(dir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const token = randomBytes(32).toString("base64url");
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, token, { mode: 0o600 });
  return token;
};

export const httpHandlers = (runtime: Runtime): Record<HttpHandlerName, HttpHandler> => ({
  "respondent-form": createRespondentFormHandler(runtime),
  "put-members": createPutMembersHandler(runtime),
  "put-questionnaire": createPutQuestionnaireHandler(runtime),
  "create-campaign": createCreateCampaignHandler(runtime),
  "send-invitations": createSendInvitationsHandler(runtime),
  "compile-report": createCompileReportHandler(runtime),
  "campaign-delivery": createCampaignDeliveryHandler(runtime),
  "campaign-admin": createCampaignAdminHandler(runtime),
  "directory-admin": createDirectoryAdminHandler(runtime),
  "contact-links": createContactLinksHandler(runtime),
  "list-campaigns": createListCampaignsHandler(runtime),
  "record-delivery-event": createRecordDeliveryEventHandler(runtime),
  "static-asset": createStaticAssetHandler(runtime),
  // The console's "Load content/" page reads the folder the local stack was started beside.
  console: createConsoleHandler(runtime, { content: () => readContent() }),
  "verify-receipt": createVerifyReceiptHandler(runtime),
  "job-status": createJobStatusHandler(runtime),
  unsubscribe: createUnsubscribeHandler(runtime),
});

export type LocalStackOptions = {
  /** Folder for the database, outbox and reports; `.local` by default. */
  dir?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Keep DynamoDB in memory instead of on disk (tests). */
  inMemory?: boolean;
  /** An already running DynamoDB-compatible endpoint to use instead of starting one. */
  dynamodbEndpoint?: string;
  tableName?: string;
  overrides?: Record<string, string>;
  /** Ports to replace, e.g. a clock the test moves. */
  ports?: Partial<Ports>;
};

export const startLocalStack = async (options: LocalStackOptions = {}): Promise<LocalStack> => {
  const dir = resolve(options.dir ?? ".local");
  const onDisk = !options.dynamodbEndpoint && !options.inMemory;
  // The database on disk opens for one process at a time: a second one would die with "Database is closed".
  const claim = onDisk ? claimFolder(dir) : undefined;
  let dynamo;
  try {
    dynamo = options.dynamodbEndpoint
      ? { endpoint: options.dynamodbEndpoint, close: async () => {} }
      : await startDynalite(onDisk ? join(dir, "dynamodb") : undefined);
  } catch (error) {
    claim?.release();
    throw error;
  }
  const adminToken = localSecret(dir, "admin-token");
  const sessionSecret = localSecret(dir, "session-secret");
  // The base URL is only known once the server listens; a stable port makes links in the outbox work later.
  const port = options.port ?? 3000;
  let config = configWith({
    CONSULTA_ADAPTERS: "local",
    LOCAL_DIR: dir,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    ADMIN_API_TOKEN: adminToken,
    SESSION_SECRET: sessionSecret,
    // Locally the demo Secretariat address may sign in unless the environment names others.
    SECRETARIAT_ALLOWLIST: configValue("SECRETARIAT_ALLOWLIST") ?? "secretariat@example.org",
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    TABLE_NAME: options.tableName ?? "consulta",
    ...options.overrides,
  });
  let ports: Ports | undefined;
  const crashPoint = configValue("CONSULTA_LOCAL_CRASH_AFTER");
  // Bulk work runs here, in the background, through the same core calls as the run-job Lambda.
  const jobs = createInProcessJobQueue(
    () => (jobId, more) => runJob(runtime.ports(), jobId, { owner: `local-${randomUUID()}`, more }),
    {
      onFailed: (jobId, error) => logger.error("job failed", { jobId, error: String(error) }),
    },
  );
  // The report's PDF edition is printed on a thread of its own: its layout would stall every request.
  const documents = threadedPdfDocuments();
  const portsFor = () => {
    const created = createPorts(config, {
      views: createHandlebarsViews,
      workbooks: writeXlsx,
      documents: {
        ...workPlanWord,
        ...wordDocuments,
        ...pdfText,
        receiptPdf: documents.receiptPdf,
        reportPdf: documents.reportPdf,
      },
      overrides: { jobs, ...options.ports },
    });
    return crashPoint ? { ...created, repository: crashAfter(created.repository, crashPoint) } : created;
  };
  const runtime: Runtime = {
    ports: () => (ports ??= portsFor()),
    config: () => config,
    secrets: () => ({ adminApiToken: async () => adminToken, sessionSecret: async () => sessionSecret }),
  };
  const server = await startLocalServer(httpHandlers(runtime), port).catch(async (error: unknown) => {
    // A busy port: the folder and its database are free again for a retry on another port.
    await dynamo.close();
    claim?.release();
    throw error;
  });
  claim?.listening(server.url);
  if (port === 0) {
    config = { ...config, publicBaseUrl: server.url };
    ports = undefined;
  }
  await ensureTable(
    new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: config.region,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    }),
    config.tableName,
  );
  return {
    url: server.url,
    config,
    ports: runtime.ports(),
    adminToken,
    paths: localPaths(config),
    jobsSettled: () => jobs.settled(),
    close: async () => {
      await jobs.stop();
      await documents.close();
      await server.close();
      await dynamo.close();
      claim?.release();
    },
  };
};
