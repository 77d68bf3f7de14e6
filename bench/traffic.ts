// Respondent traffic: form GETs and draft POSTs against the local stack, load from a second process, every acknowledged draft checked.
import { writeFileSync } from "node:fs";
import { get } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import qs from "qs";
import type { Campaign } from "../functions/core/campaign.ts";
import { adminClient, loadContent } from "../functions/local/demo.ts";
import { generateFormAnswers, seededRng } from "../functions/local/demo-answers.ts";
import { startDynalite } from "../functions/local/dynalite.ts";
import { readOutbox, respondentLink } from "../functions/local/outbox.ts";
import { startLocalStack, type LocalStack } from "../functions/local/stack.ts";
import { runChild } from "./child.ts";
import { contentQuestionnaire, freshDir, syntheticMembers } from "./fixtures.ts";
import { writeTargets } from "./issue19.ts";
import { met, quick, record, table } from "./results.ts";
import type { LoadResult, LoadSpec, LoadTarget } from "./traffic-load.ts";

const SECONDS = quick ? 3 : 20;
const CONNECTIONS = [10, 50];
/** Issue 19: the form GET's latency alone, one request at a time (no queueing behind others). */
const GET_CONNECTIONS = [1, ...CONNECTIONS];
/** What a browser sends; the form page is compressed by functions/http/compression.ts. */
const BROWSER_ENCODING = "gzip, deflate, br";
const PAGE_TARGET_BYTES = 20 * 1024;
/** Members answering drafts: three per connection at most, so concurrent saves of one answer are rare. */
const DRAFT_MEMBERS = 150;
const LOAD_SCRIPT = fileURLToPath(new URL("traffic-load.ts", import.meta.url));

const inviteLinks = (stack: LocalStack, campaign: Campaign) =>
  readOutbox(stack.paths.outbox)
    .filter((m) => m.headers["x-consulta-campaign"] === campaign.id)
    .map((m) => ({ member: m.headers["x-consulta-member"] ?? "", link: respondentLink(m) }))
    .filter((l): l is { member: string; link: string } => Boolean(l.link));

/** The form page's bytes on the wire (the body as sent, not decoded) and its encoding. */
const pageOnWire = (url: string, acceptEncoding?: string) =>
  new Promise<{ status: number; bytes: number; encoding: string }>((resolve, reject) => {
    const headers = { accept: "text/html", ...(acceptEncoding ? { "accept-encoding": acceptEncoding } : {}) };
    get(url, { headers }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          bytes,
          encoding: res.headers["content-encoding"] ?? "identity",
        }),
      );
      res.on("error", reject);
    }).on("error", reject);
  });

/** Runs one load phase in a child process and returns its figures. */
const load = (dir: string, spec: LoadSpec) => {
  const file = join(dir, `load-${spec.method}-${spec.connections}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return runChild<LoadResult>(LOAD_SCRIPT, [file]);
};

const run = async () => {
  const dir = freshDir("traffic");
  const dynamo = await startDynalite();
  const closesAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();

  // The form: the real directory and questionnaire, as the demo loads them; GETs go round every link.
  const formStack = await startLocalStack({
    dynamodbEndpoint: dynamo.endpoint,
    dir: join(dir, "form"),
    port: 0,
    tableName: "traffic-form",
  });
  const formApi = adminClient(formStack);
  const questionnaire = await loadContent(formApi);
  const formCampaign = await formApi<Campaign>("POST", "/api/campaigns", {
    questionnaireId: questionnaire.id,
    closesAt,
  });
  await formApi("POST", `/api/campaigns/${formCampaign.id}/send`);
  const formTargets: LoadTarget[] = inviteLinks(formStack, formCampaign).map(({ member, link }) => ({
    key: member,
    path: new URL(link).pathname,
  }));

  // Drafts: one link per member of a larger directory, each POST a plausible partial answer.
  const draftStack = await startLocalStack({
    dynamodbEndpoint: dynamo.endpoint,
    dir: join(dir, "drafts"),
    port: 0,
    tableName: "traffic-drafts",
  });
  const draftApi = adminClient(draftStack);
  const { definition, source } = contentQuestionnaire();
  const members = syntheticMembers(DRAFT_MEMBERS);
  await draftStack.ports.repository.putMembers(members);
  await draftApi("POST", "/api/questionnaires", source);
  const draftCampaign = await draftApi<Campaign>("POST", "/api/campaigns", {
    questionnaireId: definition.id,
    closesAt,
  });
  await draftApi("POST", `/api/campaigns/${draftCampaign.id}/send`);
  const rng = seededRng(20);
  const draftTargets = inviteLinks(draftStack, draftCampaign).map(({ member, link }) => {
    const m = members.find((x) => x.code === member)!;
    const who = { name: m.contacts[0]!.name, email: m.contacts[0]!.email };
    const fields = generateFormAnswers(definition, rng, m.language, who, 0.3);
    return { key: member, path: new URL(link).pathname, body: qs.stringify({ ...fields, action: "draft" }) };
  });
  const storedVersions = async () =>
    Object.fromEntries(
      await Promise.all(
        draftTargets.map(
          async (t) =>
            [
              t.key,
              (await draftStack.ports.repository.getResponse(draftCampaign.id, t.key))?.version ?? 0,
            ] as const,
        ),
      ),
    );

  const formUrl = `${formStack.url}${formTargets[0]!.path}`;
  const compressed = await pageOnWire(formUrl, BROWSER_ENCODING);
  const plain = await pageOnWire(formUrl);

  const rows: (string | number)[][] = [];
  const drafts: (string | number)[][] = [];
  let formAt1: LoadResult | undefined;
  let formP99At50 = Number.NaN;
  let formErrorsAt50 = Number.NaN;
  let lostTotal = 0;
  for (const method of ["GET", "POST"] as const) {
    for (const connections of method === "GET" ? GET_CONNECTIONS : CONNECTIONS) {
      const before = method === "POST" ? await storedVersions() : {};
      const stack = method === "GET" ? formStack : draftStack;
      const targets =
        method === "GET" ? formTargets : draftTargets.map((t) => ({ ...t, version: before[t.key] ?? 0 }));
      const result = await load(dir, { origin: stack.url, method, connections, seconds: SECONDS, targets });
      const ok = method === "GET" ? ["200"] : ["303", "409"];
      const unexpected = Object.entries(result.statuses)
        .filter(([status]) => !ok.includes(status))
        .reduce((sum, [, n]) => sum + n, 0);
      const errors = result.errors + unexpected;
      rows.push([
        method === "GET" ? "GET form" : "POST draft",
        connections,
        result.requestsPerSecond.toFixed(0),
        `${result.p50} ms`,
        `${result.p99} ms`,
        errors,
        Object.entries(result.statuses)
          .map(([s, n]) => `${s}: ${n}`)
          .join(", "),
      ]);
      if (method === "GET" && connections === 1) formAt1 = result;
      if (method === "GET" && connections === 50) {
        formP99At50 = result.p99;
        formErrorsAt50 = errors;
      }
      if (method === "POST") {
        const after = await storedVersions();
        let acked = 0;
        let stored = 0;
        let lost = 0;
        let unacked = 0;
        for (const t of draftTargets) {
          const a = result.acks[t.key] ?? 0;
          const s = (after[t.key] ?? 0) - (before[t.key] ?? 0);
          acked += a;
          stored += s;
          lost += Math.max(0, a - s);
          unacked += Math.max(0, s - a);
        }
        lostTotal += lost;
        drafts.push([connections, acked, result.statuses["409"] ?? 0, stored, unacked, lost]);
      }
    }
  }
  await Promise.all([formStack.close(), draftStack.close()]);
  await dynamo.close();

  const pageMet = compressed.status === 200 && compressed.bytes <= PAGE_TARGET_BYTES;
  writeTargets("traffic", [
    {
      id: "form-bytes",
      measured: `${(compressed.bytes / 1024).toFixed(1)} KB ${compressed.encoding} (${(plain.bytes / 1024).toFixed(1)} KB uncompressed)`,
      floor: "20 KB",
      ratio: compressed.bytes / PAGE_TARGET_BYTES,
      met: pageMet,
    },
    {
      id: "form-latency-1",
      measured: formAt1
        ? `p50 ${formAt1.p50} ms, p99 ${formAt1.p99} ms (${formAt1.requestsPerSecond.toFixed(0)}/s)`
        : "failed",
      floor: "",
    },
    {
      id: "traffic-50",
      measured: `form GET: ${formErrorsAt50} errors (p99 ${formP99At50} ms); ${lostTotal} acknowledged drafts lost`,
      floor: "0 errors, 0 lost",
      met: formErrorsAt50 === 0 && lostTotal === 0,
    },
  ]);
  const body = [
    `${SECONDS} s per phase; autocannon in a second process; the local stack (HTTP server and handlers) in this ` +
      `one, its in-memory dynalite on a thread of its own. GET: the form of ${formTargets.length} invitation links of the content directory, ` +
      `in turn. POST: a partial draft, as the form posts it without JavaScript, to ${draftTargets.length} members' ` +
      `links in turn, each based on the last version acknowledged to this client. Errors: connection errors, timeouts, ` +
      `and any status other than 200 (GET) or 303/409 (POST; 409 is a colleague's newer save, reported as designed).`,
    "",
    table(["phase", "connections", "requests/s", "p50", "p99", "errors", "statuses"], rows),
    "",
    "Drafts: every acknowledged save (303) must be stored: the member's answer version rises by one per save. " +
      "Stored but not acknowledged: saves still in flight when the load stopped (stored, never answered).",
    "",
    table(
      ["connections", "acknowledged", "409 conflicts", "versions stored", "stored, not acknowledged", "lost"],
      drafts,
    ),
    "",
    `Issue 19: the form page on the wire with the browser's Accept-Encoding (${BROWSER_ENCODING}): ` +
      `${compressed.bytes.toLocaleString("en")} bytes ${compressed.encoding} (${plain.bytes.toLocaleString("en")} bytes without it); ` +
      `≤ 20 KB: ${met(pageMet)}. Form GET at one connection: p50 ${formAt1?.p50} ms, p99 ${formAt1?.p99} ms.`,
    "",
    `Targets (issue 8): form GET at 50 connections p99 < 100 ms: ${met(formP99At50 < 100)} (${formP99At50} ms); ` +
      `0 errors: ${met(formErrorsAt50 === 0)} (${formErrorsAt50}); draft POST 0 lost writes: ${met(lostTotal === 0)} (${lostTotal}).`,
  ].join("\n");
  record("Respondent traffic", body);
};

if (import.meta.main) await run();
