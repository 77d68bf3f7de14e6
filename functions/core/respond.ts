// The respondent's side: open a link, save a shared draft, submit; every write conditional on a version.
import { campaignState, type Campaign } from "./campaign.ts";
import type { Contact, Member } from "./directory.ts";
import { Conflict, Gone, NotFound, NotYetOpen, ValidationFailed } from "./errors.ts";
import { hashToken, newEmail, TOKEN_PATTERN, type EmailJob, type TokenRecord } from "./invitations.ts";
import type { Ports } from "./ports.ts";
import { validateAnswers } from "./questionnaire/answers.ts";
import type { Questionnaire } from "./questionnaire/definition.ts";
import type { Response, ResponseVersion } from "./responses.ts";

export type RespondentSession = {
  token: TokenRecord;
  campaign: Campaign;
  questionnaire: Questionnaire;
  member: Member;
  contact: Contact;
  response: Response | undefined;
};

const linkNotFound = () => new NotFound("link_not_found", "This link is not valid");

/** Resolves a link to everything the form needs, or says precisely why it cannot be used. */
export const openResponse = async (
  ports: Pick<Ports, "repository" | "clock">,
  token: string,
): Promise<RespondentSession> => {
  const { repository } = ports;
  if (!TOKEN_PATTERN.test(token)) throw linkNotFound();
  const record = await repository.getToken(hashToken(token));
  if (!record) throw linkNotFound();
  const campaign = await repository.getCampaign(record.campaignId);
  if (!campaign) throw linkNotFound();
  const contactInfo = { secretariat: campaign.secretariat };
  if (record.status === "replaced")
    throw new Gone("link_replaced", "This link has been replaced by a newer one", contactInfo);
  if (record.status === "revoked")
    throw new Gone("link_revoked", "This link is no longer active", contactInfo);
  const member = (await repository.listMembers()).find((m) => m.code === record.memberCode);
  const contact = member?.contacts.find((c) => c.id === record.contactId);
  if (!member || !contact) throw linkNotFound();
  if (contact.revoked) throw new Gone("link_revoked", "This link is no longer active", contactInfo);
  const state = campaignState(campaign, ports.clock.now());
  if (state === "closed") throw new Gone("campaign_closed", "The consultation is closed", contactInfo);
  if (state === "not-open") throw new NotYetOpen({ ...contactInfo, opensAt: campaign.opensAt });
  const questionnaire = await repository.getQuestionnaire(
    campaign.questionnaireId,
    campaign.questionnaireVersion,
  );
  if (!questionnaire)
    throw new Error(`Questionnaire ${campaign.questionnaireId} v${campaign.questionnaireVersion} missing`);
  const response = await repository.getResponse(campaign.id, member.code);
  return { token: record, campaign, questionnaire, member, contact, response };
};

export type SaveRequest = {
  action: "draft" | "submit";
  /** Answer-shaped input, as typed; validated here (see answersFromForm for HTML forms). */
  answers: unknown;
  /** The response version the respondent's page was loaded from (0 if nothing was saved then). */
  baseVersion: number;
};

export type SaveOutcome = { session: RespondentSession; response: Response; submitted?: ResponseVersion };

/**
 * Saves a draft or a submission. Throws ValidationFailed (field errors) or Conflict (a colleague saved
 * first); in both cases nothing stored changes, and the caller still holds what was typed.
 */
export const saveResponse = async (
  ports: Pick<Ports, "repository" | "clock" | "queue">,
  token: string,
  request: SaveRequest,
): Promise<SaveOutcome> => {
  const session = await openResponse(ports, token);
  const { campaign, questionnaire, member, contact, response: stored } = session;
  const storedVersion = stored?.version ?? 0;
  if (request.baseVersion !== storedVersion) {
    throw new Conflict("version_conflict", "Someone else saved this answer in the meantime", {
      storedVersion,
      updatedBy: stored?.updatedBy.name,
      updatedAt: stored?.updatedAt,
    });
  }
  const validated = validateAnswers(questionnaire, request.answers, request.action, member.group);
  if (!validated.ok) throw new ValidationFailed(validated.error);

  const now = ports.clock.now().toISOString();
  const author = { contactId: contact.id, name: contact.name };
  const version = storedVersion + 1;
  const submitting = request.action === "submit";
  const next: Response = {
    campaignId: campaign.id,
    memberCode: member.code,
    // A draft saved after a submission leaves the submission in force until the next submit.
    status: submitting ? "submitted" : (stored?.status ?? "draft"),
    version,
    answers: validated.value,
    updatedAt: now,
    updatedBy: author,
    ...(submitting
      ? { submittedAt: now, submittedVersion: version }
      : stored?.submittedAt
        ? { submittedAt: stored.submittedAt, submittedVersion: stored.submittedVersion }
        : {}),
  };
  if (!(await ports.repository.saveResponse(next, storedVersion))) {
    throw new Conflict("version_conflict", "Someone else saved this answer in the meantime", {
      storedVersion,
    });
  }
  if (!submitting) return { session, response: next };
  const submitted: ResponseVersion = {
    campaignId: campaign.id,
    memberCode: member.code,
    version,
    answers: validated.value,
    submittedAt: now,
    submittedBy: author,
    questionnaireVersion: questionnaire.version,
  };
  await ports.repository.putResponseVersion(submitted);
  await queueReceipts(ports, session, version);
  return { session, response: next, submitted };
};

/**
 * The receipt (a copy of the answers) to the contact who submitted, and a notice to the member's
 * other contacts. The submission is already stored: a failure here is logged, never shown as a
 * failed submission, and the email records stay pending for the next send to pick up.
 */
const queueReceipts = async (
  ports: Pick<Ports, "repository" | "clock" | "queue">,
  session: RespondentSession,
  version: number,
) => {
  const { campaign, member, contact } = session;
  const jobs: EmailJob[] = member.contacts
    .filter((c) => !c.revoked)
    .map((c) => ({
      campaignId: campaign.id,
      memberCode: member.code,
      contactId: c.id,
      kind: c.id === contact.id ? "receipt" : "colleague-notice",
      n: String(version),
    }));
  try {
    const now = ports.clock.now();
    const created = await Promise.all(jobs.map((job) => ports.repository.createEmail(newEmail(job, now))));
    await ports.queue.enqueue(jobs.filter((_, i) => created[i]));
  } catch (error) {
    console.error(
      JSON.stringify({
        level: "error",
        msg: "receipt emails not queued",
        campaign: campaign.id,
        member: member.code,
        error: String(error),
      }),
    );
  }
};
