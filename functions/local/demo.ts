// `npm run demo`: the whole cycle on the embedded stack, driven over HTTP as the Secretariat's CLI
// and 23 respondents' browsers would: load, create, send, answer, compile.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import qs from "qs";
import { parse } from "yaml";
import type { Campaign } from "../core/campaign.ts";
import type { Member } from "../core/directory.ts";
import type { ReportRecord } from "../core/ports.ts";
import { seedEmptyDatabase } from "../core/content-load.ts";
import {
  defaultDirectoryPath,
  defaultQuestionnairePath,
  readContent,
  readDirectoryFile,
  readQuestionnaireFile,
} from "./content.ts";
import { generateFormAnswers, seededRng } from "./demo-answers.ts";
import { validateAnswers } from "../core/questionnaire/answers.ts";
import { answersFromForm } from "../core/questionnaire/form-input.ts";
import type { Questionnaire } from "../core/questionnaire/definition.ts";
import { takeReply, wordQuestionnaire } from "../core/word-replies.ts";
import { readOutbox, respondentLink } from "./outbox.ts";
import type { LocalStack } from "./stack.ts";

export type AdminClient = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** A refusal from the admin API, carrying its status and the service's own words. */
export class AdminApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** A job as GET /api/jobs/{id} shows it (functions/core/jobs.ts). */
export type JobView = {
  id: string;
  kind: string;
  status: "queued" | "running" | "done" | "failed";
  progress: { done: number; total: number };
  result?: unknown;
  error?: { status: number; code: string; message: string };
};

export type AdminClientOptions = {
  /**
   * What a 202 (bulk work recorded as a job) gives back: the job's result once it is done (the
   * default, so callers read a send's summary as they always did), or the job as first answered.
   */
  jobs?: "wait" | "answer";
  /** Each state the job is seen in while waiting: the CLI's progress bar. */
  onProgress?: (job: JobView) => void;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const adminClient = (
  stack: Pick<LocalStack, "url" | "adminToken">,
  options: AdminClientOptions = {},
): AdminClient => {
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${stack.url}${path}`, {
      method,
      redirect: "manual",
      headers: {
        authorization: `Bearer ${stack.adminToken}`,
        "content-type": "application/json",
        accept: "application/json",
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status === 302) return { url: res.headers.get("location") } as T;
    const type = res.headers.get("content-type") ?? "";
    if (!type.includes("json")) {
      if (!res.ok)
        throw new AdminApiError(res.status, "http_error", `${method} ${path} answered ${res.status}`);
      return { bytes: new Uint8Array(await res.arrayBuffer()) } as T;
    }
    const json = (await res.json()) as T & {
      error?: { code: string; message: string; fields?: { path: string; params?: { message?: string } }[] };
    };
    if (!res.ok) {
      const e = json.error;
      const fields = (e?.fields ?? []).map((f) => `${f.path}: ${f.params?.message ?? "invalid"}`).join("; ");
      throw new AdminApiError(
        res.status,
        e?.code ?? "http_error",
        `${e?.message ?? `${method} ${path} answered ${res.status}`}${fields ? ` (${fields})` : ""}`,
      );
    }
    if (res.status === 202 && options.jobs !== "answer") {
      const { job } = json as unknown as { job?: JobView };
      if (job?.id) return waitForJob<T>(job);
    }
    return json;
  };

  /** Polls the job until it is done (its result) or failed (its refusal, as the request would have thrown). */
  const waitForJob = async <T>(first: JobView): Promise<T> => {
    let job = first;
    for (let wait = 25; ; wait = Math.min(wait * 2, 500)) {
      options.onProgress?.(job);
      if (job.status === "done") return job.result as T;
      if (job.status === "failed")
        throw new AdminApiError(
          job.error?.status ?? 500,
          job.error?.code ?? "job_failed",
          job.error?.message ?? "The job failed",
        );
      await sleep(wait);
      job = (await request<{ job: JobView }>("GET", `/api/jobs/${encodeURIComponent(job.id)}`)).job;
    }
  };

  return request;
};

/**
 * Puts content/'s directory and questionnaire through the admin API, over whatever is there: a
 * test's set-up on a fresh stack. Starting, the demo and `consulta load` never do this (content-load.ts).
 */
export const loadContent = async (api: AdminClient) => {
  readDirectoryFile(defaultDirectoryPath); // fails early, with paths, on a bad file
  readQuestionnaireFile(defaultQuestionnairePath);
  await api("PUT", "/api/members", parse(readFileSync(defaultDirectoryPath, "utf8")));
  return api<{ id: string; version: number }>(
    "POST",
    "/api/questionnaires",
    parse(readFileSync(defaultQuestionnairePath, "utf8")),
  );
};

/** Answers as one respondent would: opens the link, saves a partial draft, then submits everything. */
export const answerAsBrowser = async (
  link: string,
  form: Record<string, unknown>,
  draft: Record<string, unknown>,
) => {
  const page = await fetch(link, { headers: { accept: "text/html" } });
  if (page.status !== 200) throw new Error(`GET form answered ${page.status}`);
  const html = await page.text();
  const baseVersion = /name="baseVersion" value="(\d+)"/.exec(html)?.[1] ?? "0";
  const post = async (fields: Record<string, unknown>, version: string) => {
    const res = await fetch(link, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: qs.stringify(fields),
    });
    if (res.status !== 303)
      throw new Error(
        `POST ${String(fields.action)} answered ${res.status}: ${(await res.text()).slice(0, 2000)}`,
      );
    return version;
  };
  await post({ ...draft, action: "draft", baseVersion }, baseVersion);
  const next = String(Number(baseVersion) + 1);
  await post({ ...form, action: "submit", baseVersion: next }, next);
};

/**
 * A ministry's Word reply: its questionnaire document filled in (as its units would in Word), uploaded
 * by the Secretariat into its draft; then its focal point opens the link and submits what it shows.
 */
const answerByWord = async (
  stack: LocalStack,
  campaign: Campaign,
  questionnaire: Questionnaire,
  member: Member,
  link: string,
  form: Record<string, unknown>,
) => {
  const answers = validateAnswers(questionnaire, answersFromForm(questionnaire, form), "draft", member.group);
  if (!answers.ok) throw new Error(`Demo answers of ${member.code} do not validate`);
  const word = await wordQuestionnaire(stack.ports, {
    campaign,
    questionnaire,
    lang: member.language,
    member,
    answers: answers.value,
  });
  const reply = await takeReply(stack.ports, {
    campaign,
    questionnaire,
    member,
    file: { name: word.filename, bytes: word.content },
    by: { role: "secretariat", name: campaign.secretariat.email, id: campaign.secretariat.email },
  });
  if (reply.kind !== "word" || reply.errors.length)
    throw new Error(`The Word reply of ${member.code} was not read: ${JSON.stringify(reply)}`);
  const page = await (await fetch(link, { headers: { accept: "text/html" } })).text();
  const baseVersion = /name="baseVersion" value="(\d+)"/.exec(page)?.[1] ?? "0";
  const res = await fetch(link, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body: qs.stringify({ ...form, action: "submit", baseVersion }),
  });
  if (res.status !== 303)
    throw new Error(`Submitting the Word reply of ${member.code} answered ${res.status}`);
};

export type DemoResult = {
  campaign: Campaign;
  report: ReportRecord;
  xlsxPath: string;
  htmlPath: string;
  invitations: number;
  respondents: string[];
};

export const runDemo = async (
  stack: LocalStack,
  log: (line: string) => void = console.log,
): Promise<DemoResult> => {
  const api = adminClient(stack);
  // The database is the source of truth: content/ fills it only if it is empty, and the demo adds
  // nothing but its own campaign (and the shipped questionnaire version, if that version is missing).
  const seeded = await seedEmptyDatabase(stack.ports, readContent());
  const shipped = readQuestionnaireFile(defaultQuestionnairePath);
  if (!(await stack.ports.repository.getQuestionnaire(shipped.id, shipped.version)))
    await stack.ports.repository.putQuestionnaire(shipped);
  // A campaign takes the questionnaire's latest version: the answers are made for that one.
  const definition = (await stack.ports.repository.getQuestionnaire(shipped.id)) ?? shipped;
  const questionnaire = { id: definition.id, version: definition.version };
  log(
    seeded === "seeded"
      ? `Seeded the empty database from content/: the member directory and questionnaire ${questionnaire.id} v${questionnaire.version}.`
      : `Using the directory already in the database and questionnaire ${questionnaire.id} v${questionnaire.version}.`,
  );

  const closesAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: questionnaire.id,
    closesAt,
    meeting: "Planning Meeting of the IACML (demo)",
  });
  log(`Created campaign ${campaign.id}: ${campaign.invited.length} members invited, closes ${closesAt}.`);

  const sent = await api<{ created: number; queued: number; contacts: number }>(
    "POST",
    `/api/campaigns/${campaign.id}/send`,
  );
  const messages = readOutbox(stack.paths.outbox).filter(
    (m) => m.headers["x-consulta-campaign"] === campaign.id,
  );
  log(
    `Sent ${sent.created} invitations to ${sent.contacts} contacts; ${messages.length} emails in ${stack.paths.outbox}.`,
  );

  // As in the 2018-2020 cycle: 21 Ministries, COSATE and CEATAL answer.
  const { members } = await api<{ members: Member[] }>("GET", "/api/members");
  const invited = members.filter((m) => campaign.invited.includes(m.code) && m.contacts.length);
  const rng = seededRng(2018);
  const governments = invited
    .filter((m) => m.group === "government")
    .sort(() => rng() - 0.5)
    .slice(0, 21);
  const respondents: Member[] = [...governments, ...invited.filter((m) => m.group !== "government")];

  // One ministry answers in Word, by email: the Secretariat uploads its document in the console, and
  // its focal point reviews the draft on the form and submits it.
  const byWord = governments.at(-1);
  for (const member of respondents) {
    const message = messages.find((m) => m.headers["x-consulta-member"] === member.code);
    const link = message && respondentLink(message);
    if (!link) throw new Error(`No invitation found in the outbox for ${member.code}`);
    const contact = member.contacts[0] as Member["contacts"][number];
    const who = { name: contact.name, email: contact.email };
    const full = generateFormAnswers(definition, rng, member.language, who, 0.8);
    const draft = generateFormAnswers(definition, rng, member.language, who, 0.3);
    if (member === byWord) await answerByWord(stack, campaign, definition, member, link, full);
    else await answerAsBrowser(link, full, draft);
  }
  log(
    `${respondents.length} members answered through the form: ${respondents.map((m) => m.code).join(" ")}` +
      (byWord
        ? ` (${byWord.code} by a Word reply the Secretariat uploaded, then reviewed and submitted on the form).`
        : "."),
  );
  // Each submission queued a job translating its free texts (Apertium here): the report reads
  // what they cached, so the compile waits for them.
  const translating = Date.now();
  await stack.jobsSettled?.();
  const engine = stack.ports.translator ? stack.config.translator : "none";
  log(
    `Translated the submissions' free texts (${engine}): the jobs finished ${((Date.now() - translating) / 1000).toFixed(1)} s after the last answer.`,
  );

  // All four languages, one job; the Spanish edition is the one shown here.
  await api<ReportRecord>("POST", `/api/campaigns/${campaign.id}/reports`);
  const editions = await stack.ports.repository.listReports(campaign.id);
  const report = editions.find((r) => r.language === "es");
  if (!report) throw new Error("The compile made no Spanish report");
  const xlsxPath = join(stack.paths.blobs, report.files.xlsx);
  const htmlPath = join(stack.paths.blobs, report.files.html);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxPath);
  const rows = (workbook.getWorksheet("Todas las respuestas")?.actualRowCount ?? 1) - 1;
  log(
    `Compiled the Inputs report: ${report.respondents} of ${report.invited} members answered (${rows} rows in "Todas las respuestas").`,
  );
  log(`  Excel: ${xlsxPath}`);
  log(`  HTML:  ${htmlPath}`);
  log(`  CSV:   ${join(stack.paths.blobs, report.files.csv)}`);
  if (report.files.pdf) log(`  PDF:   ${join(stack.paths.blobs, report.files.pdf)}`);
  log(
    `  Also in ${editions
      .filter((r) => r.language !== "es")
      .map((r) => r.language)
      .join(", ")}: ${editions.length} editions under ${join(stack.paths.blobs, "reports", campaign.id)}.`,
  );
  return {
    campaign,
    report,
    xlsxPath,
    htmlPath,
    invitations: messages.length,
    respondents: respondents.map((m) => m.code),
  };
};
