// The consulta command's help text, its options and the parsing and printing every command shares.
import { isTimeOfDay, typedTime } from "../../core/closing-time.ts";
import type { JobView } from "../demo.ts";

export const HELP = `consulta: run the IACML consultation cycle from a terminal.

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
  questionnaire list [--json]             every questionnaire's versions (and the campaigns using each) and drafts
  questionnaire copy ID VERSION [--json]  a draft of the next version holding everything VERSION holds
  questionnaire draft ID VERSION [FILE]   the draft and what stops it being published; FILE: written as YAML
  questionnaire put ID VERSION FILE       the edited YAML back into the draft (refused if someone saved the
                                          draft since FILE was written, or if it does not load)
  questionnaire publish ID VERSION [--dry-run] [--json]
                                          the draft made an immutable version (refused while a question has
                                          an error or a text lacks a language; each is listed)
  translations export ID VERSION [FILE]   the translators' workbook (.xlsx): one row per text, ids locked
  translations import ID VERSION FILE [--apply] [--json]
                                          what the returned workbook changes; --apply publishes it as the
                                          next version. A file whose ids differ is refused, naming them

Campaigns
  campaign create --questionnaire ID[@VERSION] --closes "YYYY-MM-DD[ HH:MM]" [--opens "YYYY-MM-DD HH:MM"]
      [--time-zone ZONE] [--title TEXT] [--reminders 10,3,1] [--reminders-to government,…]
      [--groups government,workers,employers] [--subregions andean,…] [--invite ARG,BRA,…]
      [--meeting TEXT] [--prefill-from CAMPAIGN] [--json]
                                                times are in --time-zone (the OAS headquarters' by default);
                                                a day alone closes at 23:59; invitees by group and subregion
                                                (everyone invited by default), or exactly --invite;
                                                --prefill-from starts each member's draft with its latest
                                                submitted answers to that campaign (questions unchanged),
                                                each to be confirmed or edited before the report counts it
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

export class UsageError extends Error {}

export const OPTIONS = {
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
  "prefill-from": { type: "string" },
} as const;

export type Options = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "boolean" ? boolean : string;
};

/** A progress bar on stderr for a terminal; silent when output goes to a file or a script. */
export const progress = (label: string, total: number) => {
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
export const jobProgress = (): ((job: JobView) => void) => {
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
export const startedJob = (out: unknown) => (out as { job?: JobView } | undefined)?.job;

export const jobStarted = (job: JobView, o: Options) => {
  print(
    { job },
    o.json,
    () => `Started job ${job.id} (${job.kind}). Follow it: consulta job status ${job.id}`,
  );
  return 0;
};

/** "2027-03-31 17:00" (or a day alone: 23:59) in the zone, as an instant with its offset. */
export const timeIn = (typed: string | undefined, flag: string, timeZone: string) => {
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

export const listOf = (typed: string | undefined) =>
  (typed ?? "")
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export const print = (value: unknown, json: boolean | undefined, text: () => string) =>
  console.log(json ? JSON.stringify(value, null, 2) : text());

export const need = (args: string[], n: number, what: string) => {
  if (args.length < n) throw new UsageError(`Missing ${what}`);
  return args;
};
