// Files posted with the respondent's form: each checked by content, stored under its member, and named
// in the answer to its question; what cannot be taken is said beside the question, in the person's words.
import {
  ATTACHMENT_TYPES,
  attachmentKey,
  attachmentRef,
  safeFileName,
  sniffAttachment,
} from "./attachments.ts";
import type { FieldError } from "./errors.ts";
import type { CampaignStore, Ports, QuestionnaireStore, ResponseStore } from "./ports.ts";
import { NotFound } from "./errors.ts";
import type { Answers } from "./questionnaire/answers.ts";
import type { Questionnaire } from "./questionnaire/definition.ts";
import { filesOf } from "./questionnaire/kinds/file.ts";
import type { QuestionOf } from "./questionnaire/kinds/kind.ts";
import { editableQuestions, type RespondentSession } from "./respond.ts";

/** A file as the form's body parser read it: the field it came in (`upload[<question>]`). */
export type PostedFile = {
  field: string;
  filename: string;
  bytes: Uint8Array;
  truncated?: boolean;
  /** The id of a file the page's script sent to the store itself. */
  stored?: string;
};

type FileQuestion = QuestionOf<"file">;

/** The file questions a person may answer here, by id: top-level ones in the sections they edit. */
const fileQuestions = (questionnaire: Questionnaire, editable: Set<string>) =>
  new Map(
    questionnaire.sections
      .flatMap((s) => s.questions)
      .filter((q): q is FileQuestion => q.type === "file" && editable.has(q.id))
      .map((q) => [q.id, q]),
  );

/**
 * The answers with only files this member really stored: those its stored draft names, and those
 * just uploaded. A posted name of any other file (typed into the page by hand) is dropped, so the
 * report never links to a file that was not uploaded through the form.
 */
export const keepKnownFiles = (
  questionnaire: Questionnaire,
  typed: Answers | Record<string, unknown>,
  stored: Record<string, unknown> | undefined,
): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...typed };
  for (const q of questionnaire.sections.flatMap((s) => s.questions)) {
    if (q.type !== "file" || !(q.id in out)) continue;
    const known = new Set(filesOf(stored?.[q.id]).map((f) => attachmentRef(f)));
    const posted = Array.isArray(out[q.id]) ? (out[q.id] as unknown[]) : [out[q.id]];
    out[q.id] = posted.filter((v) => typeof v === "string" && known.has(v));
  }
  return out;
};

/** What a file's refusal is answered with: too large is 413, a type the question does not take is 415. */
const STATUS: Record<string, number> = {
  file_too_large: 413,
  file_type: 415,
  file_unsafe: 415,
  file_empty: 400,
  too_many_files: 400,
};

/**
 * Where a browser with JavaScript sends one file for a question, straight to the store: a key of this
 * member's under a new id, and a form bounded by the question's size limit. Undefined where the store
 * takes no direct uploads (the local folder): the file then comes with the form.
 */
export const uploadForm = async (
  ports: Pick<Ports, "blobs" | "random">,
  session: RespondentSession,
  posted: { question?: unknown; size?: unknown },
) => {
  const q = fileQuestions(session.questionnaire, editableQuestions(session)).get(
    String(posted.question ?? ""),
  );
  if (!q) throw new NotFound("not_found", "No file question by that id here");
  const size = Number(posted.size);
  if (!ports.blobs.uploadForm || !Number.isInteger(size) || size < 1) return undefined;
  // Too large is said by the form's own post, as without the script: the file then goes with it.
  if (size > q.maxBytes) return undefined;
  const file = newFileId(ports);
  const form = await ports.blobs.uploadForm(
    attachmentKey(session.campaign.id, session.member.code, file),
    q.maxBytes,
  );
  return { ...form, file };
};

const newFileId = (ports: Pick<Ports, "random">) =>
  ports.random
    .token()
    .replace(/[^A-Za-z0-9_-]/g, "")
    .slice(0, 32);

/** A file the browser sent straight to the store: its id and name, as the form posts it (`attach[q][]`). */
const ATTACHED = /^([A-Za-z0-9_-]{16,64}):(.{1,300})$/s;

export type AttachedFiles = {
  answers: Record<string, unknown>;
  errors: FieldError[];
  /** The status of the first refusal; undefined when every file was taken. */
  status: number | undefined;
};

/**
 * Stores each posted file that its question takes and adds it to that question's answer. A file
 * for a question this person cannot answer here is ignored; an empty file part (the browser's, when
 * no file was chosen) is no file.
 */
export const attachFiles = async (
  ports: Pick<Ports, "blobs" | "random">,
  session: RespondentSession,
  typed: Record<string, unknown>,
  uploaded: PostedFile[],
  /** The form's `attach` field: files the page's script already sent to the store, by question. */
  sentAhead?: unknown,
): Promise<AttachedFiles> => {
  let files = uploaded;
  const questions = fileQuestions(session.questionnaire, editableQuestions(session));
  const answers = keepKnownFiles(session.questionnaire, typed, session.response?.answers);
  const errors: FieldError[] = [];
  // Files already in the store (sent there by the page's script): read back and judged as any other.
  const sent = (sentAhead && typeof sentAhead === "object" ? sentAhead : {}) as Record<string, unknown>;
  for (const [questionId, list] of Object.entries(sent)) {
    for (const entry of Array.isArray(list) ? list : [list]) {
      const m = typeof entry === "string" ? ATTACHED.exec(entry) : null;
      const q = questions.get(questionId);
      if (!m || !q) continue;
      const bytes = await ports.blobs.get(attachmentKey(session.campaign.id, session.member.code, m[1]!));
      files = [
        ...files,
        { field: `upload[${questionId}]`, filename: m[2]!, bytes: bytes ?? new Uint8Array(0), stored: m[1]! },
      ];
    }
  }
  for (const posted of files) {
    const id = /^upload\[([a-z0-9-]+)\]$/.exec(posted.field)?.[1];
    const q = id ? questions.get(id) : undefined;
    if (!q || (posted.bytes.length === 0 && posted.filename === "")) continue;
    const held = filesOf(answers[q.id]).map(attachmentRef);
    const refuse = (code: string, params: Record<string, string | number>) =>
      errors.push({ path: q.id, code, params: { file: posted.filename.slice(0, 120), ...params } });
    if (held.length >= q.maxFiles) {
      refuse("too_many_files", { max: q.maxFiles });
      continue;
    }
    // Cut at the body parser's limit: larger than any question takes without the browser's script.
    const verdict = posted.truncated
      ? ({ ok: false, code: "file_too_large" } as const)
      : sniffAttachment(posted.bytes, posted.filename, q.accept, q.maxBytes);
    if (!verdict.ok) {
      refuse(verdict.code, {
        types: q.accept.join(", ").toUpperCase(),
        max: `${Math.round(q.maxBytes / 1024 / 1024)} MB`,
      });
      continue;
    }
    // A file the script sent is where it was sent; only a file that came with the form is stored now.
    const fileId = posted.stored ?? newFileId(ports);
    if (!posted.stored)
      await ports.blobs.put(
        attachmentKey(session.campaign.id, session.member.code, fileId),
        posted.bytes,
        ATTACHMENT_TYPES[verdict.type],
      );
    const ref = {
      id: fileId,
      type: verdict.type,
      size: posted.bytes.length,
      name: safeFileName(posted.filename, verdict.type),
    };
    answers[q.id] = [...held, attachmentRef(ref)];
  }
  const first = errors[0];
  return { answers, errors, status: first ? (STATUS[first.code] ?? 400) : undefined };
};

/** A question's files without one of them: "remove" beside a file in the form. */
export const withoutFile = (typed: Record<string, unknown>, questionId: string, fileId: string) => ({
  ...typed,
  [questionId]: filesOf(typed[questionId])
    .filter((f) => f.id !== fileId)
    .map(attachmentRef),
});

/**
 * A stored file of this member, if an answer of its draft or of a submitted version names it: the
 * link's own member only, as every key is under the member's code.
 */
export const memberFile = async (
  ports: Pick<Ports, "blobs">,
  campaignId: string,
  memberCode: string,
  answerSets: readonly Record<string, unknown>[],
  questionnaire: Questionnaire,
  fileId: string,
) => {
  const ids = questionnaire.sections.flatMap((s) => s.questions).filter((q) => q.type === "file");
  const ref = answerSets
    .flatMap((answers) => ids.flatMap((q) => filesOf(answers[q.id])))
    .find((f) => f.id === fileId);
  if (!ref) return undefined;
  const bytes = await ports.blobs.get(attachmentKey(campaignId, memberCode, ref.id));
  return bytes ? { ref, bytes } : undefined;
};

/**
 * A member's stored file for the Secretariat (the report's links): named by the member's draft or one
 * of its submitted versions, else not found.
 */
export const secretariatFile = async (
  ports: { repository: CampaignStore & QuestionnaireStore & ResponseStore } & Pick<Ports, "blobs">,
  campaignId: string,
  memberCode: string,
  fileId: string,
) => {
  const { repository } = ports;
  const campaign = await repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  const [questionnaire, draft, versions] = await Promise.all([
    repository.getQuestionnaire(campaign.questionnaireId, campaign.questionnaireVersion),
    repository.getResponse(campaignId, memberCode),
    repository.listResponseVersions(campaignId, memberCode),
  ]);
  const found = questionnaire
    ? await memberFile(
        ports,
        campaignId,
        memberCode,
        [draft?.answers ?? {}, ...versions.map((v) => v.answers)],
        questionnaire,
        fileId,
      )
    : undefined;
  if (!found) throw new NotFound("not_found", `No file ${fileId} of ${memberCode}`);
  return found;
};
