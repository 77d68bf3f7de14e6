// Mailing: time to create and deliver 10,000 invitations to the local outbox, against the storage's floor.
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
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
  /** The same client against the same dynalite, nothing else running: single-item requests a second. */
  floor: { getsPerSecond: number; putsPerSecond: number };
};

// Every request of the mailing, counted where the repository's document client sends it.
const requests = new Map<string, number>();
const send = DynamoDBDocumentClient.prototype.send;
DynamoDBDocumentClient.prototype.send = function (this: DynamoDBDocumentClient, ...args: unknown[]) {
  const name = (args[0] as { constructor: { name: string } }).constructor.name;
  requests.set(name, (requests.get(name) ?? 0) + 1);
  return (send as (...a: unknown[]) => unknown).apply(this, args);
} as typeof send;

/** The storage's floor: as many requests as the mailing makes per second, through the same client. */
const storageFloor = async (endpoint: string) => {
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await ensureTable(client, "floor");
  const doc = DynamoDBDocumentClient.from(client);
  const n = quick ? 1_000 : 5_000;
  const keys = Array.from({ length: n }, (_, i) => ({ PK: `FLOOR#${i}`, SK: "ITEM" }));
  // As many at a time as the mailing keeps in flight: 16 creating, 8 delivering.
  const timed = async (work: (k: (typeof keys)[number]) => Promise<unknown>) => {
    const t = performance.now();
    await forEachConcurrently(keys, 24, async (k) => void (await work(k)));
    return n / ((performance.now() - t) / 1000);
  };
  const put = (k: (typeof keys)[number]) =>
    doc.send(
      new PutCommand({ TableName: "floor", Item: { ...k, state: "queued", email: "fp@example.org" } }),
    );
  await timed(put); // a first round warms the code up, as the mailing's first seconds do
  const putsPerSecond = await timed(put);
  const getsPerSecond = await timed((k) => doc.send(new GetCommand({ TableName: "floor", Key: k })));
  return { getsPerSecond, putsPerSecond };
};

/** One mailing in this process: its own dynalite, directory, campaign and outbox. */
const mail = async (): Promise<Outcome> => {
  const dir = freshDir("mailing");
  const dynamo = await startDynalite();
  // Measured first, on its own table: a mailing stopped at the cap is still delivering afterwards.
  const floor = await storageFloor(dynamo.endpoint);
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
  const outcome = {
    invitations: INVITATIONS,
    created,
    delivered: delivered(),
    createSeconds: ((lastCreatedAt ?? performance.now()) - started) / 1000,
    elapsedSeconds,
    finished,
    requests: Object.fromEntries(requests),
  };
  return { ...outcome, floor };
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
  const gets =
    (o.requests.GetCommand ?? 0) + (o.requests.BatchGetCommand ?? 0) + (o.requests.QueryCommand ?? 0);
  const puts = total - gets;
  // The requests alone, at the floor's rates: what no code above the storage can go below.
  const scale = o.invitations / Math.max(o.delivered, 1);
  const floorSeconds = scale * (gets / o.floor.getsPerSecond + puts / o.floor.putsPerSecond);
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
    `${d.floorSeconds.toFixed(0)} s (${o.floor.getsPerSecond.toFixed(0)} gets/s, ${o.floor.putsPerSecond.toFixed(0)} puts/s)`,
    `${(d.projected / d.floorSeconds).toFixed(1)}×`,
  ];
  const body = [
    `${INVITATIONS.toLocaleString("en")} synthetic members, one contact each, in the directory; one campaign inviting ` +
      `them all; \`sendInvitations\` (core, as the admin API's send calls it) creates each invitation and its email ` +
      `record, 16 at a time, and hands the jobs to the in-process queue a hundred at a time as it goes; the queue ` +
      `delivers them (8 at a time) to the outbox folder as .eml files while creation goes on. Local stack, in-memory ` +
      `dynalite on its own thread. A mailing still running after ${CAP_SECONDS} s is stopped and projected from its ` +
      `rates. The storage floor is the mailing's own DynamoDB requests at the rates the same client gets from the same ` +
      `dynalite doing nothing else (24 at a time, after a first round to warm up): the time no code above the storage can go below.`,
    "",
    table(
      [
        "invitations created",
        "emails delivered",
        "total",
        "whole mailing (projected if stopped)",
        "requests per invitation",
        "storage floor",
        "ratio",
      ],
      [row],
    ),
    "",
    quick
      ? "Target (issue 8): 10,000 invitations in < 30 s; judged on full runs, not on this one of 1,000."
      : `Target (issue 8): 10,000 invitations to the outbox in < ${TARGET_SECONDS} s: ` +
        `${met(d.projected < TARGET_SECONDS)} (${d.projected.toFixed(0)} s, ` +
        `${(d.projected / TARGET_SECONDS).toFixed(1)}× the target; the storage floor alone is ${d.floorSeconds.toFixed(0)} s).`,
  ].join("\n");
  record("Mailing", body);
};

if (import.meta.main && process.argv.includes("--child")) {
  printResult(await mail());
  // A mailing stopped at the cap is still delivering: end it with the process.
  process.exit(0);
} else if (import.meta.main) await run();
