// When a member cannot be reached or its answer must change after closing: invite its alternate
// contact (such as its Permanent Mission to the OAS), and reopen one member's answer for a logged reason.
import type { Campaign } from "./campaign.ts";
import { BadRequest, NotFound } from "./errors.ts";
import { newEmail, newInvitation, type EmailJob, type Invitation } from "./invitations.ts";
import type { DirectoryStore, EmailStore, InvitationStore, Ports, ResponseStore } from "./ports.ts";
import { nextReminderFor } from "./reminders.ts";

/** Every signatory of the member bounced, complained or failed: nobody there has the link. */
export const unreachable = (invitations: Invitation[]) => {
  const signatories = invitations.filter(
    (i) => (i.role ?? "signatory") === "signatory" && i.state !== "revoked",
  );
  return (
    signatories.length > 0 && signatories.every((i) => ["bounced", "complained", "failed"].includes(i.state))
  );
};

export const inviteAlternateContact = async (
  ports: { repository: DirectoryStore & EmailStore & InvitationStore } & Pick<Ports, "queue" | "clock">,
  campaignId: string,
  memberCode: string,
) => {
  const member = await ports.repository.getMember(memberCode);
  const alternate = member?.alternateContact;
  if (!member || !alternate)
    throw new NotFound("no_alternate_contact", `${memberCode} has no alternate contact in the directory`);
  const now = ports.clock.now();
  const invitation = newInvitation(
    {
      campaignId,
      memberCode,
      contactId: alternate.id,
      email: alternate.email,
      language: alternate.language ?? member.language,
    },
    now,
  );
  const job: EmailJob = { campaignId, memberCode, contactId: alternate.id, kind: "invitation", n: "1" };
  // Pressed twice, it invites once: the invitation and its email record are each created only once.
  await ports.repository.createInvitation(invitation);
  if (await ports.repository.createEmail(newEmail(job, now))) await ports.queue.enqueue([job]);
  return invitation;
};

/** When the next reminder of the plan will go, if any is left. */
export const nextReminder = (campaign: Campaign, now: Date): { step: string; at: string } | undefined =>
  nextReminderFor(campaign, undefined, now);

/**
 * Lets one member change its answer after closing, until a date, for a reason the audit trail keeps.
 * The answer itself is untouched; only its lock moves.
 */
export const reopenMemberAnswer = async (
  ports: { repository: ResponseStore } & Pick<Ports, "clock">,
  input: { campaignId: string; memberCode: string; until: string; reason: string; by: string },
) => {
  const until = new Date(input.until);
  if (Number.isNaN(until.getTime()) || until <= ports.clock.now())
    throw new BadRequest("reopen_date_needed", "Give a date in the future");
  if (!input.reason.trim()) throw new BadRequest("reopen_reason_needed", "Say why the answer is reopened");
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await ports.repository.getResponse(input.campaignId, input.memberCode);
    const now = ports.clock.now().toISOString();
    const next = {
      ...(stored ?? {
        campaignId: input.campaignId,
        memberCode: input.memberCode,
        status: "draft" as const,
        answers: {},
        updatedAt: now,
        updatedBy: { contactId: "secretariat", name: input.by },
      }),
      version: (stored?.version ?? 0) + 1,
      reopenedUntil: until.toISOString(),
      reopenReason: input.reason.trim().slice(0, 500),
    };
    if (await ports.repository.saveResponse(next, stored?.version ?? 0)) return next;
  }
  throw new BadRequest("busy", "The answer kept changing; try again");
};
