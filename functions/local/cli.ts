#!/usr/bin/env node
// The consulta command: the Secretariat's whole cycle from a terminal, through the admin API of the
// embedded local stack (default) or of a deployed stack (--outputs FILE, or --api URL).
import { HEADQUARTERS_TIME_ZONE, isTimeOfDay, typedTime } from "../core/closing-time.ts";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { configValue } from "../config.ts";
import { MAX_MEMBERS_PER_PAGE, type CampaignStatus } from "../core/campaign-status.ts";
import type { Campaign } from "../core/campaign.ts";
import {
  applyContentLoad,
  planContentLoad,
  seedEmptyDatabase,
  type ContentLoadOutcome,
  type ContentLoadPlan,
} from "../core/content-load.ts";
import type { DirectoryImportPlan } from "../core/directory-import.ts";
import { ConsultaError } from "../core/errors.ts";
import type { Member } from "../core/directory.ts";
import type { Invitation } from "../core/invitations.ts";
import { languageList } from "../core/languages.ts";
import type { ReportRecord } from "../core/ports.ts";
import { sendDueReminders } from "../core/reminders.ts";
import { resumeInterruptedEmails, type SendSummary } from "../core/send-invitations.ts";
import { CliError, withAdminApi, type Target } from "./admin-connection.ts";
import { CONTENT_DIR, ContentError, readContent, readContentSources } from "./content.ts";
import { FolderInUse, runningServer } from "./data-folder.ts";
import { AdminApiError, runDemo, type AdminClient, type AdminClientOptions, type JobView } from "./demo.ts";
import { startLocalStack, type LocalStack } from "./stack.ts";

const HELP = `consulta: run the IACML consultation cycle from a terminal.

Usage: consulta <command> [options]

Local stack
  serve                                   run it (PORT, default 3000) until Ctrl-C; data in .local/,
                                          one server per folder; the other commands talk to it
  demo                                    the whole cycle once; prints where the report is
  load [--content DIR] [--json]           what loading content/ would change in the database; writes nothing
  load --apply [ID …] [--overwrite]       apply it all, or only the items named (member codes, id@version);
                                          members changed in the console since the last load are refused
                                          unless --overwrite. The first start seeds an empty database from
                                          content/; after that only load does, and only what is confirmed.
                                          Works on the local data folder (stop its server first); against a
                                          deployed stack it only seeds a database with no directory

Member directory
  members list [--json]
  members import FILE [--dry-run] [--json]   the Secretariat's .xlsx or .csv; shows what will and will not be imported
  members export FILE                        .xlsx or .csv, by the file's extension

Questionnaires
  translations export ID VERSION [FILE]   the translators' workbook (.xlsx): one row per text, ids locked
  translations import ID VERSION FILE [--apply] [--json]
                                          what the returned workbook changes; --apply publishes it as the
                                          next version. A file whose ids differ is refused, naming them

Campaigns
  campaign create --questionnaire ID[@VERSION] --closes "YYYY-MM-DD[ HH:MM]" [--opens "YYYY-MM-DD HH:MM"]
      [--time-zone ZONE] [--title TEXT] [--reminders 10,3,1] [--reminders-to government,…]
      [--groups government,workers,employers] [--subregions andean,…] [--invite ARG,BRA,…]
      [--meeting TEXT] [--json]                 times are in --time-zone (the OAS headquarters' by default);
                                                a day alone closes at 23:59; invitees by group and subregion
                                                (everyone invited by default), or exactly --invite
  campaign list [--json]
  campaign status ID [--json]
  campaign send ID | remind ID | close ID       sending and reminding are jobs: a progress bar, then the counts
  campaign reopen ID [--closes "YYYY-MM-DD[ HH:MM]"]
  campaign extend ID --closes "YYYY-MM-DD[ HH:MM]" [--notify] [--json]
                                                a later deadline, in the campaign's zone; --notify emails
                                                the members who have not submitted
  campaign send|remind|close|reopen|extend ID --dry-run [--json]
                                                what it would do, in numbers ("sends 38 invitations to
                                                35 members"); nothing is done
  campaign delivery ID [--json]                 every contact's delivery state
  campaign new-link ID MEMBER CONTACT           a new link; the old one stops working
  campaign revoke-link ID MEMBER CONTACT
  campaign bounce ID MEMBER CONTACT             record a permanent bounce, as SES would

Institutional answers
  member contributors CAMPAIGN MEMBER [--json]  colleagues the member's focal points invited
  receipt verify CODE [--json]                  which submission a receipt code names, and which report
                                                issues compiled it; exit 4 if altered

Reports
  report compile ID [--lang es,en,fr,pt] [--dry-run] [--json]   (all four unless --lang names some)
  report download ID --out DIR                  the latest report's .xlsx, .html and .csv

Jobs (send, remind, compile, an import's apply: done by a worker, not by the request)
  job status ID [--json]                        where a job stands, and its result once done

Options
  --outputs FILE   a deployed stack: the file \`cdk deploy --outputs-file\` wrote (reads the admin token
                   from Secrets Manager with your AWS credentials)
  --api URL        a deployed stack's URL (the admin token in CONSULTA_ADMIN_TOKEN)
  --json           machine-readable output
  --no-wait        start a job and print its ID instead of waiting for it (a deployed stack or a
                   running \`consulta serve\`; a stack started for one command always waits)
  -h, --help       this text

Exit codes: 0 done; 1 the service refused or failed (the reason is printed); 2 wrong usage;
3 done, but some spreadsheet rows were not imported (or some load items refused); 4 the receipt's
text was altered.
`;

class UsageError extends Error {}

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  json: { type: "boolean" },
  "dry-run": { type: "boolean" },
  outputs: { type: "string" },
  api: { type: "string" },
  questionnaire: { type: "string" },
  closes: { type: "string" },
  invite: { type: "string" },
  meeting: { type: "string" },
  lang: { type: "string" },
  out: { type: "string" },
  "no-wait": { type: "boolean" },
  apply: { type: "boolean" },
  overwrite: { type: "boolean" },
  content: { type: "string" },
  opens: { type: "string" },
  "time-zone": { type: "string" },
  title: { type: "string" },
  reminders: { type: "string" },
  "reminders-to": { type: "string" },
  groups: { type: "string" },
  subregions: { type: "string" },
  notify: { type: "boolean" },
} as const;

type Options = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "boolean" ? boolean : string;
};

const REMINDER_CHECK_MS = 60_000;

/** A progress bar on stderr for a terminal; silent when output goes to a file or a script. */
const progress = (label: string, total: number) => {
  const tty = process.stderr.isTTY;
  return (done: number) => {
    if (!tty) return;
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    process.stderr.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`);
    if (done >= total) process.stderr.write("\n");
  };
};

/** A bar that follows a job's progress while the command waits for it. */
const jobProgress = (): ((job: JobView) => void) => {
  let last = "";
  return (job) => {
    const total = job.progress.total;
    if (!total || job.status === "failed") return;
    const line = `${job.kind} ${job.progress.done}/${total}`;
    if (line === last) return;
    last = line;
    progress(job.kind.padEnd(12), total)(job.progress.done);
  };
};

/** The job a command started, when it was told not to wait for it (--no-wait). */
const startedJob = (out: unknown) => (out as { job?: JobView } | undefined)?.job;

const jobStarted = (job: JobView, o: Options) => {
  print(
    { job },
    o.json,
    () => `Started job ${job.id} (${job.kind}). Follow it: consulta job status ${job.id}`,
  );
  return 0;
};

/** "2027-03-31 17:00" (or a day alone: 23:59) in the zone, as an instant with its offset. */
const timeIn = (typed: string | undefined, flag: string, timeZone: string) => {
  if (!typed) throw new UsageError(`${flag} "YYYY-MM-DD[ HH:MM]" is required`);
  const [date = "", time = ""] = typed.trim().split(/[ T]+/);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || (time && !isTimeOfDay(time)))
    throw new UsageError(
      `${flag} must be a date like 2027-03-31, not "${typed}" (a time may follow: "2027-03-31 17:00")`,
    );
  try {
    return typedTime(date, time, timeZone);
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message}`);
  }
};

const listOf = (typed: string | undefined) =>
  (typed ?? "")
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The reminder plan from --reminders 10,3,1 and --reminders-to government: every step to those groups. */
const reminderPlanOf = (o: Options) => {
  if (!o.reminders) return undefined;
  const days = listOf(o.reminders).map((d) => {
    if (!/^\d+$/.test(d)) throw new UsageError(`--reminders takes days like 10,3,1, not "${d}"`);
    return Number(d);
  });
  const groups = listOf(o["reminders-to"]);
  return days.map((d) => (groups.length ? { days: d, groups } : d));
};

/** What a bulk action would do, as the console's confirmation says it. */
const effectText = (action: string, c: Record<string, number>) => {
  switch (action) {
    case "send":
      return `Would send ${c.invitations} invitations to ${c.members} members (${c.invited} invited in all).`;
    case "remind":
      return `Would send ${c.reminders} reminders to ${c.members} members who have not submitted.`;
    case "extend":
      return `${c.notSubmitted} of ${c.invited} members have not submitted; --notify would email ${c.contacts} contacts of ${c.members} members.`;
    case "compile":
      return `The report would count ${c.submitted} submitted answers of ${c.invited} members invited.`;
    default:
      return `${c.notSubmitted} of ${c.invited} members have not submitted (${c.drafts} have a draft).`;
  }
};

const dryRun = async (api: AdminClient, id: string, action: string, o: Options) => {
  const effect = await api<{ action: string; counts: Record<string, number> }>(
    "GET",
    `/api/campaigns/${encodeURIComponent(id)}/effects/${action}`,
  );
  print(effect, o.json, () => effectText(action, effect.counts));
  return 0;
};

const print = (value: unknown, json: boolean | undefined, text: () => string) =>
  console.log(json ? JSON.stringify(value, null, 2) : text());

const need = (args: string[], n: number, what: string) => {
  if (args.length < n) throw new UsageError(`Missing ${what}`);
  return args;
};

const members = async (
  api: AdminClient,
  sub: string | undefined,
  args: string[],
  o: Options,
): Promise<number> => {
  if (sub === "list") {
    const { members } = await api<{ members: Member[] }>("GET", "/api/members");
    print(members, o.json, () =>
      members
        .map(
          (m) => `${m.code.padEnd(7)} ${m.name.en.padEnd(36)} ${m.contacts.map((c) => c.email).join(", ")}`,
        )
        .join("\n"),
    );
    return 0;
  }
  if (sub === "export") {
    const [file = ""] = need(args, 1, "the FILE to write");
    const format = file.toLowerCase().endsWith(".csv") ? "csv" : "xlsx";
    const { bytes } = await api<{ bytes: Uint8Array }>("GET", `/api/members/export?format=${format}`);
    writeFileSync(file, bytes);
    console.log(`Wrote ${file}`);
    return 0;
  }
  if (sub === "import") {
    const [file = ""] = need(args, 1, "the FILE to import");
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new CliError(`Cannot read ${file}`);
    }
    const preview = await api<{ id: string; plan: DirectoryImportPlan }>("POST", "/api/members/import", {
      filename: basename(file),
      contentBase64: bytes.toString("base64"),
    });
    const { plan } = preview;
    const notes = plan.rows.filter((r) => r.message).map((r) => `  ${r.message}`);
    const removed = plan.removed.map(
      (r) => `  ${r.memberCode}: ${r.email} will no longer be in the directory`,
    );
    if (o["dry-run"]) {
      print({ ...plan, applied: false }, o.json, () =>
        [
          `Header on row ${plan.headerRow}. Would import ${plan.counts.ok} contacts for ${plan.counts.members} members.`,
          ...notes,
          ...removed,
        ].join("\n"),
      );
      return plan.counts.errors ? 3 : 0;
    }
    const applied = await api<DirectoryImportPlan["counts"]>(
      "POST",
      `/api/members/import?apply=${preview.id}`,
      {},
    );
    const job = startedJob(applied);
    if (job) return jobStarted(job, o);
    print({ ...plan, applied: true }, o.json, () =>
      [
        `Imported ${applied.ok} contacts for ${applied.members} members (header on row ${plan.headerRow}).`,
        ...(notes.length ? ["Rows to look at:", ...notes] : []),
        ...removed,
        ...(applied.errors
          ? [`${applied.errors} rows were not imported; fix them in the spreadsheet and import it again.`]
          : []),
      ].join("\n"),
    );
    return applied.errors ? 3 : 0;
  }
  throw new UsageError(`Unknown command: members ${sub ?? ""}`);
};

type TranslationsOutcome = {
  questionnaire: { id: string; version: number };
  changes: { id: string; language: string; before: string; after: string }[];
  keptEmpty: { id: string; language: string }[];
  published: number | null;
};

const translations = async (
  api: AdminClient,
  sub: string | undefined,
  args: string[],
  o: Options,
): Promise<number> => {
  const [id = "", versionText = ""] = need(args, 2, "the questionnaire ID and VERSION");
  const version = Number(versionText);
  if (!Number.isInteger(version) || version < 1)
    throw new UsageError(`VERSION must be a version number, not "${versionText}"`);
  const path = `/api/questionnaires/${encodeURIComponent(id)}/${version}/translations`;
  if (sub === "export") {
    const file = args[2] ?? `${id}-v${version}-translations.xlsx`;
    const { bytes } = await api<{ bytes: Uint8Array }>("GET", path);
    writeFileSync(file, bytes);
    print({ file }, o.json, () => `Wrote ${file}`);
    return 0;
  }
  if (sub === "import") {
    const [, , file = ""] = need(args, 3, "the FILE to import");
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new CliError(`Cannot read ${file}`);
    }
    const out = await api<TranslationsOutcome>("POST", path, {
      filename: basename(file),
      contentBase64: bytes.toString("base64"),
      apply: o.apply ?? false,
    });
    const lines = out.changes.map((c) => `  ${c.id} [${c.language}]: "${c.before}" -> "${c.after}"`);
    print(out, o.json, () =>
      [
        `${out.changes.length} texts change in ${id} v${version}${out.keptEmpty.length ? ` (${out.keptEmpty.length} empty cells keep their text)` : ""}:`,
        ...lines,
        out.published !== null
          ? `Published as ${id} v${out.published}.`
          : out.changes.length && !o.apply
            ? `Nothing was written. Publish it as the next version: consulta translations import ${id} ${version} ${file} --apply`
            : "Nothing to publish.",
      ].join("\n"),
    );
    return 0;
  }
  throw new UsageError(`Unknown command: translations ${sub ?? ""}`);
};

const sendReport = (out: SendSummary) =>
  [
    `Invitations: ${out.created} new, ${out.queued} queued, ${out.alreadySent} already sent.`,
    ...(out.inFlight
      ? [
          `${out.inFlight} still being delivered (a worker holds them until ${out.inFlightUntil ?? "its lease ends"}); ` +
            `if that delivery stopped, they are picked up again after it without pressing anything ` +
            `(the scheduled job: every minute locally, hourly on AWS).`,
        ]
      : []),
  ].join("\n");

/** A campaign's settings, for the zone its times are typed in. */
const campaignOf = async (api: AdminClient, id: string) =>
  (await api<CampaignStatus>("GET", `/api/campaigns/${encodeURIComponent(id)}?perPage=1`)).campaign;

const campaign = async (
  api: AdminClient,
  sub: string | undefined,
  args: string[],
  o: Options,
): Promise<number> => {
  switch (sub) {
    case "create": {
      if (!o.questionnaire) throw new UsageError("--questionnaire ID is required");
      const [questionnaireId = "", version] = o.questionnaire.split("@");
      const timeZone = o["time-zone"] ?? HEADQUARTERS_TIME_ZONE;
      const plan = reminderPlanOf(o);
      const groups = listOf(o.groups);
      const subregions = listOf(o.subregions);
      const created = await api<Campaign>("POST", "/api/campaigns", {
        questionnaireId,
        ...(version ? { questionnaireVersion: Number(version) } : {}),
        closesAt: timeIn(o.closes, "--closes", timeZone),
        ...(o.opens ? { opensAt: timeIn(o.opens, "--opens", timeZone) } : {}),
        timeZone,
        ...(o.title ? { title: { es: o.title, en: o.title, fr: o.title, pt: o.title } } : {}),
        ...(plan ? { reminderPlan: plan } : {}),
        ...(groups.length ? { inviteGroups: groups } : {}),
        ...(subregions.length ? { inviteSubregions: subregions } : {}),
        ...(o.invite
          ? {
              invite: o.invite
                .split(/[\s,;]+/)
                .filter(Boolean)
                .map((c) => c.toUpperCase()),
            }
          : {}),
        ...(o.meeting ? { meeting: o.meeting } : {}),
      });
      print(
        created,
        o.json,
        () =>
          `Created campaign ${created.id}: ${created.invited.length} members invited, closes ${created.closesAt} (${created.timeZone}).`,
      );
      return 0;
    }
    case "list": {
      const { campaigns } = await api<{ campaigns: Campaign[] }>("GET", "/api/campaigns");
      print(
        campaigns,
        o.json,
        () =>
          campaigns
            .map(
              (c) =>
                `${c.id}  ${c.status.padEnd(6)}  closes ${c.closesAt}  ${String(c.invited.length).padStart(3)} invited  ${c.title.en}`,
            )
            .join("\n") || "No campaign yet.",
      );
      return 0;
    }
    case "status": {
      const [id = ""] = need(args, 1, "the campaign ID");
      // The API gives members a page at a time; the CLI lists them all.
      const s = await api<CampaignStatus>("GET", `/api/campaigns/${id}?perPage=${MAX_MEMBERS_PER_PAGE}`);
      for (let page = 2; page <= s.page.pages; page++) {
        const next = await api<CampaignStatus>(
          "GET",
          `/api/campaigns/${id}?perPage=${MAX_MEMBERS_PER_PAGE}&page=${page}`,
        );
        s.members.push(...next.members);
      }
      print(s, o.json, () =>
        [
          `${s.campaign.title.en} (${s.state}), closes ${s.campaign.closesAt}`,
          ...s.byGroup.map(
            (t) =>
              `  ${t.key.padEnd(12)} invited ${t.invited}, reached ${t.reached}, drafts ${t.drafts}, submitted ${t.submitted}`,
          ),
          ...s.members.map((m) => `  ${m.code.padEnd(7)} ${m.state.padEnd(10)} ${m.name}`),
        ].join("\n"),
      );
      return 0;
    }
    case "send":
    case "remind":
    case "close": {
      const [id = ""] = need(args, 1, "the campaign ID");
      if (o["dry-run"]) return dryRun(api, id, sub, o);
      const out = await api<Record<string, unknown>>("POST", `/api/campaigns/${id}/${sub}`);
      const job = startedJob(out);
      if (job) return jobStarted(job, o);
      print(out, o.json, () =>
        sub === "send"
          ? sendReport(out as SendSummary)
          : sub === "remind"
            ? `Reminders queued: ${String(out.queued)}.`
            : `Campaign ${id} is closed.`,
      );
      return 0;
    }
    case "reopen": {
      const [id = ""] = need(args, 1, "the campaign ID");
      if (o["dry-run"]) return dryRun(api, id, sub, o);
      const zone = o.closes ? (await campaignOf(api, id)).timeZone : HEADQUARTERS_TIME_ZONE;
      await api(
        "POST",
        `/api/campaigns/${id}/reopen`,
        o.closes ? { closesAt: timeIn(o.closes, "--closes", zone) } : {},
      );
      console.log(`Campaign ${id} is open again.`);
      return 0;
    }
    case "extend": {
      const [id = ""] = need(args, 1, "the campaign ID");
      if (o["dry-run"]) return dryRun(api, id, sub, o);
      const { timeZone } = await campaignOf(api, id);
      const out = await api<{ closesAt: string; previous: string; notSubmitted: number; job?: JobView }>(
        "POST",
        `/api/campaigns/${id}/extend`,
        { closesAt: timeIn(o.closes, "--closes", timeZone), notify: o.notify === true },
      );
      print(
        out,
        o.json,
        () =>
          `Campaign ${id} now closes ${out.closesAt} (${timeZone}; was ${out.previous}); ${out.notSubmitted} members have not submitted.` +
          (out.job ? ` Telling them: job ${out.job.id} (consulta job status ${out.job.id}).` : ""),
      );
      return 0;
    }
    case "delivery": {
      const [id = ""] = need(args, 1, "the campaign ID");
      const { invitations } = await api<{
        invitations: (Invitation & { emails: { kind: string; n: string; status: string }[] })[];
      }>("GET", `/api/campaigns/${id}/invitations`);
      print(invitations, o.json, () =>
        invitations
          .map(
            (i) =>
              `${i.memberCode.padEnd(7)} ${i.contactId.padEnd(14)} ${i.state.padEnd(10)} ${i.email}${i.failureReason ? `  (${i.failureReason})` : ""}  ${i.emails.map((e) => `${e.kind}:${e.n}:${e.status}`).join(" ")}`,
          )
          .join("\n"),
      );
      return 0;
    }
    case "new-link":
    case "revoke-link":
    case "bounce": {
      const [id, member, contact] = need(args, 3, "ID MEMBER CONTACT") as [string, string, string];
      const base = `/api/campaigns/${id}/invitations/${member}/${contact}`;
      const out = await (sub === "bounce"
        ? api<Invitation>("POST", `${base}/events`, {
            type: "bounce",
            detail: "Recorded from the command line",
          })
        : api<Invitation>("POST", `${base}/${sub === "new-link" ? "replace" : "revoke"}`));
      print(out, o.json, () => `${member}/${contact}: ${out.state}`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command: campaign ${sub ?? ""}`);
  }
};

const report = async (
  api: AdminClient,
  sub: string | undefined,
  args: string[],
  o: Options,
): Promise<number> => {
  const [id = ""] = need(args, 1, "the campaign ID");
  if (sub === "compile") {
    if (o["dry-run"]) return dryRun(api, id, "compile", o);
    const languages = languageList(o.lang);
    if (!languages) throw new UsageError("--lang is a list of es, en, fr, pt (es,fr)");
    const out = await api<ReportRecord>("POST", `/api/campaigns/${id}/reports?lang=${languages.join(",")}`);
    const job = startedJob(out);
    if (job) return jobStarted(job, o);
    print(
      out,
      o.json,
      () =>
        `Compiled: ${out.respondents} of ${out.invited} members answered.\n${Object.values(out.files).join("\n")}`,
    );
    return 0;
  }
  if (sub === "download") {
    if (!o.out) throw new UsageError("--out DIR is required");
    const status = await api<CampaignStatus>("GET", `/api/campaigns/${id}?perPage=1`);
    const latest = status.reports[0];
    if (!latest)
      throw new CliError(`Campaign ${id} has no compiled report yet: run "consulta report compile ${id}"`);
    mkdirSync(o.out, { recursive: true });
    const files = Object.values(latest.files).map((key) => key.split("/").pop() as string);
    const bar = progress("Downloading", files.length);
    bar(0);
    for (const [i, file] of files.entries()) {
      const got = await api<{ bytes?: Uint8Array; url?: string }>(
        "GET",
        `/api/campaigns/${id}/reports/${file}`,
      );
      const bytes = got.bytes ?? new Uint8Array(await (await fetch(got.url as string)).arrayBuffer());
      writeFileSync(join(o.out, file), bytes);
      bar(i + 1);
    }
    console.log(files.map((f) => join(o.out as string, f)).join("\n"));
    return 0;
  }
  throw new UsageError(`Unknown command: report ${sub ?? ""}`);
};

const planText = (plan: ContentLoadPlan, from: string) => {
  const changing = plan.items.filter((i) => i.change !== "unchanged");
  const unchanged = plan.items.length - changing.length;
  return [
    `Loading ${from} into the database (last load: ${plan.lastLoadedAt ?? "never"}; ${plan.campaigns} campaigns, never touched by a load):`,
    ...changing.map((i) =>
      i.kind === "questionnaire"
        ? `  ${i.id.padEnd(20)} questionnaire ${i.change === "new" ? "new version" : "CONFLICTING: this version is already stored with other content; raise its version"}`
        : `  ${i.id.padEnd(20)} member ${i.change}${i.fields.length ? `: ${i.fields.join(", ")}` : ""}${i.editedSinceLoad ? "  [changed in the console since the last load: needs --overwrite]" : ""}`,
    ),
    changing.length
      ? `${unchanged} items unchanged.`
      : `Nothing to change: all ${unchanged} items are as in the database.`,
  ].join("\n");
};

const outcomeText = (out: ContentLoadOutcome) =>
  [
    `Applied: ${out.applied.join(" ") || "nothing"}.`,
    ...out.refused.map((r) => `Refused: ${r.reason}.`),
    ...(out.notConfirmed.length ? [`Left as they are (not named): ${out.notConfirmed.join(" ")}.`] : []),
  ].join("\n");

/**
 * `consulta load` against a deployed stack: its admin API has no plan yet, so content/ goes only into
 * a database with no directory (the stack's first set-up), whole; anything else is refused unchanged.
 */
const seedDeployed = (o: Options, target: Target) =>
  withAdminApi(target, async (api) => {
    const sources = readContentSources(o.content ?? CONTENT_DIR);
    const { members } = await api<{ members: Member[] }>("GET", "/api/members");
    if (members.length)
      throw new CliError(
        `This stack's database already has a directory (${members.length} members): content/ only seeds an empty one. ` +
          "Change it in the console or with members import; the plan of consulta load works on a local data folder",
      );
    const count = sources.directory.members.length;
    if (!o.apply) {
      print(
        { members: count, questionnaires: sources.questionnaires.length },
        o.json,
        () =>
          `The database has no directory: consulta load --apply seeds it from ${o.content ?? "content/"} (${count} members, ${sources.questionnaires.length} questionnaires). Nothing was written.`,
      );
      return 0;
    }
    await api("PUT", "/api/members", sources.directory);
    const stored: { id: string; version: number }[] = [];
    for (const q of sources.questionnaires)
      stored.push(await api<{ id: string; version: number }>("POST", "/api/questionnaires", q));
    print(
      { members: count, questionnaires: stored },
      o.json,
      () =>
        `Seeded the empty database: ${count} members, questionnaires ${stored.map((q) => `${q.id}@${q.version}`).join(" ")}.`,
    );
    return 0;
  });

/**
 * `consulta load`: the plan, or (--apply) the confirmed part of it. It works on the local data folder
 * itself, so no server may hold the folder meanwhile.
 */
const load = async (ids: string[], o: Options, dir: string, target: Target): Promise<number> => {
  if (ids.length && !o.apply)
    throw new UsageError("Name items only with --apply: consulta load --apply ID …");
  if (o.outputs || o.api) return seedDeployed(o, target);
  const running = runningServer(dir);
  if (running)
    throw new CliError(
      `Stop the Consulta server using ${dir} (pid ${running.pid}) first: consulta load reads and writes its database directly`,
    );
  const content = readContent(o.content ?? CONTENT_DIR);
  const from = o.content ?? "content/";
  const stack = await startLocalStack({ dir, port: 0 });
  try {
    const plan = await planContentLoad(stack.ports, content);
    if (!o.apply) {
      print(plan, o.json, () =>
        [
          planText(plan, from),
          "Nothing was written. Apply it all: consulta load --apply; or only some: consulta load --apply ID … (a member's code, a questionnaire's id@version).",
        ].join("\n"),
      );
      return 0;
    }
    let out: ContentLoadOutcome;
    try {
      out = await applyContentLoad(stack.ports, content, {
        confirm: ids.length ? ids : "all",
        overwrite: o.overwrite ?? false,
      });
    } catch (error) {
      if (error instanceof ConsultaError && error.expose) throw new CliError(error.message);
      throw error;
    }
    print(out, o.json, () => [planText(plan, from), outcomeText(out)].join("\n"));
    return out.refused.length ? 3 : 0;
  } finally {
    await stack.close();
  }
};

const startOnFreePortIfBusy = async (dir: string, port: number): Promise<LocalStack> => {
  try {
    return await startLocalStack({ dir, port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    console.log(`Port ${port} is busy; using a free one.`);
    return startLocalStack({ dir, port: 0 });
  }
};

export const main = async (argv: string[]): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const o = parsed.values as Options;
  const [command, sub, ...args] = parsed.positionals;
  if (o.help || !command) {
    console.log(HELP);
    return 0;
  }
  const port = Number.parseInt(configValue("PORT") ?? "3000", 10);
  const dir = configValue("LOCAL_DIR") ?? ".local";
  const target: Target = {
    ...(o.outputs ? { outputs: o.outputs } : {}),
    ...(o.api ? { api: o.api } : {}),
  };
  // Bulk work is a job: waited for with a progress bar, or (--no-wait) only started.
  const jobs: AdminClientOptions = o["no-wait"] ? { jobs: "answer" } : { onProgress: jobProgress() };
  switch (command) {
    case "demo": {
      const started = Date.now();
      const stack = await startOnFreePortIfBusy(dir, port);
      try {
        await runDemo(stack);
      } finally {
        await stack.close();
      }
      console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      return 0;
    }
    case "serve": {
      const stack = await startLocalStack({ dir, port });
      const seeded = await seedEmptyDatabase(stack.ports, readContent());
      console.log(
        seeded === "seeded"
          ? "First start: the empty database was seeded from content/."
          : 'The database is as it was left; content/ is not loaded again ("consulta load" shows what it would change).',
      );
      // Locally this timer stands in for the EventBridge schedule that runs send-reminders in AWS:
      // due reminders, then the emails a crash left behind. One run at a time: the local queue
      // resolves only once it has delivered.
      let running = false;
      const reminders = setInterval(() => {
        if (running) return;
        running = true;
        sendDueReminders(stack.ports)
          .then(() => resumeInterruptedEmails(stack.ports))
          .catch((error: unknown) => console.error("reminders:", error))
          .finally(() => (running = false));
      }, REMINDER_CHECK_MS);
      const [allowed] = stack.config.allowlist;
      console.log(`Consulta is running at ${stack.url}`);
      console.log(
        `Console: ${stack.url}/console (sign in as ${allowed ?? "an address in SECRETARIAT_ALLOWLIST"}; the link arrives in the outbox)`,
      );
      console.log(`Admin API token (Authorization: Bearer …) is in ${stack.paths.root}/admin-token`);
      console.log(`Outbox: ${stack.paths.outbox}   Reports: ${stack.paths.blobs}/reports`);
      await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
      clearInterval(reminders);
      await stack.close();
      return 0;
    }
    case "load":
      return load(
        [sub, ...args].filter((id): id is string => Boolean(id)),
        o,
        dir,
        target,
      );
    case "members":
      return withAdminApi(target, (api) => members(api, sub, args, o), jobs);
    case "campaign":
      return withAdminApi(target, (api) => campaign(api, sub, args, o), jobs);
    case "report":
      return withAdminApi(target, (api) => report(api, sub, args, o), jobs);
    case "translations":
      return withAdminApi(target, (api) => translations(api, sub, args, o), jobs);
    case "job":
      if (sub !== "status") throw new UsageError(`Unknown command: job ${sub ?? ""}`);
      return withAdminApi(target, async (api) => {
        const [id] = need(args, 1, "the job ID") as [string];
        const { job } = await api<{ job: JobView }>("GET", `/api/jobs/${encodeURIComponent(id)}`);
        print(job, o.json, () =>
          [
            `Job ${job.id} (${job.kind}): ${job.status}, ${job.progress.done} of ${job.progress.total} done.`,
            ...(job.error ? [`Error: ${job.error.message}`] : []),
            ...(job.result ? [JSON.stringify(job.result)] : []),
          ].join("\n"),
        );
        return job.status === "failed" ? 1 : 0;
      });
    case "member":
      if (sub !== "contributors") throw new UsageError(`Unknown command: member ${sub ?? ""}`);
      return withAdminApi(target, async (api) => {
        const [campaignId, memberCode] = need(args, 2, "CAMPAIGN MEMBER") as [string, string];
        const { contributors } = await api<{ contributors: Invitation[] }>(
          "GET",
          `/api/campaigns/${campaignId}/members/${memberCode}/contributors`,
        );
        print(
          contributors,
          o.json,
          () =>
            contributors
              .map(
                (c) =>
                  `${c.name ?? ""} <${c.email}>  ${c.state}  sections: ${c.sections?.join(", ") || "all"}  invited by ${c.invitedBy ?? "?"}`,
              )
              .join("\n") || "No contributors.",
        );
        return 0;
      });
    case "receipt":
      if (sub !== "verify") throw new UsageError(`Unknown command: receipt ${sub ?? ""}`);
      return withAdminApi(target, async (api) => {
        const [code] = need(args, 1, "the receipt CODE") as [string];
        const out = await api<{
          intact: boolean;
          submission: {
            memberCode: string;
            version: number;
            /** Its number among the member's submissions: drafts are not counted. */
            number: number;
            submittedAt: string;
            submittedBy: { name: string };
          };
          /** The report issues that compiled this code, newest first. */
          reports: { generatedAt: string; language: string }[];
        }>("GET", `/api/receipts/${encodeURIComponent(code)}`);
        const s = out.submission;
        const compiled = out.reports.length
          ? `Compiled in ${out.reports.length} report issue(s): ${out.reports.map((r) => `${r.generatedAt} (${r.language})`).join(", ")}.`
          : "Not compiled in any report issue yet.";
        print(out, o.json, () =>
          [
            out.intact
              ? `Valid: ${s.memberCode}, version ${s.number}, submitted by ${s.submittedBy.name} on ${s.submittedAt}; the text is unchanged.`
              : `ALTERED: ${s.memberCode}, version ${s.number}: the stored text no longer matches this code.`,
            compiled,
          ].join("\n"),
        );
        return out.intact ? 0 : 4;
      });
    default:
      throw new UsageError(`Unknown command: ${command}`);
  }
};

const isEntryPoint =
  import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("/consulta");
if (isEntryPoint) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`${error.message}\nRun "consulta --help" for the commands.`);
        process.exit(2);
      }
      const known =
        error instanceof AdminApiError ||
        error instanceof CliError ||
        error instanceof ContentError ||
        error instanceof FolderInUse;
      console.error(known ? `Error: ${error.message}` : error);
      process.exit(1);
    },
  );
}
