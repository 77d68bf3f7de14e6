// Delivering one email job: take it (pending, or no record yet, -> sending), send it, record the outcome.
// Every step is a conditional write, so a job delivered twice by the queue sends at most once.
import { campaignState, secretariatIn } from "./campaign.ts";
import { composeLinkEmail, composeReceiptEmail, type EmailSubject } from "./compose-email.ts";
import { modifyInvitation } from "./invitation-updates.ts";
import { findContact, type Contact } from "./directory.ts";
import {
  contributorContact,
  hashToken,
  isReachable,
  newEmail,
  SENDING_LEASE_MS,
  type EmailJob,
  type EmailRecord,
  type Invitation,
} from "./invitations.ts";
import { receiptCopy } from "./receipt-copy.ts";
import { SECRETARIAT_MAILBOX } from "./submission-receipts.ts";
import type {
  CampaignStore,
  DirectoryStore,
  EmailStore,
  InvitationStore,
  OutgoingEmail,
  Ports,
  QuestionnaireStore,
  ResponseStore,
  SignInJob,
  SignInStore,
} from "./ports.ts";
import { deliverSignInLink } from "./secretariat-auth.ts";
import { unsubscribePath } from "./unsubscribe.ts";

export type DeliveryOutcome = "sent" | "skipped" | "cancelled";

const withoutLease = ({ leaseUntil: _lease, ...rest }: EmailRecord): EmailRecord => rest;

export const deliverEmail = async (
  ports: {
    repository: CampaignStore &
      DirectoryStore &
      EmailStore &
      InvitationStore &
      QuestionnaireStore &
      ResponseStore &
      SignInStore;
  } & Omit<Ports, "repository">,
  job: EmailJob | SignInJob,
): Promise<DeliveryOutcome> => {
  if (job.kind === "sign-in") return deliverSignInLink(ports, job);
  const { repository, clock } = ports;
  // Asked in the same turn, so the repository reads them in one request: a job found already sent or
  // taken costs a few reads more, and every other job one request fewer.
  const [record, campaign, invitation, member, response] = await Promise.all([
    repository.getEmail(job),
    repository.getCampaign(job.campaignId),
    repository.getInvitation(job.campaignId, job.memberCode, job.contactId),
    repository.getMember(job.memberCode),
    job.kind === "reminder" || job.kind === "review"
      ? repository.getResponse(job.campaignId, job.memberCode)
      : undefined,
  ]);
  const now = clock.now();
  // A new invitation's email has no record until a worker takes it (sendInvitations writes none): the
  // record is created already taken, one conditional write instead of two. Any other job has one.
  const stored = record ?? (job.kind === "invitation" ? newEmail(job, now) : undefined);
  if (!stored || stored.status === "sent" || stored.status === "cancelled") return "skipped";
  if (stored.status === "sending" && stored.leaseUntil && Date.parse(stored.leaseUntil) > now.getTime()) {
    return "skipped"; // another worker holds it; if it dies, the queue brings the job back after the lease
  }

  const cancel = async () => {
    const cancelled: EmailRecord = { ...withoutLease(stored), status: "cancelled" };
    // Recorded even when there was no record, so the scheduled job does not queue it again.
    await (record ? repository.updateEmail(record, cancelled) : repository.createEmail(cancelled));
    return "cancelled" as const;
  };
  if (!campaign || !member) return cancel();
  const toSecretariat = job.contactId === SECRETARIAT_MAILBOX;
  // Who the email is for: the Secretariat's mailbox, a contributor (known only to the invitation), or
  // a contact of the directory (the alternate contact included).
  const contact: Contact | undefined = toSecretariat
    ? {
        id: SECRETARIAT_MAILBOX,
        name: secretariatIn(campaign.secretariat, "es").name,
        email: campaign.secretariat.email,
        role: "secretariat",
        revoked: false,
      }
    : invitation?.role === "contributor"
      ? contributorContact(invitation)
      : findContact(member, job.contactId);
  if (!contact || contact.revoked) return cancel();
  if (!toSecretariat && (!invitation || !isReachable(invitation))) return cancel();
  const carriesLink = job.kind === "invitation" || job.kind === "reminder" || job.kind === "review";
  if (carriesLink && campaignState(campaign, now) === "closed") return cancel();
  if (job.kind === "invitation" && invitation && job.n !== String(invitation.generation)) return cancel(); // a newer link replaced it
  if (job.kind === "reminder") {
    if (invitation?.unsubscribedAt) return cancel();
    if (response?.submittedVersion) return cancel();
  }
  // A request to review a reply the focal points have already submitted since is moot.
  if (job.kind === "review" && (response?.submittedVersion ?? 0) >= Number(job.n)) return cancel();

  const subject: EmailSubject = {
    campaign,
    member,
    contact: { ...contact, email: invitation && !toSecretariat ? invitation.email : contact.email },
    lang: toSecretariat ? "es" : (invitation?.language ?? member.language),
    job,
    ...(invitation?.role === "contributor"
      ? { contributor: { invitedBy: invitation.invitedBy ?? "", sections: invitation.sections ?? [] } }
      : {}),
  };
  let email: OutgoingEmail;
  let tokenHash: string | undefined;
  // Composed before the job is taken, so a template or data fault cannot strand it in "sending".
  if (carriesLink) {
    // The token is born here, in the worker's memory: no queue message or table item ever holds it.
    const token = ports.random.token();
    tokenHash = hashToken(token);
    const questionnaire = subject.contributor
      ? await repository.getQuestionnaire(campaign.questionnaireId, campaign.questionnaireVersion)
      : undefined;
    email = composeLinkEmail(
      ports.views,
      subject,
      `${ports.publicBaseUrl}/r/${token}`,
      questionnaire,
      `${ports.publicBaseUrl}${unsubscribePath(tokenHash)}`,
    );
  } else {
    const [version, kept, questionnaire] = await Promise.all([
      repository.getResponseVersion(job.campaignId, job.memberCode, Number(job.n)),
      // The member's submissions, to number this one among them: drafts are not counted.
      repository.listResponseVersions(job.campaignId, job.memberCode),
      repository.getQuestionnaire(campaign.questionnaireId, campaign.questionnaireVersion),
    ]);
    if (!version || !questionnaire) return cancel();
    // The answers as a PDF too, in the same language: a copy that can be filed or printed as it is.
    email = {
      ...composeReceiptEmail(ports.views, subject, version, questionnaire, kept),
      attachments: [await receiptCopy(ports, subject, version, questionnaire, kept)],
    };
  }

  const taken: EmailRecord = {
    ...stored,
    status: "sending",
    attempts: stored.attempts + 1,
    leaseUntil: new Date(now.getTime() + SENDING_LEASE_MS).toISOString(),
  };
  const key = { campaignId: job.campaignId, memberCode: job.memberCode, contactId: job.contactId };
  // The generation this email belongs to: a "replace link" since then makes it moot.
  const generation = invitation?.generation;
  // Taking the job and storing the link's token go together, one round trip instead of two. Either
  // take is conditional: of workers handed the same job at once, one takes it. The token names its
  // generation, so a link replaced meanwhile refuses it when opened (respond.ts): its hash goes on the
  // invitation with the outcome below, one conditional write instead of two.
  const [took, issued] = await Promise.allSettled([
    record ? repository.updateEmail(record, taken) : repository.createEmail(taken),
    tokenHash
      ? repository.putToken({
          tokenHash,
          ...key,
          status: "active",
          issuedAt: now.toISOString(),
          ...(generation !== undefined ? { generation } : {}),
        })
      : undefined,
  ]);
  if (took.status === "rejected" || !took.value) {
    // Another worker has the job: the link made here will never be sent, so it must never work.
    if (tokenHash && issued.status === "fulfilled")
      await repository.setTokenStatus(tokenHash, "revoked").catch(() => undefined);
    if (took.status === "rejected") throw took.reason;
    return "skipped";
  }

  const current = (inv: Invitation) => inv.generation === generation && isReachable(inv);
  /** The link's hash on the invitation, if it is still the generation this email was made for. */
  const withHash = (inv: Invitation) =>
    tokenHash && current(inv) && !inv.tokenHashes.includes(tokenHash)
      ? { ...inv, tokenHashes: [...inv.tokenHashes, tokenHash] }
      : inv;
  let messageId: string;
  try {
    if (issued.status === "rejected") throw issued.reason;
    ({ messageId } = await ports.mailer.send(email));
  } catch (error) {
    const reason = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);
    await repository.updateEmail(taken, { ...withoutLease(taken), status: "failed", failureReason: reason });
    // The link in an email that never left is of no use to anyone; it must not work either.
    if (tokenHash) await repository.setTokenStatus(tokenHash, "revoked").catch(() => undefined);
    if (job.kind === "invitation") {
      await modifyInvitation(repository, key, (inv) =>
        current(inv) && ["queued", "failed"].includes(inv.state)
          ? { ...withHash(inv), state: "failed", failureReason: reason }
          : undefined,
      );
    }
    throw error;
  }

  // The email has left: its link is in someone's inbox. A fault from here on is retried, and never
  // undoes the send; if DynamoDB stays down past the retries, the job comes back after the lease and
  // sends once more (at least once: README, "Email delivery").
  const sentAt = clock.now().toISOString();
  // The email record and the invitation are written at once: neither waits on the other.
  const recordingEmail = persistently(job, messageId, async () => {
    // False when an earlier attempt did land (only its reply was lost), or another worker took over.
    await repository.updateEmail(taken, { ...withoutLease(taken), status: "sent", sentAt, messageId });
  });
  const recordingInvitation = persistently(job, messageId, () =>
    modifyInvitation(
      repository,
      key,
      (inv) => {
        const recorded = withHash(inv);
        if (job.kind === "invitation") {
          // A newer link's email is on its way: "sent" is for it to say.
          if (!current(inv)) return undefined;
          // A bounce may already have arrived: the link is recorded, the state left to it.
          if (!["queued", "failed"].includes(inv.state)) return recorded === inv ? undefined : recorded;
          const { failureReason: _reason, ...rest } = recorded;
          return { ...rest, state: "sent", sentAt };
        }
        if (job.kind === "reminder" && !inv.reminders.some((r) => r.step === job.n))
          return { ...recorded, reminders: [...recorded.reminders, { step: job.n, at: sentAt }] };
        return recorded === inv ? undefined : recorded;
      },
      toSecretariat ? undefined : invitation,
    ),
  );
  // Both settle before either failure is reported, so a fault in one never leaves the other unwritten.
  const [emailRecorded, invitationRecorded] = await Promise.allSettled([recordingEmail, recordingInvitation]);
  for (const outcome of [emailRecorded, invitationRecorded])
    if (outcome.status === "rejected") throw outcome.reason;
  return "sent";
};

/**
 * Recording a sent email, tried again at once: the SDK has already backed off inside each call, and
 * the lease (minutes) is what is left before the job may be sent a second time.
 */
const RECORD_ATTEMPTS = 5;

const persistently = async (job: EmailJob, messageId: string, write: () => Promise<unknown>) => {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return;
    } catch (error) {
      if (attempt >= RECORD_ATTEMPTS)
        throw new Error(
          `Sent ${job.kind} ${job.memberCode}/${job.contactId} (${messageId}) but could not record it: ${String(error)}`,
          { cause: error },
        );
    }
  }
};
