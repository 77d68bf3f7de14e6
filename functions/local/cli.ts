#!/usr/bin/env node
// The consulta command: the Secretariat's whole cycle from a terminal, through the admin API of the
// embedded local stack (default) or of a deployed stack (--outputs FILE, or --api URL).
import { parseArgs } from "node:util";
import { configValue } from "../config.ts";
import { seedEmptyDatabase } from "../core/content-load.ts";
import type { Invitation } from "../core/invitations.ts";
import { sendDueReminders } from "../core/reminders.ts";
import { resumeInterruptedEmails } from "../core/send-invitations.ts";
import { CliError, withAdminApi, type Target } from "./admin-connection.ts";
import { campaign } from "./cli/campaign.ts";
import { load } from "./cli/load.ts";
import { members } from "./cli/members.ts";
import { HELP, jobProgress, need, OPTIONS, print, UsageError, type Options } from "./cli/options.ts";
import { questionnaires } from "./cli/questionnaires.ts";
import { report } from "./cli/report.ts";
import { translations } from "./cli/translations.ts";
import { ContentError, readContent } from "./content.ts";
import { FolderInUse } from "./data-folder.ts";
import { AdminApiError, runDemo, type AdminClientOptions, type JobView } from "./demo.ts";
import { startLocalStack, type LocalStack } from "./stack.ts";

const REMINDER_CHECK_MS = 60_000;

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
    case "questionnaire":
      return withAdminApi(target, (api) => questionnaires(api, sub, args, o), jobs);
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
