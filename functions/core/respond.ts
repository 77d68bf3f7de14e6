// The respondent's side: open a link, save a shared draft, submit; every write conditional on a version.
// A member answers as an institution: signatories (the focal points) submit, contributors they invited
// edit their own sections, and every submission is kept with a receipt code.
import { campaignState, type Campaign } from "./campaign.ts";
import { findContact, type Contact, type Member } from "./directory.ts";
import { Conflict, Forbidden, Gone, NotFound, NotYetOpen, ValidationFailed } from "./errors.ts";
import {
  contributorContact,
  hashToken,
  TOKEN_PATTERN,
  type Invitation,
  type TokenRecord,
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
import { emptyToUndefined, validateAnswers, type Answers } from "./questionnaire/answers.ts";
import { baseAfterSave, mergeAnswers, showsOthers, type AnswerBase } from "./questionnaire/answer-merge.ts";
import type { Questionnaire } from "./questionnaire/definition.ts";
import type { Language } from "./languages.ts";
import { confirmCarried } from "./prefill.ts";
import { keepSubmission } from "./submission-receipts.ts";
import type { Response, ResponseVersion } from "./responses.ts";

export type RespondentSession = {
  token: TokenRecord;
  campaign: Campaign;
  questionnaire: Questionnaire;
  member: Member;
  contact: Contact;
  invitation: Invitation | undefined;
  role: "signatory" | "contributor";
  /** Sections this person may edit; undefined means all of them. */
  sections: string[] | undefined;
  response: Response | undefined;
  /** Colleagues the member's focal points invited, read with the session. */
  contributors: Invitation[];
  /** The member's submitted versions, when the page shows them (`history`). */
  versions?: ResponseVersion[];
};

const linkNotFound = () => new NotFound("link_not_found", "This link is not valid");

/** Resolves a link to everything the form needs, or says precisely why it cannot be used. */
export const openResponse = async (
  ports: {
    repository: CampaignStore & DirectoryStore & InvitationStore & QuestionnaireStore & ResponseStore;
  } & Pick<Ports, "clock">,
  token: string,
  options: { history?: boolean } = {},
): Promise<RespondentSession> => {
  const { repository } = ports;
  if (!TOKEN_PATTERN.test(token)) throw linkNotFound();
  const record = await repository.getToken(hashToken(token));
  if (!record) throw linkNotFound();
  // The token names campaign and member: everything else is read in one round trip, of a size that
  // does not grow with the campaign (the member's own invitations, its own submitted versions).
  const [campaign, member, response, invitations, versions] = await Promise.all([
    repository.getCampaign(record.campaignId),
    repository.getMember(record.memberCode),
    repository.getResponse(record.campaignId, record.memberCode),
    repository.listMemberInvitations(record.campaignId, record.memberCode),
    options.history ? repository.listResponseVersions(record.campaignId, record.memberCode) : undefined,
  ]);
  if (!campaign) throw linkNotFound();
  const contactInfo = { secretariat: campaign.secretariat };
  if (record.status === "replaced")
    throw new Gone("link_replaced", "This link has been replaced by a newer one", contactInfo);
  if (record.status === "revoked")
    throw new Gone("link_revoked", "This link is no longer active", contactInfo);
  if (!member) throw linkNotFound();
  const invitation = invitations.find((i) => i.contactId === record.contactId);
  // A link made for an earlier generation was replaced, whether or not its hash was retired in time.
  if (record.generation !== undefined && invitation && record.generation < invitation.generation)
    throw new Gone("link_replaced", "This link has been replaced by a newer one", contactInfo);
  const role = invitation?.role ?? "signatory";
  const contact: Contact | undefined =
    role === "contributor" && invitation
      ? contributorContact(invitation)
      : findContact(member, record.contactId);
  if (!contact) throw linkNotFound();
  if (contact.revoked || invitation?.state === "revoked")
    throw new Gone("link_revoked", "This link is no longer active", contactInfo);
  const now = ports.clock.now();
  const state = campaignState(campaign, now);
  const reopened =
    response?.reopenedUntil !== undefined && Date.parse(response.reopenedUntil) > now.getTime();
  if (state === "closed" && !reopened)
    throw new Gone("campaign_closed", "The consultation is closed", contactInfo);
  if (state === "not-open") throw new NotYetOpen({ ...contactInfo, opensAt: campaign.opensAt });
  const questionnaire = await repository.getQuestionnaire(
    campaign.questionnaireId,
    campaign.questionnaireVersion,
  );
  if (!questionnaire)
    throw new Error(`Questionnaire ${campaign.questionnaireId} v${campaign.questionnaireVersion} missing`);
  const sections = role === "contributor" && invitation?.sections?.length ? invitation.sections : undefined;
  return {
    token: record,
    campaign,
    questionnaire,
    member,
    contact,
    invitation,
    role,
    sections,
    response,
    contributors: invitations.filter((i) => i.role === "contributor"),
    ...(versions ? { versions } : {}),
  };
};

/**
 * The same session with what may have changed since it was opened: the answer and the member's
 * colleagues. The link, campaign, member and questionnaire were checked once for this request.
 */
export const refreshSession = async (
  ports: { repository: InvitationStore & ResponseStore },
  session: RespondentSession,
): Promise<RespondentSession> => {
  const { campaignId, memberCode } = session.token;
  const [response, invitations] = await Promise.all([
    ports.repository.getResponse(campaignId, memberCode),
    ports.repository.listMemberInvitations(campaignId, memberCode),
  ]);
  return { ...session, response, contributors: invitations.filter((i) => i.role === "contributor") };
};

export type SaveRequest = {
  action: "draft" | "submit";
  /** Answer-shaped input, as typed; validated here (see answersFromForm for HTML forms). */
  answers: unknown;
  /** The response version the respondent's page was loaded from (0 if nothing was saved then). */
  baseVersion: number;
  /**
   * What each question held when the page was loaded. With it, saving is a merge by question (a
   * question this person left alone keeps what is stored now); without it (a client that does not
   * send one), any save since `baseVersion` is a conflict.
   */
  base?: AnswerBase;
  /** The form's language: on a submission, the reply language its free texts are translated from. */
  language?: Language;
  /** Carried-over answers the person confirms as they stand (core/prefill.ts); changing one confirms it too. */
  confirm?: readonly string[];
};

export type SaveOutcome = {
  session: RespondentSession;
  response: Response;
  submitted?: ResponseVersion;
  /** The base a page still showing what was typed carries from now on. */
  base: AnswerBase;
  /** Whether what is stored now holds a colleague's answers the page does not show. */
  mergedOthers: boolean;
};

/** Question ids this person may change. */
export const editableQuestions = (session: RespondentSession): Set<string> =>
  new Set(
    session.questionnaire.sections
      .filter((s) => !session.sections || session.sections.includes(s.id))
      .flatMap((s) => s.questions.map((q) => q.id)),
  );

/** A page without a base: what a contributor typed in their sections, over what is stored for the rest. */
const overStored = (session: RespondentSession, typed: unknown): unknown => {
  if (!session.sections || !typed || typeof typed !== "object") return typed;
  const allowed = editableQuestions(session);
  const merged: Record<string, unknown> = { ...(session.response?.answers ?? {}) };
  for (const id of allowed) {
    if (id in (typed as Record<string, unknown>)) merged[id] = (typed as Record<string, unknown>)[id];
    else delete merged[id];
  }
  return merged;
};

const changedQuestions = (before: Answers, after: Answers) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (id) => JSON.stringify(emptyToUndefined(before[id]) ?? null) !== JSON.stringify(after[id] ?? null),
  );

const typedRecord = (answers: unknown): Record<string, unknown> =>
  answers && typeof answers === "object" && !Array.isArray(answers)
    ? (answers as Record<string, unknown>)
    : {};

/** Concurrent saves that each merged cleanly are merged again over the newer one, this many times. */
const MERGE_ATTEMPTS = 4;

/**
 * Saves a draft or a submission. Throws ValidationFailed (field errors) or Conflict (a colleague changed
 * a question this person changed too); in both cases nothing stored changes, and the caller still holds
 * what was typed.
 */
export const saveResponse = async (
  ports: {
    repository: CampaignStore &
      DirectoryStore &
      EmailStore &
      InvitationStore &
      QuestionnaireStore &
      ResponseStore;
  } & Pick<Ports, "clock" | "queue" | "log">,
  token: string,
  request: SaveRequest,
  /** The session the caller opened for this request: the first attempt needs no second read. */
  opened?: RespondentSession,
): Promise<SaveOutcome> => {
  let session = opened ?? (await openResponse(ports, token));
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) session = await refreshSession(ports, session);
    const outcome = await saveOnce(ports, session, request);
    if (outcome) return outcome;
    if (!request.base || attempt >= MERGE_ATTEMPTS) {
      throw new Conflict("version_conflict", "Someone else saved this answer in the meantime", {
        storedVersion: session.response?.version ?? 0,
      });
    }
  }
};

/** One read-merge-write; undefined when another save landed between the read and the write. */
const saveOnce = async (
  ports: { repository: EmailStore & InvitationStore & ResponseStore } & Pick<
    Ports,
    "clock" | "queue" | "log"
  >,
  session: RespondentSession,
  request: SaveRequest,
): Promise<SaveOutcome | undefined> => {
  const { campaign, questionnaire, member, contact, response: stored } = session;
  const submitting = request.action === "submit";
  if (submitting && session.role !== "signatory") {
    throw new Forbidden(
      "only_signatories_submit",
      "Only the focal points invited by the Secretariat can submit the answer",
    );
  }
  const storedVersion = stored?.version ?? 0;
  const typed = typedRecord(request.answers);
  const merge = request.base
    ? mergeAnswers(questionnaire, {
        base: request.base,
        typed,
        stored: stored?.answers ?? {},
        editable: editableQuestions(session),
      })
    : undefined;
  const proposed = merge ? merge.merged : overStored(session, request.answers);
  const baseFor = (answers: Answers) =>
    request.base ? baseAfterSave(questionnaire, request.base, typed, answers) : {};
  // A submission whose second write (the kept version) failed is completed before anything else.
  const kept = stored ? await keepSubmission(ports, campaign, stored) : undefined;
  if (
    kept &&
    submitting &&
    request.baseVersion === storedVersion - 1 &&
    stored?.updatedBy.contactId === contact.id
  ) {
    // The same person sending the same submission again after "try again": it was received.
    const again = validateAnswers(questionnaire, proposed, "submit", member.group);
    if (again.ok && JSON.stringify(again.value) === JSON.stringify(stored.answers)) {
      return {
        session,
        response: stored,
        submitted: kept,
        base: baseFor(stored.answers),
        mergedOthers: false,
      };
    }
  }
  if (merge?.conflicts.length) {
    throw new Conflict("version_conflict", "Someone else saved this answer in the meantime", {
      storedVersion,
      questions: merge.conflicts,
      updatedBy: stored?.updatedBy.name,
      updatedAt: stored?.updatedAt,
    });
  }
  if (!merge && request.baseVersion !== storedVersion) {
    throw new Conflict("version_conflict", "Someone else saved this answer in the meantime", {
      storedVersion,
      updatedBy: stored?.updatedBy.name,
      updatedAt: stored?.updatedAt,
    });
  }
  const validated = validateAnswers(questionnaire, proposed, request.action, member.group);
  if (!validated.ok) throw new ValidationFailed(validated.error);

  // A draft that changes nothing over a submission (an autosave that left the page before "Submit" but
  // arrived after it) writes nothing: it would leave a "draft after submitting" nobody made.
  if (
    !submitting &&
    stored &&
    stored.submittedVersion === stored.version &&
    changedQuestions(stored.answers, validated.value).length === 0
  )
    return { session, response: stored, base: baseFor(stored.answers), mergedOthers: false };

  const now = ports.clock.now().toISOString();
  const author = { contactId: contact.id, name: contact.name };
  const version = storedVersion + 1;
  const contributions = { ...(stored?.contributions ?? {}) };
  const changed = changedQuestions(stored?.answers ?? {}, validated.value).filter(
    // A colleague's answer merged in unchanged is still theirs.
    (id) => !merge || merge.changed.includes(id),
  );
  for (const id of changed) contributions[id] = { by: contact.name, at: now };
  const editable = editableQuestions(session);
  const carriedOver =
    stored?.carriedOver &&
    confirmCarried(stored.carriedOver, [
      ...(request.confirm ?? []).filter((id) => editable.has(id)),
      ...changed,
    ]);
  const next: Response = {
    campaignId: campaign.id,
    memberCode: member.code,
    // A draft saved after a submission leaves the submission in force until the next submit.
    status: submitting ? "submitted" : (stored?.status ?? "draft"),
    version,
    answers: validated.value,
    updatedAt: now,
    updatedBy: author,
    contributions,
    ...(submitting
      ? { submittedAt: now, submittedVersion: version }
      : stored?.submittedAt
        ? { submittedAt: stored.submittedAt, submittedVersion: stored.submittedVersion }
        : {}),
    ...(stored?.reopenedUntil
      ? { reopenedUntil: stored.reopenedUntil, reopenReason: stored.reopenReason }
      : {}),
    // The documents sent back stay on record whatever the form saves (core/word-replies.ts).
    ...(stored?.replies ? { replies: stored.replies } : {}),
    ...(submitting && request.language
      ? { language: request.language }
      : stored?.language
        ? { language: stored.language }
        : {}),
    ...(carriedOver ? { carriedOver } : {}),
  };
  if (!(await ports.repository.saveResponse(next, storedVersion))) return undefined;
  const mergedOthers = request.base
    ? showsOthers(questionnaire, request.base, typed, validated.value)
    : false;
  if (!submitting) return { session, response: next, base: baseFor(next.answers), mergedOthers };
  return {
    session,
    response: next,
    submitted: (await keepSubmission(ports, campaign, next)) as ResponseVersion,
    base: baseFor(next.answers),
    mergedOthers,
  };
};
