// What every JobStore does, whatever keeps it.
import { describe, expect, it } from "vitest";
import type { Job } from "../../functions/core/jobs.ts";
import type { JobStore } from "../../functions/core/ports.ts";

const job = (overrides: Partial<Job> = {}): Job => ({
  id: "j1",
  kind: "send",
  campaignId: "c1",
  status: "queued",
  progress: { done: 0, total: 10 },
  createdBy: "ana@example.org",
  createdAt: "2026-02-01T00:00:00.000Z",
  updatedAt: "2026-02-01T00:00:00.000Z",
  failures: 0,
  rev: 0,
  ...overrides,
});

export const jobContract = (open: () => Promise<JobStore>) =>
  describe("JobStore", () => {
    it("records a job once and moves it on only from the revision the worker read", async () => {
      const store = await open();
      await store.createJob(job());
      await expect(store.createJob(job())).rejects.toThrow(/already exists/);
      expect(await store.getJob("j1")).toEqual(job());
      const running = job({ status: "running", rev: 1, progress: { done: 5, total: 10 } });
      expect(await store.updateJob(running, 0)).toBe(true);
      expect(await store.updateJob(job({ status: "failed", rev: 1 }), 0)).toBe(false);
      expect(await store.getJob("j1")).toEqual(running);
      expect(await store.updateJob(job({ id: "none", rev: 1 }), 0)).toBe(false);
      expect(await store.getJob("none")).toBeUndefined();
    });
  });
