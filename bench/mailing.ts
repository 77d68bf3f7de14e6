// Mailing: time to create and deliver 10,000 invitations to the local outbox, as shipped and with the directory cached.
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDynamoRepository } from "../functions/adapters/dynamodb-repository.ts";
import type { Campaign } from "../functions/core/campaign.ts";
import type { Member } from "../functions/core/directory.ts";
import type { Repository } from "../functions/core/ports.ts";
import { sendInvitations } from "../functions/core/send-invitations.ts";
import { adminClient } from "../functions/local/demo.ts";
import { startDynalite } from "../functions/local/dynalite.ts";
import { startLocalStack } from "../functions/local/stack.ts";
import { printResult, runChild } from "./child.ts";
import { contentQuestionnaire, freshDir, syntheticMembers } from "./fixtures.ts";
import { met, quick, record, table } from "./results.ts";

const INVITATIONS = quick ? 1_000 : 10_000;
/** A run that has not finished by then is stopped and its rate projected to the whole mailing. */
const CAP_SECONDS = quick ? 60 : 180;
const TARGET_SECONDS = 30;

type Variant = "shipped" | "directory-cached";
type Outcome = {
  variant: Variant;
  invitations: number;
  created: number;
  delivered: number;
  createSeconds: number;
  elapsedSeconds: number;
  finished: boolean;
};

/** One mailing in this process: its own dynalite, directory, campaign and outbox. */
const mail = async (variant: Variant): Promise<Outcome> => {
  const dir = freshDir(`mailing-${variant}`);
  const dynamo = await startDynalite();
  const tableName = "mailing";
  // What-if: the directory read once per process instead of once per email (deliverEmail lists
  // every member to find one); the cost of the member lookup by key the fix would make instead.
  const cached = (): Partial<{ repository: Repository }> => {
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const base = createDynamoRepository({ client, tableName });
    let members: Promise<Member[]> | undefined;
    return { repository: { ...base, listMembers: () => (members ??= base.listMembers()) } };
  };
  const stack = await startLocalStack({
    dynamodbEndpoint: dynamo.endpoint,
    dir,
    port: 0,
    tableName,
    ...(variant === "directory-cached" ? { ports: cached() } : {}),
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
  let queuedAt: number | undefined;
  const started = performance.now();
  const sending = sendInvitations(
    {
      ...stack.ports,
      repository: {
        ...stack.ports.repository,
        createInvitation: async (inv) => {
          const made = await stack.ports.repository.createInvitation(inv);
          if (made) created++;
          return made;
        },
      },
      queue: {
        enqueue: (jobs) => {
          queuedAt = performance.now();
          return stack.ports.queue.enqueue(jobs);
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
    process.stderr.write(`mailing ${variant}: ${s} s, ${created} created, ${delivered()} delivered\n`);
  }
  const elapsedSeconds = (performance.now() - started) / 1000;
  return {
    variant,
    invitations: INVITATIONS,
    created,
    delivered: delivered(),
    createSeconds: ((queuedAt ?? performance.now()) - started) / 1000,
    elapsedSeconds,
    finished,
  };
};

/** Each mailing runs in a process of its own, so a stopped one cannot slow the next. */
const inChild = (variant: Variant) =>
  runChild<Outcome>(fileURLToPath(import.meta.url), ["--variant", variant, ...(quick ? ["--quick"] : [])]);

const describe = (o: Outcome) => {
  const deliverSeconds = o.elapsedSeconds - o.createSeconds;
  const deliverRate = o.delivered / Math.max(deliverSeconds, 1e-3);
  const createRate = o.created / Math.max(o.createSeconds, 1e-3);
  // Unfinished: creation at its rate, then delivery at its rate, for all of them.
  const projected = o.finished
    ? o.elapsedSeconds
    : (o.created < o.invitations ? o.invitations / createRate : o.createSeconds) +
      (o.delivered > 0 ? o.invitations / deliverRate : Number.POSITIVE_INFINITY);
  return { deliverRate, createRate, projected };
};

const run = async () => {
  const outcomes = [await inChild("shipped"), await inChild("directory-cached")];
  const rows = outcomes.map((o) => {
    const d = describe(o);
    return [
      o.variant === "shipped" ? "as shipped" : "what-if: directory read once",
      `${o.created.toLocaleString("en")} in ${o.createSeconds.toFixed(1)} s (${d.createRate.toFixed(0)}/s)`,
      `${o.delivered.toLocaleString("en")} in ${(o.elapsedSeconds - o.createSeconds).toFixed(1)} s (${d.deliverRate.toFixed(1)}/s)`,
      o.finished ? `${o.elapsedSeconds.toFixed(1)} s` : `stopped at ${o.elapsedSeconds.toFixed(0)} s`,
      `${d.projected.toFixed(0)} s (${(o.invitations / d.projected).toFixed(1)}/s)`,
    ];
  });
  const shipped = describe(outcomes[0]!).projected;
  const body = [
    `${INVITATIONS.toLocaleString("en")} synthetic members, one contact each, in the directory; one campaign inviting ` +
      `them all; \`sendInvitations\` (core, as the admin API's send calls it) creates each invitation and its email ` +
      `record, then the in-process queue delivers them (8 at a time) to the outbox folder as .eml files. Local stack, ` +
      `in-memory dynalite. A mailing still running after ${CAP_SECONDS} s is stopped and projected from its rates.`,
    "",
    table(
      ["run", "invitations created", "emails delivered", "total", "whole mailing (projected if stopped)"],
      rows,
    ),
    "",
    `The what-if run differs only in its repository: \`listMembers\` answers from memory after its first call, ` +
      `which is what deliverEmail would cost with a member lookup by key (one GetItem) instead of reading the whole ` +
      `directory for every email. It changes nothing in functions/.`,
    "",
    quick
      ? "Target (issue 8): 10,000 invitations in < 30 s; judged on full runs, not on this one of 1,000."
      : `Target (issue 8): 10,000 invitations to the outbox in < ${TARGET_SECONDS} s: ${met(shipped < TARGET_SECONDS)} ` +
        `as shipped (${shipped.toFixed(0)} s, ${(shipped / TARGET_SECONDS).toFixed(0)}× the target).`,
  ].join("\n");
  record("Mailing", body);
};

const variantArg = process.argv[process.argv.indexOf("--variant") + 1];
if (import.meta.main && process.argv.includes("--variant")) {
  const outcome = await mail(variantArg as Variant);
  printResult(outcome);
  // A stopped mailing is still delivering: end it with the process.
  process.exit(0);
} else if (import.meta.main) await run();
