// A job's page: while it runs, how far it has got, refreshed every two seconds without any script;
// once finished, what it did (or why it stopped), and the way back.
import { isFinished, jobView, watchJob } from "../../core/jobs.ts";
import type { ConsolePage } from "./page.ts";

export const jobPage: ConsolePage = {
  answer: async (r) => {
    const job = await watchJob(r.ports, r.params.jobId ?? "");
    const t = (key: string, params?: Record<string, unknown>) => r.ports.views.translate(r.lang, key, params);
    const number = new Intl.NumberFormat(r.lang);
    const counts = Object.fromEntries(
      Object.entries({ ...job.progress, ...job.result }).map(([k, v]) => [
        k,
        typeof v === "number" ? number.format(v) : v,
      ]),
    );
    const running = !isFinished(job);
    return r.render("job", {
      job: jobView(job),
      heading: t(`console.job.title.${job.kind}`),
      running,
      ...(running ? { refreshSeconds: 2 } : {}),
      done: job.progress.done,
      total: job.progress.total,
      progressText: t(`console.job.progress.${job.kind}`, counts),
      ...(job.status === "done" ? { doneText: t(`console.job.result.${job.kind}`, counts) } : {}),
      ...(job.status === "failed" ? { failedText: job.error?.message ?? "" } : {}),
      backHref: job.campaignId ? `/console/campaigns/${job.campaignId}` : "/console/members",
      backText: t(job.campaignId ? "console.job.back-campaign" : "console.job.back-directory"),
    });
  },
};
