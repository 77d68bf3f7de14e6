// The jobs' store: bulk work (sending, compiling, importing) and how far each has got.
import type { Job } from "../jobs.ts";

export interface JobStore {
  /** Records a new job; its id is new, so this never overwrites one. */
  createJob(job: Job): Promise<void>;
  getJob(id: string): Promise<Job | undefined>;
  /** Writes `next` only if the stored job is still at revision `expectedRev`; false otherwise. */
  updateJob(next: Job, expectedRev: number): Promise<boolean>;
}
