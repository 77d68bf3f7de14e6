// The campaign page's own work at 1,000, 4,000 and 10,000 members: CPU time of campaignStatus over
// lists already read, and the size of what it returns, against issue 19's 100 ms at 10,000.
//
//   npx node bench/campaign-status.ts [--quick]
//
// The repository is in memory and answers with the lists DynamoDB would have returned (one
// invitation per member, a draft for one in five, two kept submissions for another one in five, the
// newest 50 audit lines), so the figure is the matching and shaping alone: reading the lists from
// DynamoDB is counted by test/integration/core/campaign-scale.test.ts, in requests. Each size is
// measured after a warm-up call; the figure is the median CPU time (user + system) of the runs.
// BENCH_LABEL names the code measured, for runs of an older commit.
import { execSync } from "node:child_process";
import type { Campaign } from "../functions/core/campaign.ts";
import { campaignStatus } from "../functions/core/campaign-status.ts";
import type { EmailRecord, Invitation } from "../functions/core/invitations.ts";
import type { AuditEntry, Repository } from "../functions/core/ports.ts";
import type { Response, ResponseVersion } from "../functions/core/responses.ts";
import { syntheticMembers } from "./fixtures.ts";
import { writeTargets } from "./issue19.ts";
import { kb, met, ms, quick, record, table } from "./results.ts";
import { median } from "./stats.ts";

const SIZES = [1_000, 4_000, 10_000];
const RUNS = quick ? 3 : 9;
const TARGET_MS = 100;
const NOW = new Date("2026-06-01T12:00:00Z");

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const repositoryOf = (count: number): Repository => {
  const members = syntheticMembers(count);
  const campaign: Campaign = {
    id: "bench",
    questionnaireId: "q",
    questionnaireVersion: 1,
    title: { es: "Consulta", en: "Consultation", fr: "Consultation", pt: "Consulta" },
    opensAt: "2026-01-01T00:00:00.000Z",
    closesAt: "2026-12-31T00:00:00.000Z",
    timeZone: "America/New_York",
    invited: members.map((m) => m.code),
    secretariat: { name: "Secretariat", email: "secretariat@example.org" },
    status: "open",
    createdAt: "2026-01-01T00:00:00.000Z",
  };
  const invitations: Invitation[] = members.map((m, i) => ({
    campaignId: "bench",
    memberCode: m.code,
    contactId: "focal-point",
    email: m.contacts[0]!.email,
    language: m.language,
    state: i % 10 === 9 ? "bounced" : "sent",
    rev: 2,
    generation: 1,
    tokenHashes: ["x".repeat(43)],
    reminders: [],
    createdAt: "2026-04-01T00:00:00.000Z",
    sentAt: "2026-04-01T00:00:00.000Z",
  }));
  const answering = members.filter((_, i) => i % 5 === 1 || i % 5 === 2);
  const responses: Response[] = answering.map((m, i) => ({
    campaignId: "bench",
    memberCode: m.code,
    status: i % 2 ? "submitted" : "draft",
    version: 3,
    answers: {},
    updatedAt: "2026-05-01T00:00:00.000Z",
    updatedBy: { contactId: "focal-point", name: m.contacts[0]!.name },
    ...(i % 2 ? { submittedAt: "2026-05-01T00:00:00.000Z", submittedVersion: 3 } : {}),
  }));
  const kept = responses
    .filter((r) => r.submittedVersion)
    .flatMap((r) => [1, 3].map((version) => ({ memberCode: r.memberCode, version })));
  const keptOf = Map.groupBy(kept, (v) => v.memberCode);
  const audit: AuditEntry[] = Array.from({ length: 50 }, (_, i) => ({
    at: new Date(NOW.getTime() - i * 60_000).toISOString(),
    actor: "secretariat@example.org",
    action: "sent a new link",
    campaignId: "bench",
  }));
  // Every email of the campaign: each invitation, and two reminder steps to those who have not answered.
  const answered = new Set(answering.map((m) => m.code));
  const emails: EmailRecord[] = invitations.flatMap((inv) => {
    const email = (kind: EmailRecord["kind"], n: string): EmailRecord => ({
      campaignId: "bench",
      memberCode: inv.memberCode,
      contactId: inv.contactId,
      kind,
      n,
      status: "sent",
      attempts: 1,
      sentAt: "2026-04-01T00:00:00.000Z",
      createdAt: "2026-04-01T00:00:00.000Z",
    });
    return [
      email("invitation", "1"),
      ...(answered.has(inv.memberCode) ? [] : [email("reminder", "14"), email("reminder", "7")]),
    ];
  });
  // Fresh arrays each call, as a repository's reads are.
  return {
    listEmails: async () => [...emails],
    getCampaign: async () => campaign,
    listMembers: async () => [...members],
    listInvitations: async () => [...invitations],
    listResponses: async () => [...responses],
    listKeptVersions: async () => [...kept],
    // What the code before issue 18.3 read instead: one member's versions at a time.
    listResponseVersions: async (_: string, code: string) =>
      (keptOf.get(code) ?? []) as unknown as ResponseVersion[],
    listReports: async () => [],
    listAudit: async () => [...audit],
  } as unknown as Repository;
};

const measure = async (count: number) => {
  const ports = { repository: repositoryOf(count), clock: { now: () => NOW } };
  const first = await campaignStatus(ports, "bench");
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const before = cpuMs();
    await campaignStatus(ports, "bench");
    times.push(cpuMs() - before);
  }
  return {
    count,
    cpu: median(times),
    least: Math.min(...times),
    rows: first.members.length,
    bytes: Buffer.byteLength(JSON.stringify(first)),
  };
};

const label =
  process.env.BENCH_LABEL ??
  (() => {
    try {
      const head = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
      const dirty = execSync("git status --porcelain functions", { encoding: "utf8" }).trim();
      return `${head}${dirty ? " with uncommitted changes" : ""}`;
    } catch {
      return "unknown";
    }
  })();

const results = [];
for (const size of SIZES) {
  const result = await measure(size);
  console.log(`${size} members: ${ms(result.cpu)} CPU (median of ${RUNS})`);
  results.push(result);
}
const at10k = results.find((r) => r.count === 10_000)!;
writeTargets("campaign-status", [
  {
    id: "campaign-status",
    measured: `${ms(at10k.cpu)} CPU (median of ${RUNS})`,
    floor: `${TARGET_MS} ms`,
    ratio: at10k.cpu / TARGET_MS,
    met: at10k.cpu <= TARGET_MS,
  },
]);
record(
  "Campaign status",
  `Code: ${label}. \`campaignStatus\` over in-memory lists (one invitation per member, one in five a draft, one in five two kept submissions, 50 audit lines); CPU time (user + system) of one call after a warm-up, median and least of ${RUNS} runs; the rows and JSON bytes it returns (what the admin API would send).

${table(
  ["members", "CPU median", "CPU least", "member rows returned", "JSON returned"],
  results.map((r) => [r.count.toLocaleString("en"), ms(r.cpu), ms(r.least), r.rows, kb(r.bytes)]),
)}

Target (issue 19): campaign status ≤ ${TARGET_MS} ms CPU at 10,000 members: ${met(at10k.cpu <= TARGET_MS)} (${ms(at10k.cpu)}).`,
);
