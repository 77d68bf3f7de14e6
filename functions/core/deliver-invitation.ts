// Delivering one invitation: take it, issue its token, send the email, record the outcome.
import { campaignState } from "./campaign.ts";
import { ConsultaError } from "./errors.ts";
import { hashToken, SENDING_LEASE_MS, type EmailJob, type Invitation } from "./invitations.ts";
import type { Ports } from "./ports.ts";
import { emailContext } from "./email-context.ts";

export type DeliveryOutcome = "sent" | "skipped";

export const deliverInvitation = async (ports: Ports, job: EmailJob): Promise<DeliveryOutcome> => {
  const { repository, mailer, clock, random, views } = ports;
  const current = await repository.getInvitation(job.campaignId, job.memberCode, job.contactId);
  if (!current || current.status === "sent") return "skipped";
  const now = clock.now();
  if (current.status === "sending" && current.leaseUntil && Date.parse(current.leaseUntil) > now.getTime()) {
    return "skipped"; // another worker holds it
  }
  const campaign = await repository.getCampaign(job.campaignId);
  if (!campaign || campaignState(campaign, now) === "closed") return "skipped";
  const member = (await repository.listMembers()).find((m) => m.code === job.memberCode);
  if (!member) return "skipped";

  // The token is born here, in the worker's memory, so that no queue or table ever holds it.
  const token = random.token();
  const tokenHash = hashToken(token);
  // Rendered before the invitation is taken, so a template fault cannot strand it in "sending".
  const context = emailContext(campaign, member, current.language, `${ports.publicBaseUrl}/r/${token}`);
  const email = {
    to: current.email,
    subject: views.render("email/invitation-subject", context).trim(),
    html: views.render("email/invitation.html", context),
    text: views.render("email/invitation.txt", context),
    tags: { campaign: job.campaignId, member: job.memberCode, contact: job.contactId, kind: "invitation" },
  };
  const taken: Invitation = {
    ...current,
    status: "sending",
    attempts: current.attempts + 1,
    leaseUntil: new Date(now.getTime() + SENDING_LEASE_MS).toISOString(),
    tokenHash,
  };
  if (!(await repository.updateInvitation(current, taken))) return "skipped";

  try {
    await repository.putToken({
      tokenHash,
      campaignId: job.campaignId,
      memberCode: job.memberCode,
      contactId: job.contactId,
      status: "active",
      issuedAt: now.toISOString(),
    });
    if (current.tokenHash && current.tokenHash !== tokenHash)
      await repository.setTokenStatus(current.tokenHash, "replaced");
    const { messageId } = await mailer.send(email);
    const { leaseUntil: _lease, failureReason: _reason, ...rest } = taken;
    await repository.updateInvitation(taken, {
      ...rest,
      status: "sent",
      sentAt: clock.now().toISOString(),
      messageId,
    });
    return "sent";
  } catch (error) {
    const reason = error instanceof ConsultaError || error instanceof Error ? error.message : String(error);
    const { leaseUntil: _lease, ...rest } = taken;
    await repository.updateInvitation(taken, {
      ...rest,
      status: "failed",
      failureReason: reason.slice(0, 500),
    });
    throw error;
  }
};
