// Mailing: time to create and deliver 10,000 invitations to the local outbox, against its requests replayed raw.
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ensureTable } from "../functions/adapters/dynamodb-repository.ts";
import { forEachConcurrently } from "../functions/core/concurrently.ts";
import type { Campaign } from "../functions/core/campaign.ts";
import { sendInvitations } from "../functions/core/send-invitations.ts";
import { adminClient } from "../functions/local/demo.ts";
import { startDynalite } from "../functions/local/dynalite.ts";
import { startLocalStack } from "../functions/local/stack.ts";
import { printResult, runChild } from "./child.ts";
import { contentQuestionnaire, freshDir, syntheticMembers } from "./fixtures.ts";
import { writeTargets } from "./issue19.ts";
import { met, quick, record, table } from "./results.ts";

const INVITATIONS = quick ? 1_000 : 10_000;
/** A run that has not finished by then is stopped and its rate projected to the whole mailing. */
const CAP_SECONDS = quick ? 60 : 420;
const TARGET_SECONDS = 30;

type Outcome = {
  invitations: number;
  created: number;
  delivered: number;
  /** When the last invitation was created (delivery overlaps creation). */
  createSeconds: number;
  elapsedSeconds: number;
  finished: boolean;
  /** DynamoDB requests of the whole mailing, by command. */
  requests: Record<string, number>;
  /** The mailing's own requests, replayed in order by a bare document client on a fresh table: seconds. */
  replaySeconds: number;
  replayed: number;
};

type Sent = { constructor: new (input: unknown) => unknown; input: Record<string, unknown> };
// Every request of the mailing, counted and kept where the repository's document client sends it.
const requests = new Map<string, number>();
const recorded: Sent[] = [];
let recording = false;
/** Once the mailing is over (or stopped), it gets no more answers: the replay has dynalite to itself. */
let frozen = false;
let replayer: DynamoDBDocumentClient | undefined;
const send = DynamoDBDocumentClient.prototype.send;
DynamoDBDocumentClient.prototype.send = function (this: DynamoDBDocumentClient, ...args: unknown[]) {
  if (this !== replayer) {
    if (frozen) return new Promise(() => {});
    const command = args[0] as Sent;
    const name = command.constructor.name;
    requests.set(name, (requests.get(name) ?? 0) + 1);
    if (recording) recorded.push(command);
  }
  return (send as (...a: unknown[]) => unknown).apply(this, args);
} as typeof send;

/** The same request, aimed at another table. */
const onTable = (input: Record<string, unknown>, table: string) => {
  const out: Record<string, unknown> = { ...input };
  if ("TableName" in out) out.TableName = table;
  if (out.RequestItems)
    out.RequestItems = { [table]: Object.values(out.RequestItems as Record<string, unknown>)[0] };
  return out;
};

/**
 * The replay floor: the mailing's requests, in the order it sent them and as many at a time as it
 * keeps in flight (16 creating, 8 delivering), sent by a bare client to a fresh table of the same
 * dynalite: what no code above the storage can go below. A refused condition is part of the cost.
 */
const replay = async (endpoint: string) => {
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await ensureTable(client, "replay");
  replayer = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const doc = replayer;
  const started = performance.now();
  await forEachConcurrently(recorded, 24, async (r) => {
    await doc.send(new r.constructor(onTable(r.input, "replay")) as never).catch(() => undefined);
  });
  return (performance.now() - started) / 1000;
};

/** One mailing in this process: its own dynalite, directory, campaign and outbox. */
const mail = async (): Promise<Outcome> => {
  const dir = freshDir("mailing");
  const dynamo = await startDynalite();
  const stack = await startLocalStack({
    dynamodbEndpoint: dynamo.endpoint,
    dir,
    port: 0,
    tableName: "mailing",
  });
  const api = adminClient(stack);
  await api("POST", "/api/questionnaires", contentQuestionnaire().source);
  await stack.ports.repository.putMembers(syntheticMembers(INVITATIONS));
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: contentQuestionnaire().definition.id,
    closesAt: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
  });
  if (campaign.invited.length !== INVITATIONS) throw new Error(`Invited ${campaign.invited.length}`);

  // Through core, as the admin API's send does, with counters on the way.
  let created = 0;
  let lastCreatedAt: number | undefined;
  requests.clear();
  recording = true;
  const started = performance.now();
  const sending = sendInvitations(
    {
      ...stack.ports,
      repository: {
        ...stack.ports.repository,
        createInvitation: async (inv) => {
          const made = await stack.ports.repository.createInvitation(inv);
          if (made) created++;
          lastCreatedAt = performance.now();
          return made;
        },
      },
    },
    campaign.id,
  ).then(() => true);
  const delivered = () =>
    existsSync(stack.paths.outbox)
      ? readdirSync(stack.paths.outbox).filter((f) => f.endsWith(".eml")).length
      : 0;
  let finished = false;
  while (!finished && performance.now() - started < CAP_SECONDS * 1000) {
    finished = await Promise.race([sending, new Promise<false>((r) => setTimeout(() => r(false), 1000))]);
    const s = ((performance.now() - started) / 1000).toFixed(0);
    process.stderr.write(`mailing: ${s} s, ${created} created, ${delivered()} delivered\n`);
  }
  const elapsedSeconds = (performance.now() - started) / 1000;
  recording = false;
  frozen = true;
  const outcome = {
    invitations: INVITATIONS,
    created,
    delivered: delivered(),
    createSeconds: ((lastCreatedAt ?? performance.now()) - started) / 1000,
    elapsedSeconds,
    finished,
    requests: Object.fromEntries(requests),
  };
  return { ...outcome, replaySeconds: await replay(dynamo.endpoint), replayed: recorded.length };
};

/** Issue 19's mailing on AWS: N emails at SES's starting rate through the local rate-limited mailer. */
const PACED = { emails: 140, perSecond: 14 } as const;
/** Delivery within 1.1 × N / rate. */
const PACED_BOUND = 1.1;

type Paced = { answerMs: number; status: number; deliverySeconds: number; delivered: number };

/**
 * The send as the Secretariat's button calls it (POST …/send), with SEND_RATE_PER_SECOND set: the
 * reply must not wait for the mailing, and the queue must keep the mailer at its rate, no slower.
 */
const mailAtRate = async (): Promise<Paced> => {
  const dir = freshDir("mailing-paced");
  const dynamo = await startDynalite();
  const stack = await startLocalStack({
    dynamodbEndpoint: dynamo.endpoint,
    dir,
    port: 0,
    tableName: "mailing-paced",
    overrides: { SEND_RATE_PER_SECOND: String(PACED.perSecond) },
  });
  const api = adminClient(stack);
  await api("POST", "/api/questionnaires", contentQuestionnaire().source);
  await stack.ports.repository.putMembers(syntheticMembers(PACED.emails));
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: contentQuestionnaire().definition.id,
    closesAt: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
  });
  const delivered = () =>
    existsSync(stack.paths.outbox)
      ? readdirSync(stack.paths.outbox).filter((f) => f.endsWith(".eml")).length
      : 0;
  const started = performance.now();
  const reply = await fetch(`${stack.url}/api/campaigns/${campaign.id}/send`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${stack.adminToken}`,
      "content-type": "application/json",
      accept: "application/json",
    },
    body: "{}",
  });
  await reply.arrayBuffer();
  const answerMs = performance.now() - started;
  const cap = (PACED.emails / PACED.perSecond) * 3 * 1000;
  while (delivered() < PACED.emails && performance.now() - started < cap)
    await new Promise((r) => setTimeout(r, 50));
  const deliverySeconds = (performance.now() - started) / 1000;
  const count = delivered();
  await stack.close();
  await dynamo.close();
  return { answerMs, status: reply.status, deliverySeconds, delivered: count };
};

/** The mailing runs in a process of its own: one stopped at the cap is still delivering, and ends with it. */
const inChild = () =>
  runChild<Outcome>(fileURLToPath(import.meta.url), ["--child", ...(quick ? ["--quick"] : [])]);

const describe = (o: Outcome) => {
  const deliverRate = o.delivered / Math.max(o.elapsedSeconds, 1e-3);
  const createRate = o.created / Math.max(o.createSeconds, 1e-3);
  // Unfinished: the slower of creation and delivery, at its rate, for all of them (they overlap).
  const projected = o.finished
    ? o.elapsedSeconds
    : Math.max(o.invitations / createRate, o.delivered > 0 ? o.invitations / deliverRate : Infinity);
  const total = Object.values(o.requests).reduce((a, b) => a + b, 0);
  // Stopped at the cap: the replay of what was done, scaled to the whole mailing.
  const scale = o.invitations / Math.max(o.delivered, 1);
  const floorSeconds = scale * o.replaySeconds;
  return {
    deliverRate,
    createRate,
    projected,
    perInvitation: total / Math.max(o.delivered, 1),
    floorSeconds,
  };
};

const run = async () => {
  const o = await inChild();
  const d = describe(o);
  const paced = await runChild<Paced>(fileURLToPath(import.meta.url), ["--paced"]);
  const pacedFloor = PACED.emails / PACED.perSecond;
  const pacedRatio = paced.deliverySeconds / pacedFloor;
  const pacedMet = paced.delivered === PACED.emails && pacedRatio <= PACED_BOUND;
  writeTargets("mailing", [
    {
      id: "mailing-requests",
      measured: `${d.perInvitation.toFixed(2)} per invitation (${INVITATIONS.toLocaleString("en")})`,
      floor: "6",
      ratio: d.perInvitation / 6,
      met: d.perInvitation <= 6,
    },
    {
      id: "mailing-floor",
      measured: `${d.projected.toFixed(1)} s${o.finished ? "" : " (projected)"}`,
      floor: `1.5× ${d.floorSeconds.toFixed(1)} s replay`,
      ratio: d.projected / d.floorSeconds,
      met: d.projected <= 1.5 * d.floorSeconds,
    },
    {
      id: "mailing-rate",
      measured:
        `${paced.delivered} delivered in ${paced.deliverySeconds.toFixed(2)} s; ` +
        `send answered ${paced.status} in ${paced.answerMs.toFixed(0)} ms`,
      floor: `${PACED_BOUND}× ${pacedFloor.toFixed(1)} s (N / rate)`,
      ratio: pacedRatio,
      met: pacedMet,
    },
  ]);
  const row = [
    `${o.created.toLocaleString("en")} by ${o.createSeconds.toFixed(1)} s (${d.createRate.toFixed(0)}/s)`,
    `${o.delivered.toLocaleString("en")} by ${o.elapsedSeconds.toFixed(1)} s (${d.deliverRate.toFixed(1)}/s)`,
    o.finished ? `${o.elapsedSeconds.toFixed(1)} s` : `stopped at ${o.elapsedSeconds.toFixed(0)} s`,
    `${d.projected.toFixed(0)} s (${(o.invitations / d.projected).toFixed(1)}/s)`,
    `${d.perInvitation.toFixed(1)} (${Object.entries(o.requests)
      .map(([k, v]) => `${k.replace("Command", "")} ${v.toLocaleString("en")}`)
      .join(", ")})`,
    `${d.floorSeconds.toFixed(1)} s (${o.replayed.toLocaleString("en")} requests, ${(o.replayed / o.replaySeconds).toFixed(0)}/s)`,
    `${(d.projected / d.floorSeconds).toFixed(1)}×`,
  ];
  const body = [
    `${INVITATIONS.toLocaleString("en")} synthetic members, one contact each, in the directory; one campaign inviting ` +
      `them all; \`sendInvitations\` (core, as the admin API's send calls it) creates each invitation (the worker that ` +
      `takes its email creates the email record), 16 at a time, and hands the jobs to the in-process queue a hundred at a time as it goes; the queue ` +
      `delivers them (8 at a time) to the outbox folder as .eml files while creation goes on. Local stack, in-memory ` +
      `dynalite on its own thread. A mailing still running after ${CAP_SECONDS} s is stopped and projected from its ` +
      `rates. The replay floor is the mailing's own DynamoDB requests, recorded as it sent them, replayed in the same order ` +
      `by a bare document client to a fresh table of the same dynalite (24 at a time, as many as the mailing keeps in flight): ` +
      `the time no code above the storage can go below.`,
    "",
    table(
      [
        "invitations created",
        "emails delivered",
        "total",
        "whole mailing (projected if stopped)",
        "requests per invitation",
        "replay floor",
        "ratio",
      ],
      [row],
    ),
    "",
    `Target (issue 19): ≤ 6 DynamoDB requests per invitation: ${met(d.perInvitation <= 6)} ` +
      `(${d.perInvitation.toFixed(2)}); ≤ 1.5× the replay floor: ${met(d.projected <= 1.5 * d.floorSeconds)} ` +
      `(${(d.projected / d.floorSeconds).toFixed(1)}×).`,
    "",
    `Mailing on AWS (issue 19): ${PACED.emails} emails with SEND_RATE_PER_SECOND=${PACED.perSecond} through the ` +
      `local rate-limited mailer (the outbox mailer paced as SES's is), sent by POST …/send: the send answered ` +
      `${paced.status} in ${paced.answerMs.toFixed(0)} ms; ${paced.delivered} delivered in ${paced.deliverySeconds.toFixed(2)} s, ` +
      `${pacedRatio.toFixed(2)}× N / rate (${pacedFloor.toFixed(1)} s); target ≤ ${PACED_BOUND}×: ${met(pacedMet)}.`,
    "",
    quick
      ? "Target (issue 8): 10,000 invitations in < 30 s; judged on full runs, not on this one of 1,000."
      : `Target (issue 8): 10,000 invitations to the outbox in < ${TARGET_SECONDS} s: ` +
        `${met(d.projected < TARGET_SECONDS)} (${d.projected.toFixed(0)} s, ` +
        `${(d.projected / TARGET_SECONDS).toFixed(1)}× the target; the replay floor alone is ${d.floorSeconds.toFixed(0)} s).`,
  ].join("\n");
  record("Mailing", body);
};

if (import.meta.main && process.argv.includes("--paced")) {
  printResult(await mailAtRate());
  process.exit(0);
} else if (import.meta.main && process.argv.includes("--child")) {
  printResult(await mail());
  // A mailing stopped at the cap is still delivering: end it with the process.
  process.exit(0);
} else if (import.meta.main) await run();
