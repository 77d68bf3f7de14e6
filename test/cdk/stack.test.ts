// The production stack as a careful reviewer reads it: synthesized offline from cdk.json, bundles built once.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, CfnWaitConditionHandle, Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildApp } from "../../cdk/app.ts";
import { ACCESS_LOG_FIELDS } from "../../cdk/api.ts";
import { ConsultaStack } from "../../cdk/consulta-stack.ts";
import {
  BESIDE,
  BESIDE_EXPORTS,
  HANDLERS,
  HANDLER_NAMES,
  importedBeside,
  type HandlerName,
} from "../../cdk/functions.ts";
import { readParameters } from "../../cdk/parameters.ts";
import { workerPlan } from "../../cdk/queue.ts";
import { Schedule } from "../../cdk/schedule.ts";
import { METRIC_NAMESPACE, METRIC_SERVICE, SIGN_IN_REFUSED } from "../../functions/http/metric-names.ts";
import { ROUTES } from "../../functions/http/routes.ts";
import { freshTable } from "../support/dynamo.ts";

// CloudFormation JSON is read here by path, as a reviewer reads the template; typing each resource is noise.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Resource = { Type: string; Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Principal?: unknown };

const root = new URL("../../", import.meta.url).pathname;
const cdkContext = JSON.parse(readFileSync(join(root, "cdk.json"), "utf8")).context as Record<
  string,
  unknown
>;
const handlerFiles = readdirSync(join(root, "functions/handlers"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.slice(0, -3))
  .sort();

/** A variant of the stack with other parameters; asset bundling is skipped, only the template matters. */
const variant = (context: Record<string, unknown>) => {
  const app = new App({
    context: {
      ...cdkContext,
      senderEmail: "consulta@oas.org",
      secretariatAllowlist: "secretariat@oas.org",
      ...context,
      "aws:cdk:bundling-stacks": [],
    },
  });
  const stack = new ConsultaStack(app, "Variant", {
    parameters: readParameters((key) => app.node.tryGetContext(key)),
  });
  return Template.fromStack(stack);
};

/** One variant with every optional parameter that adds to the stack, synthesized once for the tests that read it. */
let configuredTemplate: Template | undefined;
const configured = () =>
  (configuredTemplate ??= variant({
    customDomain: "consulta.oas.org",
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab",
    alarmEmail: "it@oas.org",
    secretariatAllowlist: "Ana@OAS.org, it@oas.org",
  }));

/** How many resources of a type have these properties (Match patterns allowed). */
const count = (t: Template, type: string, properties: Record<string, unknown>) =>
  Object.keys(t.findResources(type, { Properties: properties })).length;

let outdir: string;
let stack: Stack;
let missingContext: unknown;
let template: Template;
let resources: Record<string, Resource>;

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const only = (type: string) => {
  const found = ofType(type);
  expect(found).toHaveLength(1);
  return found[0]!;
};
/** The logical id of each handler's function, found by the description the functions construct gives it. */
const functionIds = () =>
  Object.fromEntries(
    ofType("AWS::Lambda::Function").map(([id, r]) => [
      (r.Properties.Description as string).replace("Consulta ", ""),
      id,
    ]),
  ) as Record<HandlerName, string>;
const roleOf = (handler: HandlerName) =>
  resources[functionIds()[handler]]!.Properties.Role["Fn::GetAtt"][0] as string;
const statementsOf = (roleId: string): Statement[] =>
  ofType("AWS::IAM::Policy")
    .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
const actionsOf = (handler: HandlerName) => statementsOf(roleOf(handler)).flatMap((s) => [s.Action].flat());
/** Whether a handler may do `action` on the resource with this logical id. */
const mayOn = (handler: HandlerName, action: string, resourceId: string) =>
  statementsOf(roleOf(handler)).some(
    (s) => [s.Action].flat().includes(action) && JSON.stringify(s.Resource).includes(`"${resourceId}"`),
  );
/** The logical id of the generated secret whose description starts with `description`. */
const secretId = (description: string) =>
  ofType("AWS::SecretsManager::Secret").find(([, r]) =>
    (r.Properties.Description as string).startsWith(description),
  )![0];
/** Every statement of every policy, with the role it is attached to. */
const allStatements = () =>
  ofType("AWS::IAM::Policy").flatMap(([, p]) =>
    (p.Properties.PolicyDocument.Statement as Statement[]).map((s) => ({
      roles: (p.Properties.Roles as { Ref: string }[]).map((r) => r.Ref),
      ...s,
    })),
  );
const handlerOfRole = (roleId: string) => HANDLER_NAMES.find((n) => roleOf(n) === roleId);
const assetDirOf = (handler: HandlerName) => {
  const key = resources[functionIds()[handler]]!.Properties.Code.S3Key as string;
  return join(outdir, `asset.${key.replace(/\.zip$/, "")}`);
};

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), "consulta-cdk-"));
  const app = new App({ outdir, context: cdkContext });
  stack = buildApp(app);
  missingContext = app.synth().manifest.missing;
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
}, 420_000); // esbuild builds every bundle here: minutes on a loaded 2-core machine

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe("data", () => {
  it("keeps the table: on-demand, point-in-time recovery, deletion protection, retained, TTL on expiresAt", () => {
    const [, table] = only("AWS::DynamoDB::Table");
    expect(table.Properties).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: "PK", KeyType: "HASH" },
        { AttributeName: "SK", KeyType: "RANGE" },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    });
    expect(table.DeletionPolicy).toBe("Retain");
    expect(table.UpdateReplacePolicy).toBe("Retain");
  });
});

describe("reports", () => {
  it("blocks public access, encrypts, keeps versions and expires old ones, and is retained", () => {
    const [, bucket] = only("AWS::S3::Bucket");
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
      VersioningConfiguration: { Status: "Enabled" },
      LifecycleConfiguration: {
        Rules: [
          expect.objectContaining({ Status: "Enabled", NoncurrentVersionExpiration: { NoncurrentDays: 90 } }),
        ],
      },
    });
    expect(bucket.DeletionPolicy).toBe("Retain");
  });

  it("refuses every request that is not over TLS", () => {
    const denyPlainHttp = Match.objectLike({
      Effect: "Deny",
      Action: "s3:*",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    expect(
      count(template, "AWS::S3::BucketPolicy", {
        PolicyDocument: { Statement: Match.arrayWith([denyPlainHttp]) },
      }),
    ).toBe(1);
  });
});

describe("queue", () => {
  it("parks email jobs in a dead-letter queue after five receives, and encrypts every queue", () => {
    const queues = ofType("AWS::SQS::Queue");
    const jobs = queues.find(([id]) => id.includes("EmailJobs"))!;
    const dlq = queues.find(([id]) => id.startsWith("QueueDeadLetters"))!;
    expect(jobs[1].Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { "Fn::GetAtt": [dlq[0], "Arn"] },
      maxReceiveCount: 5,
    });
    expect(dlq[1].Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    for (const [, q] of queues) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it("hides a job longer than the worker runs and longer than its sending lease (2 minutes)", () => {
    const [, jobs] = ofType("AWS::SQS::Queue").find(([id]) => id.includes("EmailJobs"))!;
    const worker = resources[functionIds()["deliver-email"]]!;
    expect(jobs.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * worker.Properties.Timeout);
    expect(jobs.Properties.VisibilityTimeout).toBeGreaterThan(120);
  });

  it("feeds the worker with partial batch failures, capped so all workers together keep to the SES rate", () => {
    const plan = workerPlan(Number(cdkContext.sendRatePerSecond), HANDLERS["deliver-email"].timeout);
    const [, mapping] = ofType("AWS::Lambda::EventSourceMapping").find(
      ([, m]) => m.Properties.FunctionName.Ref === functionIds()["deliver-email"],
    )!;
    expect(mapping.Properties).toMatchObject({
      FunctionName: { Ref: functionIds()["deliver-email"] },
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: plan.concurrency },
      BatchSize: plan.batchSize,
    });
    const worker = resources[functionIds()["deliver-email"]]!.Properties;
    const rate = Number(worker.Environment.Variables.SEND_RATE_PER_SECOND);
    expect(rate * plan.concurrency).toBeLessThanOrEqual(Number(cdkContext.sendRatePerSecond));
  });

  it("gives bulk jobs their own queue, one job per run-job invocation, hidden longer than the worker runs", () => {
    const queues = ofType("AWS::SQS::Queue");
    const [, bulk] = queues.find(([id]) => id.startsWith("QueueBulkJobs"))!;
    const [dlqId] = queues.find(([id]) => id.startsWith("QueueBulkJobDeadLetters"))!;
    expect(bulk.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { "Fn::GetAtt": [dlqId, "Arn"] },
      maxReceiveCount: 5,
    });
    const runner = resources[functionIds()["run-job"]]!.Properties;
    expect(bulk.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * runner.Timeout);
    const [, mapping] = ofType("AWS::Lambda::EventSourceMapping").find(
      ([, m]) => m.Properties.FunctionName.Ref === functionIds()["run-job"],
    )!;
    expect(mapping.Properties).toMatchObject({
      BatchSize: 1,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      EventSourceArn: { "Fn::GetAtt": [queues.find(([id]) => id.startsWith("QueueBulkJobs"))![0], "Arn"] },
    });
  });

  it("reserves no concurrency unless asked: a new account's quota of 10 leaves none to reserve", () => {
    for (const [, fn] of ofType("AWS::Lambda::Function"))
      expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    const plan = workerPlan(Number(cdkContext.sendRatePerSecond), HANDLERS["deliver-email"].timeout);
    const reserved = variant({ reserveWorkerConcurrency: "true" }).findResources("AWS::Lambda::Function", {
      Properties: { ReservedConcurrentExecutions: Match.anyValue() },
    });
    expect(
      Object.values(reserved).map((r) => (r as Resource).Properties.ReservedConcurrentExecutions),
    ).toEqual([plan.concurrency]);
  });
});

describe("functions", () => {
  it("deploys one function per file in functions/handlers/, and the HTTP ones are the routes' handlers", () => {
    expect([...HANDLER_NAMES].sort()).toEqual(handlerFiles);
    expect(Object.keys(functionIds()).sort()).toEqual(handlerFiles);
    const http = HANDLER_NAMES.filter((n) => HANDLERS[n].trigger === "http").sort();
    expect(http).toEqual([...new Set(ROUTES.map((r) => r.handler))].sort());
  });

  it("runs every function on nodejs24.x, arm64, with JSON logs in a log group that expires them", () => {
    const logGroups = Object.fromEntries(ofType("AWS::Logs::LogGroup"));
    for (const [, fn] of ofType("AWS::Lambda::Function")) {
      expect(fn.Properties.Runtime).toBe(lambda.Runtime.NODEJS_24_X.name);
      expect(fn.Properties.Runtime).toBe("nodejs24.x");
      expect(fn.Properties.Architectures).toEqual(["arm64"]);
      expect(fn.Properties.Handler).toBe("index.handler");
      expect(fn.Properties.LoggingConfig.LogFormat).toBe("JSON");
      const group = logGroups[fn.Properties.LoggingConfig.LogGroup.Ref];
      expect(group?.Properties.RetentionInDays).toBe(Number(cdkContext.logRetentionDays));
    }
  });

  it("gives every function the configuration functions/config.ts parses, and no secret", () => {
    for (const [, fn] of ofType("AWS::Lambda::Function")) {
      const env = fn.Properties.Environment.Variables;
      expect(env).toMatchObject({
        CONSULTA_ADAPTERS: "aws",
        STAGE: "dev",
        TEMPLATES_DIR: "/var/task/templates",
      });
      for (const name of [
        "TABLE_NAME",
        "PUBLIC_BASE_URL",
        "EMAIL_QUEUE_URL",
        "JOB_QUEUE_URL",
        "REPORT_BUCKET",
        "SENDER_EMAIL",
        "SES_CONFIGURATION_SET",
      ]) {
        expect(env[name], name).toBeDefined();
      }
      expect(env.ADMIN_API_TOKEN).toBeUndefined();
      expect(env.SESSION_SECRET).toBeUndefined();
    }
    // Secrets are read at run time from their ARN: no value and no dynamic reference in the template.
    expect(JSON.stringify(template.toJSON())).not.toMatch(/resolve:secretsmanager|"SecretString"/);
  });

  it("generates both secrets in Secrets Manager: the admin token and the session key", () => {
    expect(ofType("AWS::SecretsManager::Secret")).toHaveLength(2);
    const generated = (id: string) => resources[id]!.Properties.GenerateSecretString;
    expect(generated(secretId("Bearer token"))).toMatchObject({
      PasswordLength: 48,
      ExcludePunctuation: true,
      IncludeSpace: false,
    });
    expect(generated(secretId("Session signing key"))).toMatchObject({
      PasswordLength: 64,
      ExcludePunctuation: true,
      IncludeSpace: false,
    });
    for (const [, secret] of ofType("AWS::SecretsManager::Secret"))
      expect(secret.Properties.SecretString).toBeUndefined();
  });

  it("tells admin handlers where the admin token is, the console where its session key is, and no one else", () => {
    const adminSecret = secretId("Bearer token");
    const sessionSecret = secretId("Session signing key");
    const ids = functionIds();
    for (const name of HANDLER_NAMES) {
      const env = resources[ids[name]]!.Properties.Environment.Variables;
      expect(env.ADMIN_API_TOKEN_SECRET_ARN, name).toEqual(
        HANDLERS[name].admin ? { Ref: adminSecret } : undefined,
      );
      expect(env.SESSION_SECRET_ARN, name).toEqual(
        HANDLERS[name].signsSessions ? { Ref: sessionSecret } : undefined,
      );
      expect(env.SECRETARIAT_ALLOWLIST, name).toEqual(HANDLERS[name].signsSessions ? "" : undefined);
    }
    expect(HANDLER_NAMES.filter((n) => HANDLERS[n].signsSessions)).toEqual(["console"]);
    expect(HANDLERS.console.admin).toBeUndefined();
  });

  it("passes secretariatAllowlist to the console only, as config.ts reads it", () => {
    const t = configured();
    const fns = Object.values(t.toJSON().Resources as Record<string, Resource>).filter(
      (r) => r.Type === "AWS::Lambda::Function",
    );
    const lists = fns.map((f) => [
      (f.Properties.Description as string).replace("Consulta ", ""),
      f.Properties.Environment.Variables.SECRETARIAT_ALLOWLIST,
    ]);
    expect(lists.filter(([, list]) => list !== undefined)).toEqual([["console", "ana@oas.org,it@oas.org"]]);
  });

  it("builds each bundle as ESM with the templates beside it", () => {
    for (const name of HANDLER_NAMES) {
      const dir = assetDirOf(name);
      expect(existsSync(join(dir, "index.mjs")), name).toBe(true);
      expect(existsSync(join(dir, "templates/i18n/es")), name).toBe(true);
      // ESM, opened by the createRequire shim the CommonJS dependencies need.
      const code = readFileSync(join(dir, "index.mjs"), "utf8");
      expect(code.startsWith("import { createRequire as __createRequire } from 'node:module';"), name).toBe(
        true,
      );
      // node:http is required, never imported as an ES module (which loads undici: cdk/node-http.cjs).
      expect(code, name).not.toMatch(/from\s*"(node:)?http"/);
      // The templates come precompiled: handlebars' compiler (its parser's messages) is not in the bundle.
      expect(existsSync(join(dir, "templates/compiled/index.json")), name).toBe(true);
      expect(code, name).not.toContain("Parse error on line");
      // The SDK's credential chain is the environment only (cdk/lambda-credentials.mjs): no SSO link.
      expect(code, name).not.toContain("sso_start_url");
    }
  });

  it("loads every bundle in Node 24, outside the repository and its node_modules", () => {
    const dirs = HANDLER_NAMES.map(assetDirOf);
    const script = `for (const d of ${JSON.stringify(dirs)}) {
      const m = await import(d + "/index.mjs");
      if (typeof m.handler !== "function") throw new Error(d + " exports no handler");
    }`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: outdir,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("keeps exceljs, nodemailer, pdfmake, docx, unpdf, jszip, fast-xml-parser, qs, busboy and the S3 and SQS clients out of every bundle, beside only those that load them (issue 19)", () => {
    // Names of their own kept by keepNames: a class of exceljs', a function of nodemailer's SMTP client,
    // pdfmake's printer, a class of docx's, PDF.js's document (inlined in unpdf's build).
    const markers: Record<string, string> = {
      exceljs: "SharedStringsXform",
      nodemailer: "SMTPConnection",
      pdfmake: "PdfPrinter",
      docx: "FootnotesWrapper",
      unpdf: "PDFDocumentProxy",
      jszip: "ZipEntries",
      "fast-xml-parser": "OrderedObjParser",
      "@aws-sdk/client-s3": "S3ServiceException",
      "@aws-sdk/s3-request-presigner": "S3RequestPresigner",
      "@aws-sdk/client-sqs": "SQSServiceException",
      qs: "parseQueryStringValues",
      busboy: "HeaderParser",
    };
    expect(Object.keys(markers).sort()).toEqual(Object.keys(BESIDE).sort());
    const besideOf = (h: HandlerName, name: string) => join(assetDirOf(h), "node_modules", name, "index.mjs");
    for (const handler of HANDLER_NAMES) {
      const code = readFileSync(join(assetDirOf(handler), "index.mjs"), "utf8");
      const imported = importedBeside(code);
      for (const [name, marker] of Object.entries(markers)) {
        expect(code.includes(marker), `${handler} carries ${name}`).toBe(false);
        expect(existsSync(besideOf(handler, name)), `${handler}: ${name} beside`).toBe(
          imported.includes(name),
        );
      }
    }
    // The console writes and reads workbooks; the worker that sends email builds it with nodemailer.
    expect(readFileSync(besideOf("console", "exceljs"), "utf8")).toContain(markers.exceljs);
    expect(readFileSync(besideOf("deliver-email", "nodemailer"), "utf8")).toContain(markers.nodemailer);
    // The compile-report call only starts a job.
    expect(existsSync(besideOf("compile-report", "exceljs"))).toBe(false);
    // Only what sends receipts (the worker), shows them (the respondent's form) or compiles the report
    // (the job worker, for its PDF edition) prints PDF copies.
    expect(HANDLER_NAMES.filter((h) => existsSync(besideOf(h, "pdfmake"))).sort()).toEqual([
      "deliver-email",
      "respondent-form",
      "run-job",
    ]);
    // Only the console writes the Work Plan as Word.
    expect(HANDLER_NAMES.filter((h) => existsSync(besideOf(h, "docx")))).toEqual(["console"]);
    // Only the console reads a PDF sent back, for its transcription screen.
    expect(HANDLER_NAMES.filter((h) => existsSync(besideOf(h, "unpdf")))).toEqual(["console"]);
    expect(readFileSync(besideOf("console", "unpdf"), "utf8")).toContain(markers.unpdf);
    // Only what keeps or links files and reports holds the S3 client, and its presigner beside it.
    for (const name of ["@aws-sdk/client-s3", "@aws-sdk/s3-request-presigner"])
      expect(HANDLER_NAMES.filter((h) => existsSync(besideOf(h, name))).sort(), name).toEqual([
        "campaign-admin",
        "console",
        "respondent-form",
        "run-job",
      ]);
    // What queues email or starts jobs holds the SQS client beside it, and nothing else does.
    expect(HANDLER_NAMES.filter((h) => existsSync(besideOf(h, "@aws-sdk/client-sqs")))).toEqual(
      HANDLER_NAMES.filter((h) => HANDLERS[h].queuesEmail || HANDLERS[h].startsJobs),
    );
    // Word documents are written and read on the form and in the console only.
    for (const name of ["jszip", "fast-xml-parser"])
      expect(HANDLER_NAMES.filter((h) => existsSync(besideOf(h, name))).sort(), name).toEqual([
        "console",
        "respondent-form",
      ]);
  });

  it("signs a download link with the S3 client and its presigner beside the bundle, as the repository's SDK signs it", async () => {
    const dir = assetDirOf("respondent-form");
    // Each beside copy carries its own share of the SDK's core: the presigner's copy signs a request
    // the client's copy built (adapters/s3-blob-store.ts). Same credentials, date and object: same link.
    const sign = `const { S3Client, GetObjectCommand } = await import(s3);
      const { getSignedUrl } = await import(presigner);
      const client = new S3Client({ region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-secret" } });
      const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: "consulta-reports", Key: "reports/c-1/inputs-es.xlsx",
        ResponseContentDisposition: 'attachment; filename="inputs-es.xlsx"' }), { expiresIn: 300, signingDate: new Date("2026-12-07T12:00:00Z") });`;
    const signFrom = (from: string) => {
      const script = `import { createRequire } from "node:module";
        const require = createRequire(${JSON.stringify(from)});
        const s3 = require.resolve("@aws-sdk/client-s3");
        const presigner = require.resolve("@aws-sdk/s3-request-presigner");
        ${sign}
        process.stdout.write(JSON.stringify({ url, where: [s3, presigner] }));`;
      const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
        cwd: outdir,
        encoding: "utf8",
      });
      expect(run.stderr).toBe("");
      return JSON.parse(run.stdout) as { url: string; where: string[] };
    };
    const beside = signFrom(`${dir}/index.mjs`);
    const repository = signFrom(join(root, "package.json"));
    expect(beside.where.every((p) => p.startsWith(dir))).toBe(true);
    expect(repository.where.every((p) => p.startsWith(join(root, "node_modules")))).toBe(true);
    expect(beside.url).toContain("X-Amz-Signature=");
    expect(beside.url).toBe(repository.url);
  });

  it("builds each SDK client beside the bundles with every export the adapters use", () => {
    // An export left out of BESIDE_EXPORTS is undefined only in Lambda: the tests load whole packages.
    const dir = assetDirOf("respondent-form");
    const script = `import { createRequire } from "node:module";
      const require = createRequire(${JSON.stringify(`${dir}/index.mjs`)});
      const wanted = ${JSON.stringify(BESIDE_EXPORTS)};
      const missing = [];
      for (const [name, exports] of Object.entries(wanted)) {
        const m = await import(require.resolve(name));
        for (const e of exports) if (typeof m[e] !== "function") missing.push(name + ": " + e);
      }
      process.stdout.write(JSON.stringify(missing));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: outdir,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual([]);
    // And the adapters destructure nothing else from those modules.
    const used = (file: string) =>
      [...readFileSync(join(root, file), "utf8").matchAll(/const \[?\{([^}]*)\}/g)].flatMap((m) =>
        m[1]!.split(",").map((n) => n.trim().split(":")[0]!.trim()),
      );
    const listed = new Set(Object.values(BESIDE_EXPORTS).flat());
    const adapters = [
      "functions/adapters/s3-blob-store.ts",
      "functions/adapters/sqs-job-queue.ts",
      "functions/adapters/sqs-email-queue.ts",
    ];
    const fromSdk = adapters.flatMap(used).filter((n) => /^(S3|SQS|Get|Put|Send|NoSuch|getSigned)/.test(n));
    expect(fromSdk.filter((n) => !listed.has(n))).toEqual([]);
    expect(fromSdk.length).toBeGreaterThanOrEqual(7);
  });

  it("prints a PDF with pdfmake and the fonts beside the bundle, outside the repository", () => {
    const dir = assetDirOf("deliver-email");
    // What adapters/pdf-documents.ts does, from the bundle's own folder: its require finds the copy beside.
    const script = `import { createRequire } from "node:module";
      const require = createRequire(${JSON.stringify(`${dir}/index.mjs`)});
      const { default: printer } = await import(require.resolve("pdfmake"));
      const regular = require.resolve("pdfmake/fonts/Roboto/Roboto-Regular.ttf");
      const fonts = regular.slice(0, regular.lastIndexOf("/"));
      printer.setFonts({ Roboto: { normal: regular, bold: fonts + "/Roboto-Medium.ttf",
        italics: fonts + "/Roboto-Italic.ttf", bolditalics: fonts + "/Roboto-MediumItalic.ttf" } });
      printer.setLocalAccessPolicy((path) => path.startsWith(fonts + "/"));
      printer.setUrlAccessPolicy(() => false);
      const pdf = await printer.createPdf({ content: ["Cooperação técnica"] }).getBuffer();
      process.stdout.write(pdf.subarray(0, 5).toString() + " " + regular.startsWith(${JSON.stringify(dir)}));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: outdir,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("%PDF- true");
  });

  it("writes a Word document with the docx beside the console's bundle, outside the repository", () => {
    const dir = assetDirOf("console");
    // What adapters/docx-work-plan.ts does: `import("docx")` from the bundle's folder finds the copy beside.
    const script = `import { createRequire } from "node:module";
      const require = createRequire(${JSON.stringify(`${dir}/index.mjs`)});
      const where = require.resolve("docx");
      const d = await import(where);
      const doc = new d.Document({ sections: [{ children: [new d.Paragraph({ children: [new d.TextRun("Cuadro No. 1")] })] }] });
      const bytes = await d.Packer.toBuffer(doc);
      process.stdout.write(bytes.subarray(0, 2).toString() + " " + where.startsWith(${JSON.stringify(dir)}));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: outdir,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("PK true");
  });

  it("reads a PDF's text with unpdf beside the console's bundle, outside the repository", () => {
    const dir = assetDirOf("console");
    // What adapters/pdf-text.ts does: `import("unpdf")` from the bundle's folder finds the copy beside,
    // PDF.js inlined in it. The PDF is a few hand-written objects with text in Helvetica.
    const script = `import { createRequire } from "node:module";
      const require = createRequire(${JSON.stringify(`${dir}/index.mjs`)});
      const where = require.resolve("unpdf");
      const { getDocumentProxy } = await import(where);
      const objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length 49 >>\\nstream\\nBT /F1 24 Tf 72 700 Td (Cooperacao tecnica) Tj ET\\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      ];
      let pdf = "%PDF-1.4\\n";
      const offsets = objects.map((o, i) => { const at = pdf.length; pdf += (i + 1) + " 0 obj\\n" + o + "\\nendobj\\n"; return at; });
      const xref = pdf.length;
      pdf += "xref\\n0 6\\n0000000000 65535 f \\n" + offsets.map((o) => String(o).padStart(10, "0") + " 00000 n \\n").join("");
      pdf += "trailer\\n<< /Size 6 /Root 1 0 R >>\\nstartxref\\n" + xref + "\\n%%EOF";
      const doc = await getDocumentProxy(new TextEncoder().encode(pdf), { isEvalSupported: false, verbosity: 0 });
      const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => i.str).join("");
      process.stdout.write(text + " " + where.startsWith(${JSON.stringify(dir)}));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: outdir,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("Cooperacao tecnica true");
  });

  /** Handles one API Gateway event with a deployed bundle, in a Node outside the repository, against dynalite. */
  const handleWithBundle = async (
    handler: HandlerName,
    request: {
      method: string;
      routeKey: string;
      path: string;
      params?: Record<string, string>;
      query?: Record<string, string>;
    },
    headers: Record<string, string>,
    env: Record<string, string> = {},
  ) => {
    const { tableName } = await freshTable();
    const dir = assetDirOf(handler);
    const rawQueryString = new URLSearchParams(request.query ?? {}).toString();
    const event = {
      version: "2.0",
      routeKey: request.routeKey,
      rawPath: request.path,
      rawQueryString,
      ...(request.query ? { queryStringParameters: request.query } : {}),
      ...(request.params ? { pathParameters: request.params } : {}),
      headers,
      requestContext: {
        http: { method: request.method, path: request.path, sourceIp: "127.0.0.1" },
        requestId: "t",
      },
      isBase64Encoded: false,
    };
    const script = `const { handler } = await import(${JSON.stringify(dir + "/index.mjs")});
      process.stdout.write(JSON.stringify(await handler(${JSON.stringify(event)}, {})));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: outdir,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        CONSULTA_ADAPTERS: "aws",
        AWS_REGION: "us-east-1",
        DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
        TABLE_NAME: tableName,
        PUBLIC_BASE_URL: "https://consulta.example.org",
        EMAIL_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
        JOB_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/bulk-jobs",
        REPORT_BUCKET: "reports",
        TEMPLATES_DIR: join(dir, "templates"),
        ...env,
      },
    });
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
      isBase64Encoded?: boolean;
    };
  };

  it("answers a respondent from the bundle, with the bundle's own templates", async () => {
    const response = await handleWithBundle(
      "respondent-form",
      {
        method: "GET",
        routeKey: "GET /r/{token}",
        path: "/r/no-such-token",
        params: { token: "no-such-token" },
      },
      { accept: "text/html", "accept-language": "es" },
    );
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toMatch(/text\/html/);
    expect(response.body).toMatch(/<html lang="es"/);
  });

  it("writes a workbook from the bundle, exceljs loaded on first use inside it", async () => {
    const token = "t".repeat(40);
    const response = await handleWithBundle(
      "directory-admin",
      {
        method: "GET",
        routeKey: "GET /api/members/export",
        path: "/api/members/export",
        query: { format: "xlsx" },
      },
      { authorization: `Bearer ${token}` },
      { ADMIN_API_TOKEN: token },
    );
    expect(response.statusCode).toBe(200);
    // An .xlsx is a zip: "PK".
    const bytes = Buffer.from(response.body, response.isBase64Encoded ? "base64" : "utf8");
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
  });
});

describe("least privilege", () => {
  it("has no IAM statement with a wildcard action or a '*' resource, and no managed policies", () => {
    const statements = [
      ...ofType("AWS::IAM::Policy").flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]),
      ...ofType("AWS::IAM::Role").flatMap(([, r]) =>
        (r.Properties.Policies ?? []).flatMap(
          (p: { PolicyDocument: { Statement: Statement[] } }) => p.PolicyDocument.Statement,
        ),
      ),
    ];
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      for (const action of [s.Action].flat()) expect(action, JSON.stringify(s)).not.toContain("*");
      // TranslateText names no resource (only custom terminologies have ARNs): the one "*" there is.
      const translating = JSON.stringify(s.Action) === JSON.stringify("translate:TranslateText");
      const wildcards = [s.Resource].flat().filter((resource) => resource === "*");
      expect(wildcards, JSON.stringify(s)).toEqual(translating ? ["*"] : []);
    }
    expect(ofType("AWS::IAM::ManagedPolicy")).toEqual([]);
    for (const [, role] of ofType("AWS::IAM::Role"))
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it("grants each function what its line in HANDLERS says, and nothing else", () => {
    const [tableId] = only("AWS::DynamoDB::Table");
    const [bucketId] = only("AWS::S3::Bucket");
    const [jobsId] = ofType("AWS::SQS::Queue").find(([id]) => id.includes("EmailJobs"))!;
    const [bulkId] = ofType("AWS::SQS::Queue").find(([id]) => id.startsWith("QueueBulkJobs"))!;
    for (const name of HANDLER_NAMES) {
      const spec = HANDLERS[name];
      const actions = actionsOf(name);
      // Exactly the table actions its line names (test/cdk/table-access.test.ts checks those against its code).
      expect(actions.filter((a) => a.startsWith("dynamodb:")).sort(), name).toEqual(
        spec.table.map((a) => `dynamodb:${a}`).sort(),
      );
      for (const action of spec.table) expect(mayOn(name, `dynamodb:${action}`, tableId), name).toBe(true);
      expect(mayOn(name, "sqs:SendMessage", jobsId), name).toBe(Boolean(spec.queuesEmail));
      expect(mayOn(name, "sqs:SendMessage", bulkId), name).toBe(Boolean(spec.startsJobs));
      expect(actions.includes("ses:SendEmail"), name).toBe(Boolean(spec.sendsEmail));
      expect(mayOn(name, "s3:PutObject", bucketId), name).toBe(
        Boolean(spec.writesReports || spec.keepsReplies || spec.attachments === "write"),
      );
      expect(mayOn(name, "s3:GetObject", bucketId), name).toBe(
        Boolean(spec.readsReports || spec.keepsReplies || spec.attachments),
      );
      expect(actions.includes("sqs:ReceiveMessage"), name).toBe(
        name === "deliver-email" || name === "run-job",
      );
      // Nothing but a secret's value: no describe, list, or write of any secret.
      expect(
        actions.filter((a) => a.startsWith("secretsmanager:")),
        name,
      ).toEqual(spec.admin || spec.signsSessions ? ["secretsmanager:GetSecretValue"] : []);
      // Only the actions the flags above account for, plus writing its own logs.
      expect(
        actions.filter((a) => a.startsWith("translate:")),
        name,
      ).toEqual(spec.translates ? ["translate:TranslateText"] : []);
      const accounted = /^(dynamodb|sqs|ses|s3|secretsmanager|logs|translate):/;
      expect(
        actions.filter((a) => !accounted.test(a)),
        name,
      ).toEqual([]);
    }
  });

  it("lets only the admin handlers read the admin token, and only the console the session key", () => {
    const readersOf = (id: string) =>
      allStatements()
        .filter((s) => [s.Action].flat().includes("secretsmanager:GetSecretValue"))
        .filter((s) => JSON.stringify(s.Resource) === JSON.stringify({ Ref: id }))
        .flatMap((s) => s.roles.map(handlerOfRole))
        .sort();
    expect(readersOf(secretId("Bearer token"))).toEqual(
      HANDLER_NAMES.filter((n) => HANDLERS[n].admin).sort(),
    );
    expect(readersOf(secretId("Session signing key"))).toEqual(["console"]);
    // Each read names exactly one secret.
    for (const s of allStatements().filter((s) =>
      [s.Action].flat().some((a) => a.startsWith("secretsmanager:")),
    ))
      expect(s.Resource).toMatchObject({ Ref: expect.any(String) });
  });

  it("lets every admin handler with a state-changing route write the table: the audit trail does", () => {
    const changing = new Set(ROUTES.filter((r) => r.method !== "GET").map((r) => r.handler));
    for (const name of HANDLER_NAMES.filter((n) => HANDLERS[n].admin && changing.has(n as never)))
      expect(HANDLERS[name].table, name).toContain("PutItem");
  });

  it("grants the table's actions on the table alone, and no one may scan it or delete what it does not", () => {
    const [tableId] = only("AWS::DynamoDB::Table");
    const dynamo = allStatements().filter((s) => [s.Action].flat().some((a) => a.startsWith("dynamodb:")));
    for (const s of dynamo) expect(s.Resource, JSON.stringify(s)).toEqual({ "Fn::GetAtt": [tableId, "Arn"] });
    const mayDo = (action: string) =>
      HANDLER_NAMES.filter((n) => actionsOf(n).includes(`dynamodb:${action}`)).sort();
    expect(mayDo("Scan")).toEqual([]);
    // Only the console and the questionnaire admin delete, and only what they own: a signed-out
    // session, a draft once published.
    expect(mayDo("DeleteItem")).toEqual(["console", "put-questionnaire"]);
    expect(actionsOf("respondent-form")).not.toContain("dynamodb:DeleteItem");
    expect(actionsOf("static-asset").filter((a) => a.startsWith("dynamodb:"))).toEqual([]);
    // Read-only routes: listing campaigns and checking a receipt change nothing.
    for (const name of ["list-campaigns", "verify-receipt"] as const)
      expect(
        actionsOf(name)
          .filter((a) => a.startsWith("dynamodb:"))
          .sort(),
        name,
      ).toEqual(["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query"]);
  });

  it("lets the worker send only as the sender identity, through the configuration set", () => {
    const ses = statementsOf(roleOf("deliver-email")).find((s) => s.Action === "ses:SendEmail")!;
    const arns = JSON.stringify(ses.Resource);
    expect(arns).toContain(":identity/consulta@example.org");
    expect(arns).toContain(":identity/example.org");
    expect(arns).toContain(":configuration-set/");
    expect([ses.Resource].flat()).toHaveLength(3);
  });

  it("lets the report writers and readers touch report objects only, under reports/, the reply keepers replies only, under replies/, and members' files under attachments/", () => {
    const all = allStatements().filter((s) => [s.Action].flat().some((a) => a.startsWith("s3:")));
    expect(all.length).toBeGreaterThan(0);
    // CDK merges one role's statements of the same actions: a statement may name several prefixes.
    const resources = (s: (typeof all)[number]) => [s.Resource].flat().map((r) => JSON.stringify(r));
    for (const s of all) {
      expect([s.Action].flat().every((a) => a === "s3:PutObject" || a === "s3:GetObject")).toBe(true);
      for (const r of resources(s)) expect(r).toMatch(/\/(reports|replies|attachments)\/\*"\]\]\}$/);
    }
    const under = (prefix: string) => all.filter((s) => resources(s).some((r) => r.includes(`/${prefix}/*`)));
    // Members' files: the form stores and reads them, the console reads them, no one else.
    const fileRoles = (action: string) =>
      under("attachments")
        .filter((s) => [s.Action].flat().includes(action))
        .flatMap((s) => s.roles.map(handlerOfRole))
        .sort();
    expect(fileRoles("s3:PutObject")).toEqual(["respondent-form"]);
    expect(fileRoles("s3:GetObject")).toEqual(["console", "respondent-form"]);
    const reports = under("reports");
    const writers = reports.filter((s) => [s.Action].flat().includes("s3:PutObject"));
    expect(writers.flatMap((s) => s.roles.map(handlerOfRole)).sort()).toEqual(["run-job"]);
    const readers = reports.filter((s) => [s.Action].flat().includes("s3:GetObject"));
    expect(readers.flatMap((s) => s.roles.map(handlerOfRole)).sort()).toEqual(["campaign-admin", "console"]);
    // Documents members send back: kept and read by the form and the console (functions/core/word-replies.ts).
    expect(
      under("replies")
        .flatMap((s) => s.roles.map(handlerOfRole))
        .sort(),
    ).toEqual(["console", "respondent-form"]);
  });

  it("lets only the worker send email: the console queues its sign-in links like everything else", () => {
    const senders = HANDLER_NAMES.filter((name) =>
      statementsOf(roleOf(name)).some((s) => [s.Action].flat().includes("ses:SendEmail")),
    );
    expect(senders).toEqual(["deliver-email"]);
  });
});

describe("api", () => {
  it("serves exactly the routes of functions/http/routes.ts, each by its handler's function", () => {
    const integrations = Object.fromEntries(ofType("AWS::ApiGatewayV2::Integration"));
    const ids = functionIds();
    const served = ofType("AWS::ApiGatewayV2::Route").map(([, r]) => {
      const integrationId = r.Properties.Target["Fn::Join"][1][1].Ref as string;
      const uri = integrations[integrationId]!.Properties.IntegrationUri["Fn::GetAtt"][0] as string;
      const handler = Object.entries(ids).find(([, id]) => id === uri)![0];
      return `${r.Properties.RouteKey} -> ${handler}`;
    });
    expect(served.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path} -> ${r.handler}`).sort());
    template.allResourcesProperties("AWS::ApiGatewayV2::Integration", { PayloadFormatVersion: "2.0" });
  });

  it("writes route keys as HTTP APIs read them: whole-segment variables, a greedy one only at the end", () => {
    for (const [, r] of ofType("AWS::ApiGatewayV2::Route")) {
      const [method, path] = (r.Properties.RouteKey as string).split(" ") as [string, string];
      expect(["GET", "POST", "PUT"]).toContain(method);
      const segments = path.split("/").slice(1);
      for (const segment of segments) expect(segment, path).toMatch(/^([\w.-]+|\{\w+\}|\{\w+\+\})$/);
      const greedy = segments.flatMap((segment, i) => (segment.endsWith("+}") ? [i] : []));
      expect(
        greedy.filter((i) => i !== segments.length - 1),
        path,
      ).toEqual([]);
    }
    // A greedy variable matches child paths only: the console's own page needs a route of its own.
    const keys = ofType("AWS::ApiGatewayV2::Route").map(([, r]) => r.Properties.RouteKey as string);
    expect(keys).toEqual(
      expect.arrayContaining(["GET /console", "GET /console/{path+}", "POST /console/{path+}"]),
    );
  });

  it("throttles the default stage and writes access logs that never hold a respondent's token", () => {
    const [, stage] = only("AWS::ApiGatewayV2::Stage");
    expect(stage.Properties).toMatchObject({
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    const format = stage.Properties.AccessLogSettings.Format as string;
    expect(JSON.parse(format)).toEqual(ACCESS_LOG_FIELDS);
    expect(format).toContain("$context.routeKey");
    expect(format).not.toMatch(/\$context\.(path|resourcePath)|rawPath|querystring/i);
    const group = resources[stage.Properties.AccessLogSettings.DestinationArn["Fn::GetAtt"][0]]!;
    expect(group.Properties.RetentionInDays).toBe(90);
  });

  it("throttles each route for its callers, tighter than the stage, once the routes exist", () => {
    const [stageId, stage] = only("AWS::ApiGatewayV2::Stage");
    const settings = stage.Properties.RouteSettings as Record<
      string,
      { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
    >;
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    expect(Object.keys(settings).sort()).toEqual(keys);
    for (const [key, s] of Object.entries(settings)) {
      expect(s.ThrottlingRateLimit, key).toBeLessThanOrEqual(50);
      expect(s.ThrottlingBurstLimit, key).toBeGreaterThanOrEqual(s.ThrottlingRateLimit);
    }
    // The respondents' form and the console's sign-in are the routes strangers reach.
    expect(settings["POST /r/{token}"]!.ThrottlingRateLimit).toBeLessThan(50);
    expect(settings["POST /console/{path+}"]!.ThrottlingRateLimit).toBeLessThan(50);
    // CloudFormation refuses settings for a route key that does not exist yet.
    const routeIds = ofType("AWS::ApiGatewayV2::Route").map(([id]) => id);
    expect(template.toJSON().Resources[stageId].DependsOn).toEqual(expect.arrayContaining(routeIds));
  });

  it("turns the execute-api endpoint off when a custom domain serves the API", () => {
    const [, api] = only("AWS::ApiGatewayV2::Api");
    expect(api.Properties.DisableExecuteApiEndpoint).toBeUndefined();
    configured().hasResourceProperties("AWS::ApiGatewayV2::Api", { DisableExecuteApiEndpoint: true });
  });

  it("maps a custom domain only when one is given, and then links point at it", () => {
    expect(ofType("AWS::ApiGatewayV2::DomainName")).toEqual([]);
    const t = configured();
    t.hasResourceProperties("AWS::ApiGatewayV2::DomainName", { DomainName: "consulta.oas.org" });
    t.resourceCountIs("AWS::ApiGatewayV2::ApiMapping", 1);
    t.allResourcesProperties("AWS::Lambda::Function", {
      Environment: { Variables: Match.objectLike({ PUBLIC_BASE_URL: "https://consulta.oas.org" }) },
    });
  });
});

describe("front door", () => {
  let door: Template;
  const frontDoor = () =>
    (door ??= variant({
      customDomain: "consulta.oas.org",
      certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab",
      frontDoor: "true",
    }));

  it("is not there unless asked for", () => {
    expect(ofType("AWS::CloudFront::Distribution")).toEqual([]);
    expect(ofType("AWS::WAFv2::WebACL")).toEqual([]);
    expect(JSON.stringify(template.toJSON().Rules ?? {})).not.toContain("AWS::Region");
  });

  it("puts CloudFront at the custom domain, forwarding everything to the API's domain, caching nothing", () => {
    const t = frontDoor();
    const [domainId] = Object.keys(t.findResources("AWS::ApiGatewayV2::DomainName"));
    const [, distribution] = Object.entries(t.findResources("AWS::CloudFront::Distribution"))[0]!;
    const config = (distribution as Resource).Properties.DistributionConfig;
    expect(config).toMatchObject({
      Aliases: ["consulta.oas.org"],
      ViewerCertificate: {
        AcmCertificateArn: expect.stringContaining(":certificate/"),
        MinimumProtocolVersion: "TLSv1.2_2021",
        SslSupportMethod: "sni-only",
      },
      DefaultCacheBehavior: {
        ViewerProtocolPolicy: "redirect-to-https",
        AllowedMethods: expect.arrayContaining(["GET", "POST", "PUT"]),
        // Managed policies: CachingDisabled; AllViewer, which with caching off also forwards the
        // Authorization header, and the Host header that selects the API's custom domain.
        CachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
        OriginRequestPolicyId: "216adef6-5c7f-47e4-b989-5492eafa07d3",
      },
    });
    expect(config.Origins).toEqual([
      expect.objectContaining({
        DomainName: { "Fn::GetAtt": [domainId, "RegionalDomainName"] },
        CustomOriginConfig: expect.objectContaining({
          OriginProtocolPolicy: "https-only",
          OriginSSLProtocols: ["TLSv1.2"],
        }),
      }),
    ]);
    t.hasResourceProperties("AWS::ApiGatewayV2::Api", { DisableExecuteApiEndpoint: true });
    t.hasOutput("*", { Value: { "Fn::GetAtt": [Match.anyValue(), "DomainName"] } });
  });

  it("sends HSTS on every answer", () => {
    const t = frontDoor();
    const policies = Object.keys(t.findResources("AWS::CloudFront::ResponseHeadersPolicy"));
    expect(policies).toHaveLength(1);
    const [policyId] = policies;
    t.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 63_072_000,
            IncludeSubdomains: true,
            Override: true,
          },
        },
      },
    });
    t.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: { DefaultCacheBehavior: { ResponseHeadersPolicyId: { Ref: policyId } } },
    });
  });

  it("filters through AWS WAF: managed rules, and rate limits per client on /r/ and the console's sign-in", () => {
    const t = frontDoor();
    const acls = Object.entries(t.findResources("AWS::WAFv2::WebACL"));
    expect(acls).toHaveLength(1);
    const [aclId, acl] = acls[0]! as [string, Resource];
    expect(acl.Properties).toMatchObject({ Scope: "CLOUDFRONT", DefaultAction: { Allow: {} } });
    const rules = acl.Properties.Rules as Json[];
    const managed = rules.map((r) => r.Statement.ManagedRuleGroupStatement?.Name).filter(Boolean);
    expect(managed).toEqual(
      expect.arrayContaining([
        "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet",
        "AWSManagedRulesAmazonIpReputationList",
      ]),
    );
    const rateOn = (prefix: string) =>
      rules.find(
        (r) =>
          r.Statement.RateBasedStatement?.ScopeDownStatement?.ByteMatchStatement?.SearchString === prefix,
      );
    for (const prefix of ["/r/", "/console/sign-in"]) {
      const rule = rateOn(prefix);
      expect(rule, prefix).toBeDefined();
      expect(rule.Action).toEqual({ Block: {} });
      expect(rule.Statement.RateBasedStatement).toMatchObject({
        AggregateKeyType: "IP",
        Limit: expect.any(Number),
        ScopeDownStatement: {
          ByteMatchStatement: { FieldToMatch: { UriPath: {} }, PositionalConstraint: "STARTS_WITH" },
        },
      });
    }
    expect(rateOn("/console/sign-in").Statement.RateBasedStatement.Limit).toBeLessThan(
      rateOn("/r/").Statement.RateBasedStatement.Limit,
    );
    t.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: { WebACLId: { "Fn::GetAtt": [aclId, "Arn"] } },
    });
  });

  it("refuses to deploy outside us-east-1, where CloudFront's WAF and certificates live", () => {
    const rules = frontDoor().toJSON().Rules as Record<string, Json>;
    // Beside the CDK's own check of the bootstrap version.
    const assertions = Object.values(rules)
      .flatMap((r) => r.Assertions)
      .filter((a) => JSON.stringify(a).includes("AWS::Region"));
    expect(assertions).toEqual([
      expect.objectContaining({ Assert: { "Fn::Equals": [{ Ref: "AWS::Region" }, "us-east-1"] } }),
    ]);
  });
});

describe("email", () => {
  it("publishes bounces and complaints from the configuration set to SNS, where ses-events reads them", () => {
    const [setId] = only("AWS::SES::ConfigurationSet");
    const [topicId] = ofType("AWS::SNS::Topic").find(([id]) => id.startsWith("EmailEvents"))!;
    template.hasResourceProperties("AWS::SES::ConfigurationSetEventDestination", {
      ConfigurationSetName: { Ref: setId },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ["bounce", "complaint"],
        SnsDestination: { TopicARN: { Ref: topicId } },
      },
    });
    template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "lambda",
      TopicArn: { Ref: topicId },
      Endpoint: { "Fn::GetAtt": [functionIds()["ses-events"], "Arn"] },
    });
    // The events a failed ses-events could not record wait in their own dead-letter queue.
    expect(resources[functionIds()["ses-events"]]!.Properties.DeadLetterConfig).toBeDefined();
  });

  it("creates the sender identity with the configuration set as its default, unless it already exists", () => {
    expect(
      count(template, "AWS::SES::EmailIdentity", {
        EmailIdentity: "consulta@example.org",
        ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
      }),
    ).toBe(1);
    expect(count(variant({ senderIdentityExists: "true" }), "AWS::SES::EmailIdentity", {})).toBe(0);
    const domain = variant({ senderEmail: "consulta@oas.org", senderDomain: "oas.org" });
    expect(count(domain, "AWS::SES::EmailIdentity", { EmailIdentity: "oas.org" })).toBe(1);
  });

  /** A production stage as the deploy steps give it (cdk/README.md). */
  const production = (context: Record<string, unknown> = {}) =>
    variant({
      stage: "prod",
      senderEmail: "consulta@oas.org",
      senderDomain: "oas.org",
      replyToEmail: "secretariat@oas.org",
      ...context,
    });

  it("signs a production stage's mail as its domain (DKIM, 2048 bits) from a MAIL FROM subdomain of it", () => {
    const t = production();
    const identities = t.findResources("AWS::SES::EmailIdentity");
    expect(Object.values(identities).map((r) => (r as Resource).Properties)).toEqual([
      expect.objectContaining({
        EmailIdentity: "oas.org",
        DkimAttributes: { SigningEnabled: true },
        DkimSigningAttributes: { NextSigningKeyLength: "RSA_2048_BIT" },
        // SPF then checks mail.oas.org, which aligns with From: consulta@oas.org under DMARC.
        MailFromAttributes: { MailFromDomain: "mail.oas.org", BehaviorOnMxFailure: "USE_DEFAULT_VALUE" },
      }),
    ]);
    const other = production({ mailFromSubdomain: "bounce" });
    other.hasResourceProperties("AWS::SES::EmailIdentity", {
      MailFromAttributes: { MailFromDomain: "bounce.oas.org" },
    });
  });

  it("says which DNS records to publish: three DKIM CNAMEs, the MAIL FROM MX and its SPF", () => {
    const outputs = production().toJSON().Outputs as Record<string, { Value: unknown }>;
    const text = (key: string) => JSON.stringify(outputs[key]?.Value);
    for (const i of [1, 2, 3]) expect(text(`DkimRecord${i}`)).toContain(" CNAME ");
    expect(text("MailFromMxRecord")).toMatch(/mail\.oas\.org MX 10 feedback-smtp\..*\.amazonses\.com/);
    expect(text("MailFromSpfRecord")).toContain('mail.oas.org TXT \\"v=spf1 include:amazonses.com ~all\\"');
  });

  it("uses an existing domain identity as it is: nothing created, nothing for a teardown to delete", () => {
    const t = production({ senderIdentityExists: "true" });
    t.resourceCountIs("AWS::SES::EmailIdentity", 0);
    expect(Object.keys(t.toJSON().Outputs).filter((k) => /Dkim|MailFrom/.test(k))).toEqual([]);
    // The worker may still send as the domain, through the stack's configuration set.
    const policies = JSON.stringify(t.findResources("AWS::IAM::Policy"));
    expect(policies).toContain(":identity/oas.org");
  });

  it("tells the worker, the only sender, where replies go", () => {
    const t = production();
    const fns = Object.values(t.findResources("AWS::Lambda::Function")) as Resource[];
    const replyTo = fns
      .filter((f) => f.Properties.Environment.Variables.REPLY_TO !== undefined)
      .map((f) => [f.Properties.Description, f.Properties.Environment.Variables.REPLY_TO]);
    expect(replyTo).toEqual([["Consulta deliver-email", "secretariat@oas.org"]]);
    for (const [, fn] of ofType("AWS::Lambda::Function"))
      expect(fn.Properties.Environment.Variables.REPLY_TO).toBeUndefined();
  });
});

describe("schedule", () => {
  it("wakes send-reminders every hour", () => {
    expect(
      count(template, "AWS::Events::Rule", {
        ScheduleExpression: "rate(1 hour)",
        State: "ENABLED",
        Targets: [Match.objectLike({ Arn: { "Fn::GetAtt": [functionIds()["send-reminders"], "Arn"] } })],
      }),
    ).toBe(1);
  });

  it("creates no rule when there is no reminder handler", () => {
    const bare = new Stack(new App(), "Bare");
    // A stack with no resources at all is not a valid template; this one costs nothing.
    new CfnWaitConditionHandle(bare, "Placeholder");
    new Schedule(bare, "Schedule", {});
    expect(Object.keys(Template.fromStack(bare).toJSON().Resources)).toEqual(["Placeholder"]);
  });
});

describe("observability", () => {
  const alarmsOn = (metric: string) =>
    ofType("AWS::CloudWatch::Alarm").filter(([, a]) => a.Properties.MetricName === metric);

  it("alarms on what needs a person, to one topic, and never mails that all is well", () => {
    // Handlers turn errors into 500s and the worker reports partial failures: per-function error and
    // throttle alarms would rarely fire, and the signals below catch what they would.
    expect(alarmsOn("Errors")).toEqual([]);
    expect(alarmsOn("Throttles")).toEqual([]);
    expect(ofType("AWS::CloudWatch::Alarm")).toHaveLength(8);
    const [topicId] = ofType("AWS::SNS::Topic").find(([id]) => id.startsWith("ObservabilityAlarms"))!;
    for (const [, alarm] of ofType("AWS::CloudWatch::Alarm")) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toBeUndefined();
      expect(alarm.Properties.InsufficientDataActions).toBeUndefined();
      expect(alarm.Properties.TreatMissingData).toBe("notBreaching");
    }
  });

  it("alarms on the first message in any dead-letter queue, within the minute", () => {
    const queues = ofType("AWS::SQS::Queue").filter(([id]) => /DeadLetters/.test(id));
    expect(queues).toHaveLength(3);
    const alarms = alarmsOn("ApproximateNumberOfMessagesVisible");
    expect(alarms.map(([, a]) => a.Properties.Dimensions[0].Value["Fn::GetAtt"][0]).sort()).toEqual(
      queues.map(([id]) => id).sort(),
    );
    for (const [, a] of alarms)
      expect(a.Properties).toMatchObject({
        Period: 60,
        Statistic: "Maximum",
        Threshold: 0,
        ComparisonOperator: "GreaterThanThreshold",
        EvaluationPeriods: 1,
      });
  });

  it("alarms when the oldest email job has waited an hour", () => {
    const [[, alarm] = []] = alarmsOn("ApproximateAgeOfOldestMessage");
    const [jobsId] = ofType("AWS::SQS::Queue").find(([id]) => id.includes("EmailJobs"))!;
    expect(alarm?.Properties).toMatchObject({
      Threshold: 3600,
      Dimensions: [{ Value: { "Fn::GetAtt": [jobsId, "QueueName"] } }],
    });
  });

  it("alarms on the API's 5xx rate: server errors over requests", () => {
    const rates = ofType("AWS::CloudWatch::Alarm").filter(([, a]) =>
      (a.Properties.Metrics as Json[] | undefined)?.some((m) => m.MetricStat?.Metric.MetricName === "5xx"),
    );
    expect(rates).toHaveLength(1);
    const [, alarm] = rates[0]!;
    const metrics = alarm.Properties.Metrics as Json[];
    expect(
      metrics
        .map((m) => m.MetricStat?.Metric.MetricName)
        .filter(Boolean)
        .sort(),
    ).toEqual(["5xx", "Count"]);
    const expression = metrics.find((m) => m.Expression)!;
    expect(expression.ReturnData).not.toBe(false);
    expect(expression.Expression).toMatch(/100 \* \w+ \/ \w+/);
    expect(alarm.Properties).toMatchObject({
      Threshold: 5,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
    });
  });

  it("alarms on SES reputation before SES reviews the account: bounces at 2 %, complaints at 0.05 %", () => {
    const [[, bounces] = []] = alarmsOn("Reputation.BounceRate");
    const [[, complaints] = []] = alarmsOn("Reputation.ComplaintRate");
    for (const a of [bounces, complaints])
      expect(a?.Properties).toMatchObject({
        Namespace: "AWS/SES",
        Statistic: "Maximum",
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
      });
    expect(bounces?.Properties.Threshold).toBe(0.02);
    expect(complaints?.Properties.Threshold).toBe(0.0005);
  });

  it("alarms when a console sign-in is refused by a rate limit, on the metric the console logs", () => {
    const [[, alarm] = []] = alarmsOn(SIGN_IN_REFUSED);
    expect(alarm?.Properties).toMatchObject({
      Namespace: METRIC_NAMESPACE,
      Statistic: "Sum",
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
    });
    // The one dimension Powertools Metrics puts on every metric the console publishes.
    expect(alarm?.Properties.Dimensions).toEqual([{ Name: "service", Value: METRIC_SERVICE }]);
  });

  it("emails the alarm contact only when one is given", () => {
    expect(count(template, "AWS::SNS::Subscription", { Protocol: "email" })).toBe(0);
    expect(count(configured(), "AWS::SNS::Subscription", { Protocol: "email", Endpoint: "it@oas.org" })).toBe(
      1,
    );
  });
});

describe("synthesis", () => {
  it("is environment-agnostic: no account, no region, no lookups", () => {
    expect(stack.environment).toBe("aws://unknown-account/unknown-region");
    expect(missingContext).toBeUndefined();
    expect(existsSync(join(root, "cdk.context.json"))).toBe(false);
  });
});
