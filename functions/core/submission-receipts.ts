// A submission is kept as its own version with a receipt code, and its receipts are as durable as the
// submission: completed by the next save or retry of anyone, and swept up by the scheduled job.
import type { Campaign } from "./campaign.ts";
import { newEmail, type EmailJob, type EmailRecord } from "./invitations.ts";
import type { EmailStore, InvitationStore, Ports, ResponseStore } from "./ports.ts";
import { receiptCode } from "./receipts.ts";
import type { Response, ResponseVersion } from "./responses.ts";

/** The contact id under which the Secretariat's own copy of each receipt is sent. */
export const SECRETARIAT_MAILBOX = "secretariat";

type ReceiptPorts = { repository: ResponseStore & QueueingStores } & Pick<Ports, "clock" | "queue" | "log">;
type QueueingStores = InvitationStore & EmailStore;

const inForce = (response: Response) =>
  response.status === "submitted" && response.submittedVersion === response.version && !!response.submittedAt;

/**
 * Keeps the submission a response item records as its own version item, with its receipt, if it is
 * not kept yet, and makes sure its receipts are on their way. Everything is derived from the response
 * item, so doing it twice writes the same thing: a submission interrupted anywhere between its writes
 * (the process killed, a fault) is completed by the next save, retry or sweep. Returns the kept version
 * when the response is a submission in force, else undefined.
 */
export const keepSubmission = async (
  ports: ReceiptPorts,
  campaign: Pick<Campaign, "id" | "questionnaireVersion">,
  response: Response,
): Promise<ResponseVersion | undefined> => {
  if (!inForce(response) || !response.submittedAt) return undefined;
  const { repository } = ports;
  const pointer = {
    campaignId: response.campaignId,
    memberCode: response.memberCode,
    version: response.version,
  };
  const existing = await repository.getResponseVersion(
    pointer.campaignId,
    pointer.memberCode,
    pointer.version,
  );
  if (existing) {
    // Kept already; its receipts may not be: one read says whether they were recorded and sent.
    const copy = await repository.getEmail(receiptJob(pointer, SECRETARIAT_MAILBOX));
    if (!copy || copy.status === "pending") await queueReceipts(ports, pointer);
    return existing;
  }
  const content = {
    ...pointer,
    answers: response.answers,
    submittedAt: response.submittedAt,
    submittedBy: response.updatedBy,
    questionnaireVersion: campaign.questionnaireVersion,
  };
  const submitted: ResponseVersion = {
    ...content,
    receiptCode: receiptCode(content),
    ...(response.language ? { language: response.language } : {}),
    ...(response.carriedOver ? { carriedOver: response.carriedOver } : {}),
  };
  // A concurrent request may be keeping the same submission: its identical write is not a failure.
  await repository.putResponseVersion(submitted).catch(async (error: unknown) => {
    const other = await repository.getResponseVersion(
      pointer.campaignId,
      pointer.memberCode,
      pointer.version,
    );
    if (other?.receiptCode !== submitted.receiptCode) throw error;
  });
  await repository.putReceipt(submitted.receiptCode, pointer).catch(async (error: unknown) => {
    const other = await repository.getReceipt(submitted.receiptCode);
    if (JSON.stringify(other) !== JSON.stringify(pointer)) throw error;
  });
  await queueReceipts(ports, pointer);
  return submitted;
};

type Pointer = { campaignId: string; memberCode: string; version: number };

const receiptJob = (p: Pointer, contactId: string): EmailJob => ({
  campaignId: p.campaignId,
  memberCode: p.memberCode,
  contactId,
  kind: "receipt",
  n: String(p.version),
});

/**
 * The receipt (the answers and their receipt code) to every signatory of the member and to the
 * Secretariat's mailbox. Each email's record is created once; every record not yet taken by a worker
 * is queued (again), which is harmless: the worker sends a record once. The submission is already
 * stored, so a failure here is logged, never shown as a failed submission: the next save or the
 * scheduled job queues what is still pending.
 */
const queueReceipts = async (
  ports: { repository: QueueingStores } & Pick<Ports, "clock" | "queue" | "log">,
  p: Pointer,
) => {
  try {
    const signatories = (await ports.repository.listMemberInvitations(p.campaignId, p.memberCode)).filter(
      (i) => (i.role ?? "signatory") === "signatory" && i.state !== "revoked",
    );
    const jobs = [...signatories.map((i) => i.contactId), SECRETARIAT_MAILBOX].map((c) => receiptJob(p, c));
    const now = ports.clock.now();
    const waiting = await Promise.all(
      jobs.map(async (job) => {
        if (await ports.repository.createEmail(newEmail(job, now))) return true;
        return (await ports.repository.getEmail(job))?.status === "pending";
      }),
    );
    await ports.queue.enqueue(jobs.filter((_, i) => waiting[i]));
  } catch (error) {
    ports.log.error("receipt emails not queued", {
      campaign: p.campaignId,
      member: p.memberCode,
      error: String(error),
    });
  }
};

/**
 * The scheduled job's part: every submission in force whose version or receipts were never recorded
 * (the request died between its writes, and nobody saved since) is completed now. `emails` is the
 * campaign's email records, already read by the sweep.
 */
export const completeSubmissions = async (
  ports: ReceiptPorts,
  campaign: Pick<Campaign, "id" | "questionnaireVersion">,
  emails: EmailRecord[],
): Promise<number> => {
  const receipted = new Set(
    emails
      .filter((e) => e.kind === "receipt" && e.contactId === SECRETARIAT_MAILBOX)
      .map((e) => `${e.memberCode}#${e.n}`),
  );
  const incomplete = (await ports.repository.listResponses(campaign.id)).filter(
    (r) => inForce(r) && !receipted.has(`${r.memberCode}#${r.version}`),
  );
  for (const response of incomplete) await keepSubmission(ports, campaign, response);
  return incomplete.length;
};
