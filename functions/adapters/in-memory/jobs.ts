// Bulk jobs in memory.
import type { Job } from "../../core/jobs.ts";
import type { JobStore } from "../../core/ports.ts";
import { copy } from "./kept.ts";

export const inMemoryJobStore = (): JobStore => {
  const jobs = new Map<string, Job>();
  return {
    createJob: async (job) => {
      if (jobs.has(job.id)) throw new Error(`Job ${job.id} already exists`);
      jobs.set(job.id, copy(job));
    },
    getJob: async (id) => copy(jobs.get(id)),
    updateJob: async (next, expectedRev) => {
      if (jobs.get(next.id)?.rev !== expectedRev) return false;
      jobs.set(next.id, copy(next));
      return true;
    },
  };
};
