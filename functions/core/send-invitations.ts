// Sending a campaign: one invitation per invited contact, each queued until sent, however often "send" is pressed.
import { campaignState } from "./campaign.ts";
import { forEachConcurrently } from "./concurrently.ts";
import { contactLanguage } from "./directory.ts";
import { Gone, NotFound } from "./errors.ts";
import {
  emailJob,
  isReachable,
  newInvitation,
  SENDING_LEASE_MS,
  type EmailJob,
  type EmailRecord,
} from "./invitations.ts";
import type {
  CampaignStore,
  DirectoryStore,
  EmailStore,
  InvitationStore,
  Ports,
  QuestionnaireStore,
  ResponseStore,
} from "./ports.ts";
import { prefillDrafts, prefillSource } from "./prefill.ts";
import { sliceOf, type Slice, type SliceEnd } from "./slice.ts";
import { completeSubmissions } from "./submission-receipts.ts";

export type SendSummary = {
  created: number;
  queued: number;
  alreadySent: number;
  contacts: number;
  /** Taken by a worker and not sent yet: left to it until its lease runs out, then to the scheduled job. */
  inFlight: number;
  /** The latest of those leases. */
  inFlightUntil?: string;
  /** Members whose draft was prefilled from the campaign's `prefillFrom` before they were first invited. */
  prefilled?: number;
} & Partial<SliceEnd>;

/**
 * Invitations created at once. DynamoDB takes them in parallel, and the admin API has 29 s: 10,000 in a
 * row took 30 s locally (bench/RESULTS.md), longer against DynamoDB's network round trips.
 */
const CREATE_CONCURRENCY = 16;
/** Jobs per hand-over to the queue: SQS takes them ten to a request. */
const HAND_OVER_EVERY = 100;

const emailKey = (j: EmailJob) => `${j.memberCode}/${j.contactId}/${j.kind}/${j.n}`;

/** Pending, failed, or held by a worker whose lease ran out: worth queueing (again). */
export const needsSending = (record: EmailRecord, now: Date) =>
  record.status === "pending" ||
  record.status === "failed" ||
  (record.status === "sending" &&
    (!record.leaseUntil || Date.parse(record.leaseUntil) + SENDING_LEASE_MS < now.getTime()));

export const sendInvitations = async (
  ports: {
    repository: CampaignStore &
      DirectoryStore &
      EmailStore &
      InvitationStore &
      QuestionnaireStore &
      ResponseStore;
  } & Pick<Ports, "queue" | "clock">,
  campaignId: string,
  /** Only these contacts (in the order of their member code and contact id): one chunk of a send job. */
  slice?: Slice,
): Promise<SendSummary> => {
  const { repository, queue, clock } = ports;
  const campaign = await repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  const now = clock.now();
  if (campaignState(campaign, now) === "closed") throw new Gone("campaign_closed", "The campaign is closed");

  const invited = new Set(campaign.invited);
  const [members, invitations, emails] = await Promise.all([
    repository.listMembers(),
    repository.listInvitations(campaignId),
    repository.listEmails(campaignId),
  ]);
  const existing = new Map(invitations.map((inv) => [`${inv.memberCode}/${inv.contactId}`, inv]));
  const records = new Map(emails.map((e) => [emailKey(e), e]));

  let created = 0;
  let alreadySent = 0;
  let queued = 0;
  let inFlight = 0;
  let inFlightUntil: string | undefined;
  const everyContact = members
    .filter((m) => invited.has(m.code))
    .flatMap((member) => member.contacts.filter((c) => !c.revoked).map((contact) => ({ member, contact })));
  const { items: contacts, end } = sliceOf(everyContact, (c) => `${c.member.code}/${c.contact.id}`, slice);

  // A member's draft is prefilled before its first invitation is made: once one exists, the member
  // was prefilled (or the send failed before, and is retried whole), and its answer is its own.
  const invitedBefore = new Set(invitations.map((inv) => inv.memberCode));
  const toPrefill = contacts.map((c) => c.member.code).filter((code) => !invitedBefore.has(code));
  const source = toPrefill.length ? await prefillSource(ports, campaign) : undefined;
  const prefilled = source ? await prefillDrafts(ports, campaign, source, toPrefill) : 0;

  /** The job to queue for one contact, creating its invitation and email record if they do not exist. */
  const prepare = async ({ member, contact }: (typeof contacts)[number]): Promise<EmailJob | undefined> => {
    let invitation = existing.get(`${member.code}/${contact.id}`);
    if (!invitation) {
      invitation = newInvitation(
        {
          campaignId,
          memberCode: member.code,
          contactId: contact.id,
          email: contact.email,
          language: contactLanguage(member, contact),
        },
        now,
      );
      if (!(await repository.createInvitation(invitation))) return undefined; // a concurrent "send" made it
      created++;
    }
    if (!isReachable(invitation)) return undefined;
    const job: EmailJob = emailJob({ ...invitation, kind: "invitation", n: String(invitation.generation) });
    const record = records.get(emailKey(job));
    if (record?.status === "sent") {
      alreadySent++;
      return undefined;
    }
    // No record yet: the worker that takes the job creates it (deliver-email.ts), one write fewer.
    if (!record) return job;
    if (needsSending(record, now)) return job;
    if (record.status === "sending") {
      inFlight++;
      if (record.leaseUntil && (!inFlightUntil || record.leaseUntil > inFlightUntil))
        inFlightUntil = record.leaseUntil;
    }
    return undefined;
  };

  // Jobs go to the queue as they are made, so delivery starts while the rest are being created, and a
  // send cut short (the API's 29 s) has queued what it made: sending again finds the rest "pending".
  const handedOver: Promise<void>[] = [];
  let refused: { error: unknown } | undefined;
  let batch: EmailJob[] = [];
  const handOver = () => {
    if (!batch.length) return;
    // Caught at once, so a refusal waits for the others instead of ending the process.
    handedOver.push(queue.enqueue(batch).catch((error: unknown) => void (refused ??= { error })));
    queued += batch.length;
    batch = [];
  };
  let failed: { error: unknown } | undefined;
  await forEachConcurrently(contacts, CREATE_CONCURRENCY, async (item) => {
    const job = await prepare(item);
    if (!job) return;
    batch.push(job);
    if (batch.length >= HAND_OVER_EVERY) handOver();
  }).then(handOver, (error: unknown) => void (failed = { error }));
  await Promise.all(handedOver);
  if (failed ?? refused) throw (failed ?? refused)!.error;
  return {
    created,
    queued,
    alreadySent,
    contacts: everyContact.length,
    inFlight,
    ...(inFlightUntil ? { inFlightUntil } : {}),
    ...(source ? { prefilled } : {}),
    ...(slice ? end : {}),
  };
};

/**
 * How long a pending email may wait before the scheduled job queues it again. A mailing of 10,000 at
 * SES's rate drains in about 12 minutes; an older pending record was most likely never queued (a crash
 * between recording and queueing). Queueing one twice is harmless: the worker takes it only once.
 */
export const PENDING_STALLED_MS = 15 * 60 * 1000;

/** Submissions whose receipts a crash left unrecorded are swept up this long after a campaign closes. */
const SWEEP_AFTER_CLOSING_MS = 7 * 24 * 3600 * 1000;

/** Emails queued again, and submissions completed (their version or receipts recorded only now). */
export type ResumeSummary = { campaignId: string; queued: number; completed: number };

/**
 * The scheduled job's sweep: emails a crash left behind, queued again without anyone pressing "send":
 * those a dead worker held past its lease, and those recorded but never queued; and submissions whose
 * receipts were never recorded, completed. Failed emails are not queued again: they wait for the
 * Secretariat's "send", so a refused address is not retried every hour.
 */
export const resumeInterruptedEmails = async (
  ports: { repository: CampaignStore & EmailStore & InvitationStore & ResponseStore } & Pick<
    Ports,
    "queue" | "clock" | "log"
  >,
): Promise<ResumeSummary[]> => {
  const now = ports.clock.now();
  const out: ResumeSummary[] = [];
  for (const campaign of await ports.repository.listCampaigns()) {
    // Receipts of a submission made just before closing still go out.
    if (
      campaignState(campaign, now) === "closed" &&
      Date.parse(campaign.closesAt) + SWEEP_AFTER_CLOSING_MS < now.getTime()
    )
      continue;
    const [emails, invitations] = await Promise.all([
      ports.repository.listEmails(campaign.id),
      ports.repository.listInvitations(campaign.id),
    ]);
    const completed = await completeSubmissions(ports, campaign, emails);
    const recorded = new Set(emails.map(emailKey));
    const jobs = [
      ...emails
        .filter((r) =>
          r.status === "pending"
            ? Date.parse(r.createdAt) + PENDING_STALLED_MS < now.getTime()
            : r.status === "sending" && needsSending(r, now),
        )
        .map(emailJob),
      // An invitation whose email no worker has taken (nor recorded) yet: most likely never queued.
      ...invitations
        .filter(
          (inv) => inv.state === "queued" && Date.parse(inv.createdAt) + PENDING_STALLED_MS < now.getTime(),
        )
        .map((inv) => emailJob({ ...inv, kind: "invitation", n: String(inv.generation) }))
        .filter((job) => !recorded.has(emailKey(job))),
    ];
    if (jobs.length) await ports.queue.enqueue(jobs);
    if (jobs.length || completed) out.push({ campaignId: campaign.id, queued: jobs.length, completed });
  }
  return out;
};
