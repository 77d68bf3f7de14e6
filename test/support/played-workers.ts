// Ports for tests that play the email workers themselves: the queue only collects jobs, the mailer only
// collects emails, and a worker can be "killed" right after taking a job.
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { createHandlebarsViews } from "../../functions/adapters/handlebars-views.ts";
import { pdfDocuments } from "../../functions/adapters/pdf-documents.ts";
import { wordDocuments } from "../../functions/adapters/docx-documents.ts";
import { writeXlsx } from "../../functions/adapters/xlsx/stream-writer.ts";
import {
  newEmail,
  SENDING_LEASE_MS,
  type EmailJob,
  type EmailRecord,
} from "../../functions/core/invitations.ts";
import type { Mailer, OutgoingEmail, Ports, Repository } from "../../functions/core/ports.ts";

const views = createHandlebarsViews(fileURLToPath(new URL("../../templates/", import.meta.url)));

type Clock = Ports["clock"];

/** Ports over `repository` whose queue and mailer keep what they are given in `queued` and `sent`. */
export const playedWorkerPorts = (
  repository: Repository,
  clock: Clock,
  options: { mailer?: (sent: OutgoingEmail[]) => Mailer } = {},
) => {
  const sent: OutgoingEmail[] = [];
  const queued: EmailJob[] = [];
  const ports: Ports = {
    repository,
    views,
    workbooks: writeXlsx,
    documents: { ...pdfDocuments, ...wordDocuments },
    mailer: options.mailer?.(sent) ?? {
      send: async (email) => (sent.push(email), { messageId: `m${sent.length}` }),
    },
    queue: { enqueue: async (jobs: EmailJob[]) => void queued.push(...jobs) },
    jobs: { enqueue: async () => {} },
    blobs: { put: async () => {}, get: async () => undefined, downloadUrl: async () => undefined },
    clock,
    random: {
      token: () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url"),
      id: () => "id",
    },
    log: { error: () => {}, warn: () => {} },
    publicBaseUrl: "https://consulta.example.org",
  };
  return { ports, sent, queued };
};

/** What deliverEmail writes when it takes a job, and nothing after: the worker died right there. */
export const takeAndDie = async (ports: Ports, job: EmailJob): Promise<EmailRecord> => {
  // A new invitation's email has no record until a worker takes it: the worker creates it taken.
  const stored = await ports.repository.getEmail(job);
  const record = stored ?? newEmail(job, ports.clock.now());
  const taken: EmailRecord = {
    ...record,
    status: "sending",
    attempts: record.attempts + 1,
    leaseUntil: new Date(ports.clock.now().getTime() + SENDING_LEASE_MS).toISOString(),
  };
  expect(
    await (stored ? ports.repository.updateEmail(stored, taken) : ports.repository.createEmail(taken)),
  ).toBe(true);
  return taken;
};
