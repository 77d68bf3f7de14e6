// consulta report: compile a campaign's report (or say what it would count), and download its files.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CampaignStatus } from "../../core/campaign-status.ts";
import { languageList } from "../../core/languages.ts";
import type { ReportRecord } from "../../core/ports.ts";
import { CliError } from "../admin-connection.ts";
import type { AdminClient } from "../demo.ts";
import { dryRun } from "./campaign.ts";
import { jobStarted, need, print, progress, startedJob, UsageError, type Options } from "./options.ts";
import { counted } from "./counts.ts";

export const report = async (
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
        `Compiled: ${out.respondents} of ${counted(out.invited, "member")} answered.\n${Object.values(out.files).join("\n")}`,
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
