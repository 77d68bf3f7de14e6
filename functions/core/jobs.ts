// Bulk work as jobs: the request records one and answers at once; a worker does it in bounded chunks,
// each saved with its cursor under a lease, so a worker that dies leaves the next one where to resume.
import { campaignState } from "./campaign.ts";
import { compileInputsReport } from "./compile-inputs-report.ts";
import { applyDirectoryImport } from "./directory-admin.ts";
import { ConsultaError, Gone, NotFound } from "./errors.ts";
import { LANGUAGES, type Language } from "./languages.ts";
import type {
  AuditStore,
  CampaignStore,
  DirectoryImportStore,
  DirectoryStore,
  EmailStore,
  InvitationStore,
  JobStore,
  Ports,
  QuestionnaireStore,
  ReportRecord,
  ReportStore,
  ResponseStore,
} from "./ports.ts";
import type { ResponseVersion } from "./responses.ts";
import { remindNow, remindNowStep, type ReminderSummary } from "./reminders.ts";
import { sendInvitations, type SendSummary } from "./send-invitations.ts";
import type { SliceEnd } from "./slice.ts";
import {
  translateSubmission,
  type SubmissionRef,
  type TranslationSummary,
} from "./translation/translate-submission.ts";

export type JobKind = "send" | "remind" | "compile" | "import-apply" | "translate";
export type JobStatus = "queued" | "running" | "done" | "failed";

/** What the Secretariat asked for. */
export type JobRequest =
  | { kind: "send"; campaignId: string }
  /** A named step (a deadline's extension) is sent once; "remind now" is once an hour. */
  | { kind: "remind"; campaignId: string; step?: string }
  | {
      kind: "compile";
      campaignId: string;
      /** The report languages, each compiled as a file set of its own; all four when not chosen. */
      languages?: Language[];
      statementUrl?: string;
    }
  | { kind: "import-apply"; importId: string }
  /** A kept submission's free texts, translated once when it is submitted (never at compile). */
  | ({ kind: "translate" } & SubmissionRef);

export type ImportCounts = { ok: number; errors: number; duplicates: number; members: number };

/** What a finished job did: the same summary the synchronous call used to answer with. */
export type JobResult = SendSummary | ReminderSummary | ReportRecord | ImportCounts | TranslationSummary;

export type Job = {
  id: string;
  kind: JobKind;
  campaignId?: string;
  importId?: string;
  /** The submission a translate job translates. */
  memberCode?: string;
  version?: number;
  /** A compile of one language asked for before a compile made all four (jobs stored then). */
  lang?: Language;
  languages?: Language[];
  statementUrl?: string;
  /** The reminder step, fixed when asked for, so every chunk sends the same one. */
  step?: string;
  status: JobStatus;
  /** Items done of the total (contacts, invitations, members; 1 for a compile). */
  progress: { done: number; total: number };
  /** The key of the last item done: the next chunk starts after it. */
  cursor?: string;
  result?: JobResult;
  /** Why it failed, in the words the request would have answered with. */
  error?: { status: number; code: string; message: string };
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** The worker doing a chunk now, until when; a lease run out means that worker died. */
  lease?: { owner: string; until: string };
  /** Chunks in a row that failed for an unexpected reason; three end the job. */
  failures: number;
  /** Bumped by every write, so two workers never both save a chunk. */
  rev: number;
};

/**
 * Items per chunk. A chunk of a send re-reads the campaign's invitations and emails (as a send always
 * did), so fewer, larger chunks read less; 1,000 contacts took ~3 s locally (bench/RESULTS.md), well
 * inside the lease.
 */
export const CHUNK_SIZES: Record<Exclude<JobKind, "compile" | "translate">, number> = {
  send: 1000,
  remind: 1000,
  "import-apply": 500,
};

/** How long a worker holds a job for one chunk; one that has not saved by then is taken to be dead. */
export const JOB_LEASE_MS = 2 * 60 * 1000;

/**
 * A job between chunks (queued, or handed on) that nobody took this long after was most likely never
 * handed over: the queue refused it, or the process that held it in memory ended.
 */
const WAITING_STALLED_MS = 5 * 60 * 1000;

/** Unexpected failures in a row after which a job stops being retried and says it failed. */
export const MAX_JOB_FAILURES = 3;

export const isFinished = (job: Job) => job.status === "done" || job.status === "failed";

/** A job nobody is working on: its worker died (lease run out), or it never reached one. */
export const isStalled = (job: Job, now: Date) => {
  if (isFinished(job)) return false;
  if (job.lease) return Date.parse(job.lease.until) < now.getTime();
  return Date.parse(job.updatedAt) + WAITING_STALLED_MS < now.getTime();
};

/** Refuses at once what the job would refuse at its start, so the request answers as it always did. */
const checkCampaign = async (
  ports: { repository: CampaignStore } & Pick<Ports, "clock">,
  request: JobRequest,
) => {
  if (request.kind === "import-apply") return;
  const campaign = await ports.repository.getCampaign(request.campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${request.campaignId}`);
  const state = campaignState(campaign, ports.clock.now());
  if (request.kind === "send" && state === "closed")
    throw new Gone("campaign_closed", "The campaign is closed");
  if (request.kind === "remind" && state !== "open")
    throw new Gone("campaign_closed", "The campaign is not open");
};

/** Records the job and hands it to a worker; the caller answers 202 with it. */
export const startJob = async (
  ports: { repository: CampaignStore & JobStore } & Pick<Ports, "jobs" | "clock" | "random">,
  request: JobRequest,
  createdBy: string,
  /** A job that must exist once whoever asks for it (a submission's sweep-queued translation). */
  id?: string,
): Promise<Job> => {
  await checkCampaign(ports, request);
  const now = ports.clock.now().toISOString();
  const job: Job = {
    ...request,
    id: id ?? ports.random.id(),
    ...(request.kind === "remind" ? { step: request.step ?? remindNowStep(ports.clock.now()) } : {}),
    status: "queued",
    progress: { done: 0, total: 0 },
    createdBy,
    createdAt: now,
    updatedAt: now,
    failures: 0,
    rev: 0,
  };
  await ports.repository.createJob(job);
  await ports.jobs.enqueue(job.id);
  return job;
};

/**
 * After a submission is kept: a job translates its free texts, so the request never waits for an
 * engine and the compile only reads the cache. A job that cannot be recorded leaves the texts "not
 * translated", which is said in the log and never fails the submission the member just made.
 */
export const queueTranslation = async (
  ports: { repository: CampaignStore & JobStore } & Pick<Ports, "jobs" | "clock" | "random" | "log">,
  submitted: Pick<ResponseVersion, "campaignId" | "memberCode" | "version">,
): Promise<Job | undefined> => {
  const { campaignId, memberCode, version } = submitted;
  try {
    return await startJob(ports, { kind: "translate", campaignId, memberCode, version }, "submission");
  } catch (error) {
    ports.log.error("translation not queued", { campaignId, memberCode, version, error: String(error) });
    return undefined;
  }
};

/** The one translate job the compile's sweep may queue for a kept submission. */
export const sweptTranslationId = (campaignId: string, memberCode: string, version: number) =>
  `translate-${campaignId}-${memberCode}-${version}`;

/**
 * The compile's sweep: a compiled submission whose free texts the cache lacks most likely never had
 * its translate job (the request died between keeping it and queueing the job, or the queue refused
 * it), so it gets one now. The job's id comes from the submission: each language of each later
 * compile finds that job rather than adding another, and hands it to a worker again only if nobody
 * took it. Without an engine nothing is queued, as nothing would be translated. A failure here is
 * logged: the report is compiled all the same.
 */
export const queueMissingTranslations = async (
  ports: { repository: CampaignStore & JobStore } & Pick<Ports, "jobs" | "clock" | "random" | "log">,
  campaignId: string,
  untranslated: { memberCode: string; version: number; submittedAt: string }[],
): Promise<number> => {
  let queued = 0;
  const now = ports.clock.now().getTime();
  for (const { memberCode, version, submittedAt } of untranslated) {
    // Submitted a moment ago: its own job is most likely on its way, and would translate it twice.
    if (Date.parse(submittedAt) + WAITING_STALLED_MS > now) continue;
    const id = sweptTranslationId(campaignId, memberCode, version);
    try {
      const known = await ports.repository.getJob(id);
      if (known) {
        if (isStalled(known, ports.clock.now())) await ports.jobs.enqueue(id);
        continue;
      }
      await startJob(ports, { kind: "translate", campaignId, memberCode, version }, "compile", id);
      queued++;
    } catch (error) {
      ports.log.error("translation not queued", { campaignId, memberCode, version, error: String(error) });
    }
  }
  return queued;
};

/** What one chunk did: its summary, and where it ended. */
type Chunk = { result: JobResult; end: SliceEnd };

/** A summary with its slice's end taken apart. */
const split = <T extends Partial<SliceEnd>>({
  next,
  through,
  total,
  ...result
}: T): { result: Omit<T, keyof SliceEnd>; end: SliceEnd } => ({
  result,
  end: { ...(next ? { next } : {}), through: through ?? 0, total: total ?? 0 },
});

/** What a job's work needs: the send's queue, the compile's blobs and views. */
/** The stores a chunk of work reads and writes; running the job also audits it and records its progress. */
type ChunkStores = CampaignStore &
  DirectoryImportStore &
  DirectoryStore &
  EmailStore &
  InvitationStore &
  QuestionnaireStore &
  ReportStore &
  ResponseStore;
type ChunkPorts = { repository: ChunkStores } & Pick<
  Ports,
  "queue" | "blobs" | "views" | "workbooks" | "clock"
> &
  // Only the translate job and the compile use them; workers built before translation have neither.
  Partial<Pick<Ports, "translations" | "translator">>;
// The compile's sweep queues translate jobs: a worker built without a queue of jobs skips it.
type SweepingPorts = ChunkPorts & { repository: JobStore } & Partial<Pick<Ports, "jobs" | "random" | "log">>;
type WorkPorts = SweepingPorts & { repository: AuditStore };

const doChunk = async (ports: SweepingPorts, job: Job, sizes: typeof CHUNK_SIZES): Promise<Chunk> => {
  const after = job.cursor;
  const slice = (kind: keyof typeof CHUNK_SIZES) => ({
    limit: sizes[kind],
    ...(after !== undefined ? { after } : {}),
  });
  switch (job.kind) {
    case "send":
      return split(await sendInvitations(ports, job.campaignId ?? "", slice("send")));
    case "remind":
      return split(
        await remindNow(ports, job.campaignId ?? "", {
          ...(job.step ? { step: job.step } : {}),
          slice: slice("remind"),
        }),
      );
    case "compile": {
      // One language a chunk: the cursor is the number of languages already compiled.
      const languages = compileLanguages(job);
      const done = Number(after ?? 0);
      const {
        report: _report,
        untranslated,
        ...record
      } = await compileInputsReport(ports, job.campaignId ?? "", languages[done] ?? "es", job.statementUrl);
      const { jobs, random, log } = ports;
      if (ports.translator && jobs && random && log && untranslated.length)
        await queueMissingTranslations({ ...ports, jobs, random, log }, job.campaignId ?? "", untranslated);
      const through = done + 1;
      return {
        result: record,
        end: {
          ...(through < languages.length ? { next: String(through) } : {}),
          through,
          total: languages.length,
        },
      };
    }
    case "import-apply":
      return split(await applyDirectoryImport(ports, job.importId ?? "", slice("import-apply")));
    case "translate": {
      if (!ports.translations) throw new Error("This worker has no translation store: wire `translations`");
      const result = await translateSubmission(
        { repository: ports.repository, now: () => ports.clock.now() },
        { store: ports.translations, ...(ports.translator ? { translator: ports.translator } : {}) },
        { campaignId: job.campaignId ?? "", memberCode: job.memberCode ?? "", version: job.version ?? 0 },
      );
      return { result, end: { through: 1, total: 1 } };
    }
  }
};

/** The languages a compile job makes, in the order the LANGUAGES list gives, each once. */
export const compileLanguages = (job: Pick<Job, "lang" | "languages">): Language[] => {
  const asked = job.languages?.length ? job.languages : job.lang ? [job.lang] : LANGUAGES;
  return LANGUAGES.filter((l) => asked.includes(l));
};

/** A chunk's summary added to those of the chunks before it. */
const merge = (kind: JobKind, before: JobResult | undefined, chunk: JobResult): JobResult => {
  if (!before) return chunk;
  if (kind === "send") {
    const a = before as SendSummary;
    const b = chunk as SendSummary;
    const until = [a.inFlightUntil, b.inFlightUntil].filter(Boolean).sort().at(-1);
    const prefilled =
      a.prefilled === undefined && b.prefilled === undefined
        ? undefined
        : (a.prefilled ?? 0) + (b.prefilled ?? 0);
    return {
      created: a.created + b.created,
      queued: a.queued + b.queued,
      alreadySent: a.alreadySent + b.alreadySent,
      contacts: b.contacts,
      inFlight: a.inFlight + b.inFlight,
      ...(until ? { inFlightUntil: until } : {}),
      ...(prefilled === undefined ? {} : { prefilled }),
    };
  }
  if (kind === "remind") {
    const a = before as ReminderSummary;
    return { ...chunk, queued: a.queued + (chunk as ReminderSummary).queued };
  }
  return chunk;
};

/**
 * One bounded chunk of a job, under a lease: takes the job (unless another live worker holds it),
 * does the next slice of its work, and saves the summary and cursor in the same conditional write,
 * giving the lease back. Every chunk's work can be done twice without doing anything twice
 * (invitations and email records are once-only, directory writes idempotent), so a chunk cut short
 * by a dying worker is simply done again by the next. `ran` says whether this call did a chunk.
 */
export const runJobChunk = async (
  ports: WorkPorts,
  jobId: string,
  owner: string,
  sizes: typeof CHUNK_SIZES = CHUNK_SIZES,
): Promise<{ job: Job | undefined; ran: boolean }> => {
  const job = await ports.repository.getJob(jobId);
  if (!job || isFinished(job)) return { job, ran: false };
  const now = ports.clock.now();
  if (job.lease && Date.parse(job.lease.until) >= now.getTime()) return { job, ran: false };
  const taken: Job = {
    ...job,
    status: "running",
    lease: { owner, until: new Date(now.getTime() + JOB_LEASE_MS).toISOString() },
    updatedAt: now.toISOString(),
    rev: job.rev + 1,
  };
  if (!(await ports.repository.updateJob(taken, job.rev)))
    return { job: await ports.repository.getJob(jobId), ran: false };
  const { lease: _lease, ...released } = taken;

  let chunk: Chunk;
  try {
    chunk = await doChunk(ports, taken, sizes);
  } catch (error) {
    const refused = error instanceof ConsultaError && error.expose;
    const failures = taken.failures + 1;
    const at = ports.clock.now().toISOString();
    const failed = refused || failures >= MAX_JOB_FAILURES;
    const next: Job = {
      ...released,
      failures,
      updatedAt: at,
      rev: taken.rev + 1,
      ...(failed
        ? {
            status: "failed",
            finishedAt: at,
            error: refused
              ? { status: error.status, code: error.code, message: error.message }
              : { status: 500, code: "internal", message: "The job failed; the log says why" },
          }
        : {}),
    };
    await ports.repository.updateJob(next, taken.rev);
    // A refusal (a closed campaign, a changed directory) is the job's answer; anything else is retried.
    if (failed) return { job: next, ran: true };
    throw error;
  }

  const at = ports.clock.now().toISOString();
  const { cursor: _cursor, ...rest } = released;
  const done = !chunk.end.next;
  const next: Job = {
    ...rest,
    ...(done ? { status: "done", finishedAt: at } : { cursor: chunk.end.next }),
    progress: { done: chunk.end.through, total: chunk.end.total },
    result: merge(job.kind, job.result, chunk.result),
    failures: 0,
    updatedAt: at,
    rev: taken.rev + 1,
  };
  // Lost only if this worker was taken for dead and another took over: that one redoes the chunk.
  if (!(await ports.repository.updateJob(next, taken.rev)))
    return { job: await ports.repository.getJob(jobId), ran: false };
  if (done && job.kind === "import-apply") {
    const counts = next.result as ImportCounts;
    await ports.repository.putAudit({
      at,
      actor: job.createdBy,
      action: "imported the directory",
      counts: { contacts: counts.ok, members: counts.members },
    });
  }
  return { job: next, ran: true };
};

/**
 * Chunk after chunk while `more()` allows (a Lambda's remaining time), until the job is finished or
 * another worker holds it. `unfinished`: work is left and nobody holds it, so hand it on.
 */
export const runJob = async (
  ports: WorkPorts,
  jobId: string,
  options: { owner: string; more?: () => boolean; sizes?: typeof CHUNK_SIZES },
): Promise<{ job: Job | undefined; unfinished: boolean }> => {
  const more = options.more ?? (() => true);
  for (;;) {
    const { job, ran } = await runJobChunk(ports, jobId, options.owner, options.sizes);
    if (!job || isFinished(job) || !ran) return { job, unfinished: false };
    if (!more()) return { job, unfinished: true };
  }
};

/** What the Secretariat sees of a job: everything but the worker's bookkeeping. */
export const jobView = ({ lease: _lease, cursor: _cursor, failures: _failures, rev: _rev, ...job }: Job) =>
  job;

/**
 * A job as someone watching it sees it. Watching also revives a job nobody works on (its worker died,
 * or it never reached one): it is handed to a worker again, which resumes from its cursor.
 */
export const watchJob = async (
  ports: { repository: JobStore } & Pick<Ports, "jobs" | "clock">,
  id: string,
) => {
  const job = await ports.repository.getJob(id);
  if (!job) throw new NotFound("job_not_found", `No job ${id}`);
  if (isStalled(job, ports.clock.now())) await ports.jobs.enqueue(job.id);
  return job;
};
