// Bulk jobs, one item each, moved on by revision.
import type { Job } from "../../core/jobs.ts";
import type { JobStore } from "../../core/ports.ts";
import { key, type Table } from "./table.ts";

export const jobStore = (table: Table): JobStore => ({
  async createJob(job: Job) {
    // The job sits under `job`: its own `kind` (send, compile…) is not the table's.
    if (!(await table.putIfAbsent({ ...key.job(job.id), kind: "job", rev: job.rev, job })))
      throw new Error(`Job ${job.id} already exists`);
  },
  getJob: async (id: string) => (await table.get<{ job: Job }>(key.job(id)))?.job,
  updateJob: (next: Job, expectedRev: number) =>
    table.conditionalPut({ ...key.job(next.id), kind: "job", rev: next.rev, job: next }, "rev = :rev", {
      ":rev": expectedRev,
    }),
});
