// Sending a campaign: one invitation per invited contact, each queued until sent, however often "send" is pressed.
import { campaignState } from "./campaign.ts";
import { contactLanguage } from "./directory.ts";
import { Gone, NotFound } from "./errors.ts";
import {
  emailJob,
  isReachable,
  newEmail,
  newInvitation,
  SENDING_LEASE_MS,
  type EmailJob,
  type EmailRecord,
} from "./invitations.ts";
import type { Ports } from "./ports.ts";

export type SendSummary = { created: number; queued: number; alreadySent: number; contacts: number };

const emailKey = (j: EmailJob) => `${j.memberCode}/${j.contactId}/${j.kind}/${j.n}`;

/** Pending, failed, or held by a worker whose lease ran out: worth queueing (again). */
export const needsSending = (record: EmailRecord, now: Date) =>
  record.status === "pending" ||
  record.status === "failed" ||
  (record.status === "sending" &&
    (!record.leaseUntil || Date.parse(record.leaseUntil) + SENDING_LEASE_MS < now.getTime()));

export const sendInvitations = async (
  ports: Pick<Ports, "repository" | "queue" | "clock">,
  campaignId: string,
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
  let contacts = 0;
  const jobs: EmailJob[] = [];
  for (const member of members.filter((m) => invited.has(m.code))) {
    for (const contact of member.contacts.filter((c) => !c.revoked)) {
      contacts++;
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
        if (!(await repository.createInvitation(invitation))) continue; // a concurrent "send" made it
        created++;
      }
      if (!isReachable(invitation)) continue;
      const job: EmailJob = {
        ...emailJob({ ...invitation, kind: "invitation", n: String(invitation.generation) }),
      };
      const record = records.get(emailKey(job));
      if (record?.status === "sent") {
        alreadySent++;
        continue;
      }
      // A crash between creating the invitation and its email record leaves no record: make it now.
      if (!record) {
        if (await repository.createEmail(newEmail(job, now))) jobs.push(job);
      } else if (needsSending(record, now)) {
        jobs.push(job);
      }
    }
  }
  await queue.enqueue(jobs);
  return { created, queued: jobs.length, alreadySent, contacts };
};
