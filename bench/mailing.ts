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
    quick
      ? "Target (issue 8): 10,000 invitations in < 30 s; judged on full runs, not on this one of 1,000."
      : `Target (issue 8): 10,000 invitations to the outbox in < ${TARGET_SECONDS} s: ` +
        `${met(d.projected < TARGET_SECONDS)} (${d.projected.toFixed(0)} s, ` +
        `${(d.projected / TARGET_SECONDS).toFixed(1)}× the target; the replay floor alone is ${d.floorSeconds.toFixed(0)} s).`,
  ].join("\n");
  record("Mailing", body);
};

if (import.meta.main && process.argv.includes("--child")) {
  printResult(await mail());
  // A mailing stopped at the cap is still delivering: end it with the process.
  process.exit(0);
} else if (import.meta.main) await run();
