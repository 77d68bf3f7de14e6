// Bulk work as a job: recorded at once, done in chunks from a cursor, resumed where a dead worker stopped.
import { describe, expect, it } from "vitest";
import type { EmailJob } from "../../../functions/core/invitations.ts";
import {
  CHUNK_SIZES,
  JOB_LEASE_MS,
  runJob,
  runJobChunk,
  startJob,
  watchJob,
  type Job,
} from "../../../functions/core/jobs.ts";
import type { Repository } from "../../../functions/core/ports.ts";
import { freshTable } from "../../support/dynamo.ts";
import { campaign, member } from "../../support/factories.ts";
import { movableClock } from "../../support/local-stack.ts";
import { writeXlsx } from "../../../functions/adapters/xlsx/stream-writer.ts";

const codes = Array.from({ length: 250 }, (_, i) => `M${String(i).padStart(3, "0")}`);
const sizes = { ...CHUNK_SIZES, send: 100 };

/** A campaign inviting 250 members, each with one contact, and the ports a job's work uses. */
const setUp = async () => {
  const { repository } = await freshTable();
  await repository.putMembers(codes.map((code) => member(code)));
  await repository.createCampaign(campaign({ invited: codes, closesAt: "2099-01-01T00:00:00.000Z" }));
  const clock = movableClock(new Date("2026-03-01T12:00:00.000Z"));
  const queued: EmailJob[] = [];
  const handedOn: string[] = [];
  let ids = 0;
  const ports = {
    repository,
    clock,
    queue: { enqueue: async (jobs: EmailJob[]) => void queued.push(...jobs) },
    jobs: { enqueue: async (id: string) => void handedOn.push(id) },
    random: { id: () => `job-${++ids}`, token: () => "t" },
    blobs: { put: async () => {}, get: async () => undefined, downloadUrl: async () => undefined },
    views: { render: () => "", translate: (_l: string, key: string) => key },
    workbooks: writeXlsx,
  };
  return { repository, clock, queued, handedOn, ports };
};

/**
 * Counts the invitations each worker really created (createInvitation answering true); with
 * `failAfter`, the worker dies at its n+1th attempt to create one (the n before it complete).
 */
const counting = (
  repository: Repository,
  created: string[],
  failAfter?: { n: number; how: "throw" | "hang" },
) => {
  let started = 0;
  return new Proxy(repository, {
    get: (target, prop: keyof Repository) => {
      if (prop !== "createInvitation") return target[prop];
      return async (inv: Parameters<Repository["createInvitation"]>[0]) => {
        if (failAfter && started++ >= failAfter.n) {
          if (failAfter.how === "throw") throw new Error("the worker died");
          return new Promise<boolean>(() => {}); // a worker frozen for good, its lease still held
        }
        const made = await target.createInvitation(inv);
        if (made) created.push(`${inv.memberCode}/${inv.contactId}`);
        return made;
      };
    },
  });
};

describe("a send job", () => {
  it("is recorded and handed to a worker at once, then done chunk by chunk with its progress saved", async () => {
    const { repository, ports, queued, handedOn } = await setUp();
    const job = await startJob(ports, { kind: "send", campaignId: "c1" }, "secretariat@example.org");
    expect(job).toMatchObject({ status: "queued", progress: { done: 0, total: 0 } });
    expect(handedOn).toEqual([job.id]);
    expect(await repository.listInvitations("c1")).toHaveLength(0);

    const seen: Job["progress"][] = [];
    for (let ran = true; ran;) {
      const out = await runJobChunk(ports, job.id, "worker-1", sizes);
      ran = out.ran && out.job?.status === "running";
      seen.push(out.job!.progress);
    }
    expect(seen).toEqual([
      { done: 100, total: 250 },
      { done: 200, total: 250 },
      { done: 250, total: 250 },
    ]);
    const done = await repository.getJob(job.id);
    expect(done).toMatchObject({
      status: "done",
      result: { created: 250, queued: 250, alreadySent: 0, contacts: 250, inFlight: 0 },
    });
    expect(done?.lease).toBeUndefined();
    expect(new Set(queued.map((j) => j.memberCode)).size).toBe(250);
  });

  it("resumes from its cursor after a worker died mid-chunk, creating every invitation once", async () => {
    const { repository, ports, clock, handedOn } = await setUp();
    const job = await startJob(ports, { kind: "send", campaignId: "c1" }, "secretariat@example.org");
    const created: string[] = [];
    // The first worker dies after 130 invitations: its first chunk (100) is saved, its second is not.
    const dying = { ...ports, repository: counting(repository, created, { n: 130, how: "throw" }) };
    await expect(runJob(dying, job.id, { owner: "worker-1", sizes })).rejects.toThrow("the worker died");
    const stopped = await repository.getJob(job.id);
    expect(stopped).toMatchObject({ status: "running", progress: { done: 100, total: 250 }, failures: 1 });
    expect(stopped?.lease).toBeUndefined();
    // Its message is on its way back: watching the job does not hand it over again, unless nobody
    // took it for five minutes.
    handedOn.length = 0;
    await watchJob(ports, job.id);
    expect(handedOn).toEqual([]);
    clock.advance(5 * 60e3 + 1000);
    await watchJob(ports, job.id);
    expect(handedOn).toEqual([job.id]);

    // The message comes back; the next worker starts after the 100 saved and redoes the 30 unsaved.
    const next = { ...ports, repository: counting(repository, created) };
    const { job: finished } = await runJob(next, job.id, { owner: "worker-2", sizes });
    expect(finished).toMatchObject({ status: "done", progress: { done: 250, total: 250 } });
    expect(created).toHaveLength(250);
    expect(new Set(created).size).toBe(250);
    expect(await repository.listInvitations("c1")).toHaveLength(250);
  });

  it("is left alone while a frozen worker's lease runs, then taken over and finished from the cursor", async () => {
    const { repository, ports, clock, handedOn } = await setUp();
    const job = await startJob(ports, { kind: "send", campaignId: "c1" }, "secretariat@example.org");
    const created: string[] = [];
    const frozen = { ...ports, repository: counting(repository, created, { n: 150, how: "hang" }) };
    void runJob(frozen, job.id, { owner: "worker-1", sizes });
    await expect.poll(() => created.length).toBe(150);

    // Another delivery of the job finds it held: it does nothing and leaves it to the holder.
    const next = { ...ports, repository: counting(repository, created) };
    expect(await runJob(next, job.id, { owner: "worker-2", sizes })).toMatchObject({ unfinished: false });
    expect(created).toHaveLength(150);
    handedOn.length = 0;
    expect(await watchJob(ports, job.id)).toMatchObject({ status: "running" });
    expect(handedOn).toEqual([]); // held and alive: nothing to revive

    // The lease runs out: watching the job hands it on, and the next worker finishes it.
    clock.advance(JOB_LEASE_MS + 1000);
    await watchJob(ports, job.id);
    expect(handedOn).toEqual([job.id]);
    const { job: finished } = await runJob(next, job.id, { owner: "worker-2", sizes });
    expect(finished).toMatchObject({ status: "done", progress: { done: 250, total: 250 } });
    expect(new Set(created).size).toBe(250);
    expect(created).toHaveLength(250);
  });

  it("refuses at once a campaign that is closed, and fails with the refusal if it closed meanwhile", async () => {
    const { repository, ports } = await setUp();
    const job = await startJob(ports, { kind: "send", campaignId: "c1" }, "secretariat@example.org");
    await repository.setCampaignStatus("c1", "closed");
    await expect(
      startJob(ports, { kind: "send", campaignId: "c1" }, "secretariat@example.org"),
    ).rejects.toMatchObject({ status: 410, code: "campaign_closed" });
    const { job: failed } = await runJob(ports, job.id, { owner: "worker-1", sizes });
    expect(failed).toMatchObject({
      status: "failed",
      error: { status: 410, code: "campaign_closed", message: "The campaign is closed" },
    });
  });

  it("stops retrying after three unexpected failures in a row, and says it failed", async () => {
    const { repository, ports } = await setUp();
    const job = await startJob(ports, { kind: "send", campaignId: "c1" }, "secretariat@example.org");
    const broken = { ...ports, repository: counting(repository, [], { n: 0, how: "throw" }) };
    for (const attempt of [1, 2])
      await expect(runJob(broken, job.id, { owner: `worker-${attempt}`, sizes })).rejects.toThrow();
    const { job: failed } = await runJob(broken, job.id, { owner: "worker-3", sizes });
    expect(failed).toMatchObject({ status: "failed", failures: 3, error: { status: 500, code: "internal" } });
  });
});

describe("a remind job", () => {
  it("sends the step named when it was asked for, however late its chunks run", async () => {
    const { repository, ports, clock, queued } = await setUp();
    await runJob(ports, (await startJob(ports, { kind: "send", campaignId: "c1" }, "s")).id, {
      owner: "w",
      sizes,
    });
    for (const inv of await repository.listInvitations("c1"))
      await repository.updateInvitation({ ...inv, state: "sent", rev: inv.rev + 1 }, inv.rev);
    queued.length = 0;
    const job = await startJob(ports, { kind: "remind", campaignId: "c1" }, "s");
    expect(job.step).toBe("now-2026-03-01T12");
    await runJobChunk(ports, job.id, "w", { ...sizes, remind: 100 });
    clock.advance(3 * 3600e3); // the rest runs hours later
    const { job: done } = await runJob(ports, job.id, { owner: "w", sizes: { ...sizes, remind: 100 } });
    expect(done).toMatchObject({ status: "done", result: { step: "now-2026-03-01T12", queued: 250 } });
    expect(new Set(queued.map((j) => `${j.memberCode}:${j.n}`)).size).toBe(250);
    expect(queued.every((j) => j.n === "now-2026-03-01T12")).toBe(true);
  });
});
