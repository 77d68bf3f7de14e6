// Cold start (proxy): per bundle, fresh Node processes that import it and handle one representative event on the local adapters.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import { HANDLERS, type HandlerName } from "../cdk/functions.ts";
import type { Campaign } from "../functions/core/campaign.ts";
import { hashToken, newEmail, type EmailJob } from "../functions/core/invitations.ts";
import { defaultDirectoryPath, readDirectoryFile } from "../functions/local/content.ts";
import { adminClient, answerAsBrowser, loadContent } from "../functions/local/demo.ts";
import { generateFormAnswers, seededRng } from "../functions/local/demo-answers.ts";
import { startDynalite } from "../functions/local/dynalite.ts";
import { readOutbox, respondentLink } from "../functions/local/outbox.ts";
import { startLocalStack } from "../functions/local/stack.ts";
import {
  buildBundles,
  DEPLOYED,
  MANIFEST,
  readManifest,
  VARIANT_LABEL,
  VARIANTS,
  type Variant,
} from "./bundles.ts";
import { httpEvent, scheduledEvent, snsEvent, sqsEvent } from "./events.ts";
import { buildAsDeployed, buildFloor } from "./esbuild-bundles.ts";
import { contentQuestionnaire, freshDir } from "./fixtures.ts";
import { writeTargets } from "./issue19.ts";
import { met, ms, quick, record, table } from "./results.ts";
import { median } from "./stats.ts";

const RUNS = quick ? 3 : 11;

const PROFILES = new URL("out/profiles/", import.meta.url).pathname;
const freshProfiles = () => (mkdirSync(PROFILES, { recursive: true }), PROFILES);
/** Issue 8: above a bare Node start, HTTP handlers under 100 ms, the report compilers under 300 ms. */
const REPORT_COMPILERS: HandlerName[] = ["compile-report", "console"];
const target = (h: HandlerName) =>
  HANDLERS[h].trigger !== "http" ? undefined : REPORT_COMPILERS.includes(h) ? 300 : 100;
/** Issue 19: against the ddb-min floor (bench/ddb-min.ts), importing ≤ 1.3×, importing and one event ≤ 1.5×. */
const FLOOR_IMPORT = 1.3;
const FLOOR_FIRST_EVENT = 1.5;

/** Runs in the fresh process: reads the event, imports the bundle, handles the event once, reports. */
const CHILD = `
const booted = performance.now();
const { readFileSync } = await import("node:fs");
const event = JSON.parse(readFileSync(process.env.BENCH_EVENT, "utf8"));
const t0 = performance.now();
const { handler } = await import(process.env.BENCH_BUNDLE);
const t1 = performance.now();
const result = await handler(event, { functionName: "bench", awsRequestId: "bench" });
const t2 = performance.now();
// Warm: the same event again, CPU time (user + system) of each, the first third unmeasured (V8 has
// optimised the hot paths by then).
const warm = [];
const warmEvents = Number(process.env.BENCH_WARM ?? 0);
const w0 = performance.now();
for (let i = 0; i < warmEvents; i++) {
  const c0 = process.cpuUsage();
  await handler(event, { functionName: "bench", awsRequestId: "bench-" + i });
  const c = process.cpuUsage(c0);
  if (i >= warmEvents / 3) warm.push((c.user + c.system) / 1000);
}
// Taken off the process's wall time: the cold start is what comes before.
const warmWallMs = performance.now() - w0;
const status = result && typeof result === "object" && "statusCode" in result
  ? String(result.statusCode)
  : result && Array.isArray(result.batchItemFailures)
    ? (result.batchItemFailures.length ? "failed" : "ok")
    : "ok";
process.stdout.write("\\nBENCH " + JSON.stringify({ booted, importMs: t1 - t0, handleMs: t2 - t1, status, warm, warmWallMs }) + "\\n");
process.exit(0);
`;

/** Only imports the bundle: for the paired comparisons of deployment options. */
const IMPORT_ONLY = `
const t0 = performance.now();
await import(process.env.BENCH_BUNDLE);
process.stdout.write("\\nBENCH " + JSON.stringify({ importMs: performance.now() - t0 }) + "\\n");
process.exit(0);
`;
const PAIRS = quick ? 5 : 41;

type Sample = { wallMs: number; importMs: number; handleMs: number; status: string; warm: number[] };
type ChildReport = Omit<Sample, "wallMs"> & { warmWallMs: number };
/** Issue 19: a form GET's handler CPU in-process, warm (the same GET again in the cold-start process). */
const WARM_HANDLER: HandlerName = "respondent-form";
const WARM_EVENTS = quick ? 150 : 300;
const WARM_TARGET_MS = 4;

const runProcess = (args: string[], env: Record<string, string>) =>
  new Promise<{ wallMs: number; stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ wallMs: performance.now() - started, stdout, stderr, code }));
  });

/** Import time of one bundle in a fresh process. */
const importMs = async (dir: string, nodeOptions: string) => {
  const out = await runProcess(["--input-type=module", "-e", IMPORT_ONLY], {
    PATH: process.env.PATH ?? "",
    NODE_OPTIONS: nodeOptions,
    BENCH_BUNDLE: pathToFileURL(join(dir, "index.mjs")).href,
  });
  const line = out.stdout.split("\n").find((l) => l.startsWith("BENCH "));
  if (!line) throw new Error(`Importing ${dir} failed: ${out.stderr.slice(-400)}`);
  return (JSON.parse(line.slice(6)) as { importMs: number }).importMs;
};

/** Source maps read at start or not, and node:http required (cdk/node-http.cjs) or imported as an ES module. */
const compareOptions = async (deployed: string) => {
  const esmHttp = await buildAsDeployed("list-campaigns", { without: ["node:http", "http"] });
  const pairs: { what: string; a: [string, string]; b: [string, string] }[] = [
    { what: "--enable-source-maps", a: [deployed, "--enable-source-maps"], b: [deployed, ""] },
    {
      what: "node:http as an ES module import (without cdk/node-http.cjs)",
      a: [esmHttp, ""],
      b: [deployed, ""],
    },
  ];
  const costs = [];
  for (const p of pairs) {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < PAIRS; i++) {
      a.push(await importMs(...p.a));
      b.push(await importMs(...p.b));
    }
    costs.push({
      what: p.what,
      with: median(a),
      without: median(b),
      diff: median(a.map((x, i) => x - b[i]!)),
    });
  }
  return costs;
};

const describeCost = (c: Awaited<ReturnType<typeof compareOptions>>[number]) =>
  `${c.what} ${ms(c.with)} against ${ms(c.without)} without (paired difference ${ms(c.diff)})`;

export const runColdStart = async (options: { reuseBundles?: boolean } = {}) => {
  const manifest = options.reuseBundles && existsSync(MANIFEST) ? readManifest() : await buildBundles();
  const dir = freshDir("cold-start");
  const dynamo = await startDynalite();
  const stack = await startLocalStack({
    dynamodbEndpoint: dynamo.endpoint,
    dir,
    port: 0,
    tableName: "cold-start",
  });

  // A campaign as the demo makes it: the directory, the questionnaire, invitations, three answers.
  const api = adminClient(stack);
  const questionnaire = await loadContent(api);
  const closesAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: questionnaire.id,
    closesAt,
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  const messages = readOutbox(stack.paths.outbox).filter(
    (m) => m.headers["x-consulta-campaign"] === campaign.id,
  );
  const members = readDirectoryFile(defaultDirectoryPath).members.filter((m) =>
    campaign.invited.includes(m.code),
  );
  const { definition, source } = contentQuestionnaire();
  const linkOf = (code: string) => {
    const link = messages.filter((m) => m.headers["x-consulta-member"] === code).map(respondentLink)[0];
    if (!link) throw new Error(`No invitation to ${code} in the outbox`);
    return link;
  };
  const rng = seededRng(8);
  for (const member of members.slice(0, 3)) {
    const who = { name: member.contacts[0]!.name, email: member.contacts[0]!.email };
    await answerAsBrowser(
      linkOf(member.code),
      generateFormAnswers(definition, rng, member.language, who, 0.8),
      generateFormAnswers(definition, rng, member.language, who, 0.3),
    );
  }
  const [answered, replaced, bounced, notified, reminded] = [0, 5, 6, 7, 8].map((i) => members[i]!);
  const contactOf = (m: (typeof members)[number]) => m.contacts[0]!.id;
  const token = new URL(linkOf(answered!.code)).pathname.split("/").pop()!;
  await stack.close();

  const admin = { authorization: `Bearer ${stack.adminToken}`, accept: "application/json" };
  const invitation = (m: (typeof members)[number]) =>
    `/api/campaigns/${campaign.id}/invitations/${m.code}/${contactOf(m)}`;
  let reminders = 0;
  const events: Record<HandlerName, () => Promise<unknown> | unknown> = {
    "respondent-form": () =>
      httpEvent("GET", `/r/${token}`, { headers: { accept: "text/html", "accept-language": "es" } }),
    "static-asset": () => httpEvent("GET", "/assets/form.js"),
    unsubscribe: () => httpEvent("GET", `/u/${hashToken(token)}`, { headers: { accept: "text/html" } }),
    console: () => httpEvent("GET", "/console/sign-in", { headers: { accept: "text/html" } }),
    "put-members": () =>
      httpEvent("PUT", "/api/members", {
        headers: admin,
        body: parse(readFileSync(defaultDirectoryPath, "utf8")) as unknown,
      }),
    "put-questionnaire": () => httpEvent("POST", "/api/questionnaires", { headers: admin, body: source }),
    "list-campaigns": () => httpEvent("GET", "/api/campaigns", { headers: admin }),
    "create-campaign": () =>
      httpEvent("POST", "/api/campaigns", {
        headers: admin,
        body: { questionnaireId: questionnaire.id, closesAt },
      }),
    "send-invitations": () => httpEvent("POST", `/api/campaigns/${campaign.id}/send`, { headers: admin }),
    "compile-report": () =>
      httpEvent("POST", `/api/campaigns/${campaign.id}/reports`, { headers: admin, query: { lang: "es" } }),
    "campaign-admin": () => httpEvent("GET", `/api/campaigns/${campaign.id}`, { headers: admin }),
    "directory-admin": () => httpEvent("GET", "/api/members", { headers: admin }),
    "campaign-delivery": () =>
      httpEvent("GET", `/api/campaigns/${campaign.id}/invitations`, { headers: admin }),
    "contact-links": () => httpEvent("POST", `${invitation(replaced!)}/replace`, { headers: admin }),
    "record-delivery-event": () =>
      httpEvent("POST", `${invitation(bounced!)}/events`, { headers: admin, body: { type: "bounce" } }),
    // An unknown code: the handler's whole path up to the lookup, answered 404.
    "verify-receipt": () => httpEvent("GET", "/api/receipts/0000-0000-0000", { headers: admin }),
    // An unknown job: the handler's whole path up to the lookup, answered 404.
    "job-status": () => httpEvent("GET", "/api/jobs/none", { headers: admin }),
    // A job that does not exist: the worker's whole start, and nothing to do.
    "run-job": () => sqsEvent({ jobId: "none" }),
    // A reminder to a member who has not answered: a new link, an email to the outbox.
    "deliver-email": async () => {
      const job: EmailJob = {
        campaignId: campaign.id,
        memberCode: reminded!.code,
        contactId: contactOf(reminded!),
        kind: "reminder",
        n: `bench-${++reminders}`,
      };
      await stack.ports.repository.createEmail(newEmail(job, new Date()));
      return sqsEvent(job);
    },
    "ses-events": () =>
      snsEvent({
        eventType: "Bounce",
        mail: {
          timestamp: new Date().toISOString(),
          tags: { campaign: [campaign.id], member: [notified!.code], contact: [contactOf(notified!)] },
        },
        bounce: { bounceType: "Permanent", bouncedRecipients: [{ diagnosticCode: "smtp; 550 5.1.1 bench" }] },
      }),
    "send-reminders": () => scheduledEvent(),
  };

  const eventDir = join(dir, "events");
  mkdirSync(eventDir, { recursive: true });
  // As deployed (cdk/functions.ts), except the adapters: local ones, against this process's dynalite.
  const baseEnv = {
    PATH: process.env.PATH ?? "",
    NODE_OPTIONS: "",
    CONSULTA_ADAPTERS: "local",
    LOCAL_DIR: dir,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    TABLE_NAME: "cold-start",
    AWS_REGION: "us-east-1",
    PUBLIC_BASE_URL: "https://consulta.example.org",
    ADMIN_API_TOKEN: stack.adminToken,
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    SECRETARIAT_ALLOWLIST: "secretariat@example.org",
  };

  const samples = new Map<string, Sample[]>();
  const floorDir = await buildFloor();
  const floorEvent = join(eventDir, "ddb-min.json");
  writeFileSync(floorEvent, "{}");
  const floor: Sample[] = [];
  const bare: number[] = [];
  const failures: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    bare.push(
      (await runProcess(["-e", "0"], { PATH: baseEnv.PATH, NODE_OPTIONS: baseEnv.NODE_OPTIONS })).wallMs,
    );
    const out = await runProcess(["--input-type=module", "-e", CHILD], {
      ...baseEnv,
      BENCH_EVENT: floorEvent,
      BENCH_BUNDLE: pathToFileURL(join(floorDir, "index.mjs")).href,
    });
    const line = out.stdout.split("\n").find((l) => l.startsWith("BENCH "));
    if (out.code !== 0 || !line) failures.push(`ddb-min: exit ${out.code}: ${out.stderr.trim().slice(-400)}`);
    else floor.push({ ...(JSON.parse(line.slice(6)) as ChildReport), wallMs: out.wallMs });
    for (const variant of VARIANTS) {
      for (const bundle of manifest.bundles[variant]) {
        const make = events[bundle.handler];
        if (!make)
          throw new Error(`No representative event for ${bundle.handler}: add one to bench/cold-start.ts`);
        const eventFile = join(eventDir, `${bundle.handler}.json`);
        writeFileSync(eventFile, JSON.stringify(await make()));
        const out = await runProcess(["--input-type=module", "-e", CHILD], {
          ...baseEnv,
          TEMPLATES_DIR: join(bundle.dir, "templates"),
          // BENCH_CPU_PROF=<handler>: a V8 CPU profile of that handler's cold starts, as deployed, in
          // bench/out/profiles/ (open in Chrome's DevTools; the bundle's source map names our files).
          ...(variant === DEPLOYED && process.env.BENCH_CPU_PROF === bundle.handler
            ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-interval=100 --cpu-prof-dir=${freshProfiles()}` }
            : {}),
          BENCH_EVENT: eventFile,
          BENCH_BUNDLE: pathToFileURL(join(bundle.dir, "index.mjs")).href,
          BENCH_WARM: String(variant === DEPLOYED && bundle.handler === WARM_HANDLER ? WARM_EVENTS : 0),
        });
        const line = out.stdout.split("\n").find((l) => l.startsWith("BENCH "));
        if (out.code !== 0 || !line) {
          failures.push(`${variant} ${bundle.handler}: exit ${out.code}: ${out.stderr.trim().slice(-400)}`);
          continue;
        }
        const { warmWallMs, ...result } = JSON.parse(line.slice(6)) as ChildReport;
        const key = `${variant} ${bundle.handler}`;
        samples.set(key, [...(samples.get(key) ?? []), { ...result, wallMs: out.wallMs - warmWallMs }]);
      }
    }
    process.stdout.write(`cold start: run ${run + 1} of ${RUNS}\n`);
  }
  await dynamo.close();
  const optionCosts = await compareOptions(
    manifest.bundles[DEPLOYED].find((b) => b.handler === "list-campaigns")!.dir,
  );

  const bareMs = median(bare);
  const of = (variant: Variant, handler: HandlerName) => {
    const s = samples.get(`${variant} ${handler}`) ?? [];
    return {
      aboveBare: median(s.map((x) => x.wallMs)) - bareMs,
      importMs: median(s.map((x) => x.importMs)),
      handleMs: median(s.map((x) => x.handleMs)),
      statuses: [...new Set(s.map((x) => x.status))].join("/"),
    };
  };
  const handlers = manifest.bundles[DEPLOYED].map((b) => b.handler);
  const rows = handlers.map((h) => {
    const limit = target(h);
    const cells = VARIANTS.map((v) => {
      const x = of(v, h);
      const verdict = limit === undefined ? "" : ` ${met(x.aboveBare < limit)}`;
      return `${ms(x.aboveBare)}${verdict} (${ms(x.importMs)} + ${ms(x.handleMs)})`;
    });
    return [h, of(DEPLOYED, h).statuses || "error", ...cells, limit === undefined ? "none" : `< ${limit} ms`];
  });
  const floorImport = median(floor.map((x) => x.importMs));
  const floorFirst = median(floor.map((x) => x.importMs + x.handleMs));
  const ratio = (x: number) => `${x.toFixed(2)}×`;
  const floorRatios = handlers.map((h) => {
    const s = samples.get(`${DEPLOYED} ${h}`) ?? [];
    const imported = median(s.map((x) => x.importMs)) / floorImport;
    const first = median(s.map((x) => x.importMs + x.handleMs)) / floorFirst;
    return { h, imported, first };
  });
  const floorRows = floorRatios.map(({ h, imported, first }) => {
    return [
      h,
      `${ratio(imported)} ${met(imported <= FLOOR_IMPORT)}`,
      `${ratio(first)} ${met(first <= FLOOR_FIRST_EVENT)}`,
    ];
  });
  const warm = (samples.get(`${DEPLOYED} ${WARM_HANDLER}`) ?? []).flatMap((x) => x.warm);
  const warmMs = median(warm);
  // Issue 19's rows: the form's bundle, and the worst of all (a target for every bundle).
  const floorTarget = (id: "cold-import" | "cold-first-event", key: "imported" | "first", bound: number) => {
    const floorMs = key === "imported" ? floorImport : floorFirst;
    const form = floorRatios.find((r) => r.h === WARM_HANDLER);
    const worst = floorRatios.reduce((a, b) => (b[key] > a[key] ? b : a));
    const within = floorRatios.filter((r) => r[key] <= bound).length;
    const floorText = `${bound}× ddb-min (${ms(floorMs)})`;
    return [
      ...(form
        ? [
            {
              id,
              measured: `${WARM_HANDLER} ${ratio(form[key])}`,
              floor: floorText,
              ratio: form[key],
              met: form[key] <= bound,
            },
          ]
        : []),
      {
        id,
        measured: `worst of ${floorRatios.length} bundles: ${worst.h} ${ratio(worst[key])}; ${within} of ${floorRatios.length} within`,
        floor: floorText,
        ratio: worst[key],
        met: within === floorRatios.length,
      },
    ];
  };
  writeTargets("cold-start", [
    {
      id: "form-cpu",
      measured: `${warmMs.toFixed(2)} ms median of ${warm.length} (least ${Math.min(...warm).toFixed(2)} ms)`,
      floor: `${WARM_TARGET_MS} ms`,
      ratio: warmMs / WARM_TARGET_MS,
      met: warmMs <= WARM_TARGET_MS,
    },
    ...floorTarget("cold-import", "imported", FLOOR_IMPORT),
    ...floorTarget("cold-first-event", "first", FLOOR_FIRST_EVENT),
  ]);
  const httpHandlers = handlers.filter((h) => target(h) !== undefined);
  const summary = VARIANTS.map((v) => {
    const above = httpHandlers.map((h) => of(v, h).aboveBare);
    const within = httpHandlers.filter((h) => of(v, h).aboveBare < target(h)!).length;
    return `${VARIANT_LABEL[v]} ${ms(median(above))} (${within} of ${httpHandlers.length} within target)`;
  });
  const body = [
    `Median of ${RUNS} runs per bundle, each a fresh \`node\` (no NODE_OPTIONS, as deployed) that ` +
      `imports the bundle and handles one event with CONSULTA_ADAPTERS=local against dynalite in the benchmark's ` +
      `process; runs interleave bundles and variants. Bare \`node -e 0\`: ${ms(bareMs)} (median, same run). Cells: ` +
      `wall time above bare Node (import + first event, timed inside the process). "SDK from the runtime" resolves ` +
      `@aws-sdk/* and @smithy/* from the repository's node_modules, as the Lambda runtime provides them.`,
    "",
    table(
      [
        "handler",
        "status",
        ...VARIANTS.map((v) => `${VARIANT_LABEL[v]}${v === DEPLOYED ? " (deployed)" : ""}`),
        "target",
      ],
      rows,
    ),
    "",
    `Median over the HTTP handlers, above bare Node: ${summary.join("; ")}.`,
    "",
    `What two deployment options cost, importing list-campaigns' deployed bundle (median of ${PAIRS} paired runs, ` +
      `alternating): ${optionCosts.map(describeCost).join("; ")}.`,
    `Against the floor (issue 19): ddb-min, a bundle of bench/ddb-min.ts (only @aws-sdk/client-dynamodb and ` +
      `lib-dynamodb, the same esbuild options), run the same way in the same run: import ${ms(floorImport)}, ` +
      `import + one GetItem ${ms(floorFirst)} (medians). Ratios of each deployed bundle's medians to those; ` +
      `targets ≤ ${FLOOR_IMPORT}× and ≤ ${FLOOR_FIRST_EVENT}×.`,
    "",
    table(
      [
        "handler",
        `import ÷ floor (≤ ${FLOOR_IMPORT}×)`,
        `import + first event ÷ floor (≤ ${FLOOR_FIRST_EVENT}×)`,
      ],
      floorRows,
    ),
    "",
    `Form GET (${WARM_HANDLER}'s event again in the same process, deployed bundle), warm handler CPU ` +
      `(user + system): median ${warmMs.toFixed(2)} ms over ${warm.length} events, least ` +
      `${Math.min(...warm).toFixed(2)} ms; target ≤ ${WARM_TARGET_MS} ms: ${met(warmMs <= WARM_TARGET_MS)}.`,
    "",
    ...(failures.length ? ["", "Failures:", ...failures.map((f) => `- ${f}`)] : []),
  ].join("\n");
  record("Cold start (proxy)", body);
};

if (import.meta.main) await runColdStart({ reuseBundles: process.argv.includes("--reuse-bundles") });
