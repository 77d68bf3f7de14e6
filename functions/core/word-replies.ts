// Answering with Word: the questionnaire as a .docx (blank, or a member's with its draft filled in),
// a returned one read into the member's draft (never submitted), and any other document kept beside it.
import type { Campaign } from "./campaign.ts";
import { secretariatIn } from "./campaign.ts";
import type { Member } from "./directory.ts";
import { BadRequest, Conflict, type FieldError } from "./errors.ts";
import { formatDateTime } from "./format.ts";
import { newEmail, type EmailJob } from "./invitations.ts";
import { LANGUAGES, type Language } from "./languages.ts";
import type { EmailStore, InvitationStore, Ports, ResponseStore } from "./ports.ts";
import { emptyToUndefined, validateAnswers, type Answers } from "./questionnaire/answers.ts";
import type { Questionnaire } from "./questionnaire/definition.ts";
import { allQuestions } from "./questionnaire/definition.ts";
import {
  composeQuestionnaireDocument,
  readQuestionnaireDocument,
  type DocumentReading,
} from "./questionnaire/document.ts";
import { kindOf } from "./questionnaire/kinds/index.ts";
import type { KeptReply, Response } from "./responses.ts";

export type { KeptReply } from "./responses.ts";

/**
 * The largest reply read or kept: a questionnaire in Word is far smaller (tens of KB). It comes in
 * one request, base64-encoded by API Gateway within Lambda's 6 MB payload.
 */
export const REPLY_MAX_BYTES = 4 * 1024 * 1024;

/** Where the documents members send back are kept: one folder per campaign and member. */
export const replyKey = (campaignId: string, memberCode: string, at: string, file: string) =>
  `replies/${campaignId}/${memberCode}/${at.replace(/[:.]/g, "-")}-${safeName(file)}`;

/** A file name that is safe in a key and a Content-Disposition header: letters, digits, . - _ */
export const safeName = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+/, "")
    .slice(-80) || "document";

/**
 * A kept file's name with the extension of what it is (checked by content): a PDF named "x.html" is
 * kept and served as "x.pdf", so no browser ever takes an upload for a page.
 */
export const keptName = (name: string, type: "zip" | "pdf") =>
  `${safeName(name).replace(/\.[A-Za-z0-9]{1,5}$/, "")}.${type === "pdf" ? "pdf" : "docx"}`;

/** What a file is, by its first bytes (never by its name or the browser's word for it). */
export const sniff = (bytes: Uint8Array): "zip" | "pdf" | undefined => {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "zip";
  if (Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-") return "pdf";
  return undefined;
};

// The questionnaire as a document.

export type WordRequest = {
  campaign: Campaign;
  questionnaire: Questionnaire;
  lang: Language;
  /** A member's document, with its draft; none for a blank one. */
  member?: Member | undefined;
  answers?: Answers | undefined;
};

/** The questionnaire as .docx bytes and the file's name, in `lang`. */
export const wordQuestionnaire = async (
  ports: Pick<Ports, "documents" | "views">,
  r: WordRequest,
): Promise<{ filename: string; content: Uint8Array }> => {
  const t = (key: string) => ports.views.translate(r.lang, key);
  const zone = r.member?.timeZone ?? r.campaign.timeZone;
  const doc = composeQuestionnaireDocument({
    questionnaire: r.questionnaire,
    lang: r.lang,
    t,
    member: r.member && { code: r.member.code, name: r.member.name[r.lang], group: r.member.group },
    answers: r.answers,
    campaignId: r.campaign.id,
    campaignTitle: r.campaign.title[r.lang],
    deadline: `${formatDateTime(r.campaign.closesAt, r.lang, zone)} (${zone})`,
    secretariat: secretariatIn(r.campaign.secretariat, r.lang),
  });
  const content = await ports.documents.questionnaireDocx(doc, t("document.reference"));
  const who = r.member ? r.member.code : t("document.blank_name");
  return { filename: safeName(`${t("document.filename")}-${who}-${r.lang}.docx`), content };
};

// A document sent back.

export type Uploader = {
  /** Who uploaded it: a focal point on the form, or the Secretariat in the console. */
  role: "focal-point" | "contributor" | "secretariat";
  name: string;
  /** The contact (focal point) or the signed-in address (Secretariat). */
  id: string;
};

export type WordReplyOutcome = {
  kind: "word";
  response: Response;
  /** Questions whose answers the document changed in the draft. */
  applied: string[];
  /** Answers the document holds that were not taken, each with why (as a form post's errors). */
  errors: FieldError[];
  /** Questions left blank in the document while the draft holds an answer: the draft's is kept. */
  keptBlank: string[];
  /** Controls the questionnaire does not know (tag), or found twice: listed, never silently dropped. */
  unrecognised: string[];
  duplicated: string[];
  /** Questions whose controls are gone from the document: the draft's answers stay. */
  missing: string[];
  /** The document was made from another version of the questionnaire. */
  otherVersion: boolean;
};

export type AttachmentOutcome = { kind: "attachment"; response: Response; kept: KeptReply };

type ReplyPorts = { repository: EmailStore & InvitationStore & ResponseStore } & Pick<
  Ports,
  "clock" | "documents" | "views" | "blobs" | "queue" | "log"
>;

export type ReplyRequest = {
  campaign: Campaign;
  questionnaire: Questionnaire;
  member: Member;
  file: { name: string; bytes: Uint8Array; truncated?: boolean };
  by: Uploader;
  /** The questions the uploader may change (a contributor's sections); all when undefined. */
  editable?: Set<string> | undefined;
};

/** What an unfilled control shows, in every language: read as nothing typed. */
const placeholders = (views: Ports["views"]) =>
  LANGUAGES.flatMap((l) => [views.translate(l, "document.type_here"), views.translate(l, "document.choose")]);

/**
 * Takes a returned document into the member's answer. A .docx made from the Word questionnaire is
 * read into the draft, question by question, each answer validated as a form post would be; any
 * other .docx or a PDF is kept as an attachment to transcribe. Nothing is ever submitted: the draft
 * goes through the focal point's review and submission like any other. The file itself is kept.
 */
export const takeReply = async (
  ports: ReplyPorts,
  r: ReplyRequest,
): Promise<WordReplyOutcome | AttachmentOutcome> => {
  const { bytes } = r.file;
  // A file the body reader cut at its limit is as refused as one that arrived whole and too large.
  if (r.file.truncated || bytes.length > REPLY_MAX_BYTES)
    throw new BadRequest("reply_too_large", "The document is larger than the limit", {
      limit: Math.round(REPLY_MAX_BYTES / (1024 * 1024)),
    });
  const type = sniff(bytes);
  if (!type) throw new BadRequest("reply_not_a_document", "The file is neither a .docx nor a PDF");
  const at = ports.clock.now().toISOString();
  const key = replyKey(r.campaign.id, r.member.code, at, keptName(r.file.name, type));
  const contentType =
    type === "pdf"
      ? "application/pdf"
      : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  const kept = (kind: KeptReply["kind"], applied?: string[]): KeptReply => ({
    file: r.file.name.slice(0, 200),
    key,
    at,
    by: r.by.name,
    role: r.by.role,
    kind,
    contentType,
    ...(applied ? { applied } : {}),
  });
  if (type === "pdf") return keepAttachment(ports, r, kept("attachment"), bytes);

  // Refuses a zip that is no Word document, or one built to hurt (adapters/docx-documents.ts).
  const read = await ports.documents.readWordDocument(bytes);
  const reading = readQuestionnaireDocument(r.questionnaire, read.controls, placeholders(ports.views));
  const fromOurs = reading.reference !== undefined || Object.keys(reading.values).length > 0;
  if (!fromOurs) return keepAttachment(ports, r, kept("attachment"), bytes);
  const ref = reading.reference;
  if (ref && (ref.campaignId !== r.campaign.id || (ref.memberCode && ref.memberCode !== r.member.code)))
    throw new BadRequest("reply_other_member", "This document was made for another member or consultation", {
      member: ref.memberCode ?? "",
    });

  for (let attempt = 1; ; attempt++) {
    const stored = await ports.repository.getResponse(r.campaign.id, r.member.code);
    const outcome = merge(r, reading, stored);
    const next = answerWith(r, stored, outcome.answers, at, outcome.applied, kept("word", outcome.applied));
    // The file first: an answer never names a file that is not there.
    if (attempt === 1) await ports.blobs.put(key, bytes, contentType);
    if (await ports.repository.saveResponse(next, stored?.version ?? 0)) {
      if (r.by.role === "secretariat") await askForReview(ports, next);
      return {
        kind: "word",
        response: next,
        applied: outcome.applied,
        errors: outcome.errors,
        keptBlank: outcome.keptBlank,
        unrecognised: reading.unrecognised,
        duplicated: reading.duplicated,
        missing: reading.missing,
        otherVersion: ref !== undefined && ref.version !== r.questionnaire.version,
      };
    }
    if (attempt >= 3)
      throw new Conflict("version_conflict", "Someone else saved this answer in the meantime", {
        storedVersion: stored?.version ?? 0,
      });
  }
};

/** The document's answers over the draft: valid ones taken, others listed with their errors. */
const merge = (r: ReplyRequest, reading: DocumentReading, stored: Response | undefined) => {
  const draft = stored?.answers ?? {};
  const answers: Answers = { ...draft };
  const applied: string[] = [];
  const errors: FieldError[] = [];
  const keptBlank: string[] = [];
  for (const { question } of allQuestions(r.questionnaire)) {
    if (!(question.id in reading.values)) continue;
    const posted = kindOf(question).fromForm(question, reading.values[question.id]);
    if (r.editable && !r.editable.has(question.id)) {
      // A contributor's document may hold answers to sections that are not theirs: said, not taken.
      if (
        emptyToUndefined(posted) !== undefined &&
        JSON.stringify(emptyToUndefined(posted)) !== JSON.stringify(draft[question.id])
      )
        errors.push({ path: question.id, code: "not_editable" });
      continue;
    }
    if (emptyToUndefined(posted) === undefined) {
      if (draft[question.id] !== undefined) keptBlank.push(question.id);
      continue;
    }
    const one = validateAnswers(r.questionnaire, { [question.id]: posted }, "draft", r.member.group);
    if (!one.ok) {
      errors.push(...one.error);
      continue;
    }
    const value = one.value[question.id];
    if (value === undefined || JSON.stringify(value) === JSON.stringify(draft[question.id])) continue;
    answers[question.id] = value;
    applied.push(question.id);
  }
  return { answers, applied, errors, keptBlank };
};

/** The member's answer with the reply's answers and its record; its status and submission unchanged. */
const answerWith = (
  r: ReplyRequest,
  stored: Response | undefined,
  answers: Answers,
  at: string,
  applied: string[],
  reply: KeptReply,
): Response => {
  const contributions = { ...(stored?.contributions ?? {}) };
  for (const id of applied) contributions[id] = { by: `${r.by.name} (${reply.file})`, at };
  const { replies: earlier = [], ...rest } = stored ?? ({} as Partial<Response>);
  return {
    ...rest,
    campaignId: r.campaign.id,
    memberCode: r.member.code,
    // A reply after a submission leaves the submission in force until the next submit, as a draft does.
    status: stored?.status ?? "draft",
    version: (stored?.version ?? 0) + 1,
    answers,
    updatedAt: at,
    updatedBy: { contactId: r.by.id, name: r.by.name },
    contributions,
    replies: [...earlier, reply],
  };
};

/** A document not made from the Word questionnaire: kept with the answer, to transcribe by hand. */
const keepAttachment = async (
  ports: ReplyPorts,
  r: ReplyRequest,
  kept: KeptReply,
  bytes: Uint8Array,
): Promise<AttachmentOutcome> => {
  await ports.blobs.put(kept.key, bytes, kept.contentType);
  for (let attempt = 1; ; attempt++) {
    const stored = await ports.repository.getResponse(r.campaign.id, r.member.code);
    const { replies: earlier = [], ...rest } = stored ?? ({} as Partial<Response>);
    // Only the record of the file changes: the answers and their version's meaning stay.
    const next: Response = {
      ...rest,
      campaignId: r.campaign.id,
      memberCode: r.member.code,
      status: stored?.status ?? "draft",
      version: (stored?.version ?? 0) + 1,
      answers: stored?.answers ?? {},
      updatedAt: stored?.updatedAt ?? kept.at,
      updatedBy: stored?.updatedBy ?? { contactId: r.by.id, name: r.by.name },
      replies: [...earlier, kept],
    };
    if (await ports.repository.saveResponse(next, stored?.version ?? 0)) {
      if (r.by.role === "secretariat") await askForReview(ports, next);
      return { kind: "attachment", response: next, kept };
    }
    if (attempt >= 3)
      throw new Conflict("version_conflict", "Someone else saved this answer in the meantime", {
        storedVersion: stored?.version ?? 0,
      });
  }
};

/**
 * The member's focal points are asked to review the draft and submit it: one email each per reply
 * (the answer's version names it). Queued after the draft is stored; a failure is logged, the reply
 * stays taken, and the Secretariat sees the draft in the console either way.
 */
export const askForReview = async (
  ports: { repository: EmailStore & InvitationStore } & Pick<Ports, "clock" | "queue" | "log">,
  response: Response,
) => {
  try {
    const signatories = (
      await ports.repository.listMemberInvitations(response.campaignId, response.memberCode)
    ).filter(
      (i) =>
        (i.role ?? "signatory") === "signatory" && !["revoked", "bounced", "complained"].includes(i.state),
    );
    const now = ports.clock.now();
    const jobs: EmailJob[] = signatories.map((i) => ({
      campaignId: response.campaignId,
      memberCode: response.memberCode,
      contactId: i.contactId,
      kind: "review",
      n: String(response.version),
    }));
    const created = await Promise.all(jobs.map((job) => ports.repository.createEmail(newEmail(job, now))));
    await ports.queue.enqueue(jobs.filter((_, i) => created[i]));
  } catch (error) {
    ports.log.error("review emails not queued", {
      campaign: response.campaignId,
      member: response.memberCode,
      error: String(error),
    });
  }
};
