// GET and POST /r/{token}: the respondent's form, drafts and submission. Server-rendered and complete
// without JavaScript; with it, the page autosaves through the same POST asking for JSON.
import { buildConfirmationView } from "../core/confirmation-view.ts";
import {
  Conflict,
  ConsultaError,
  Forbidden,
  MethodNotAllowed,
  NotFound,
  TryAgain,
  ValidationFailed,
} from "../core/errors.ts";
import {
  answerDifferences,
  buildFormView,
  timeOfDay,
  type InviteInput,
  type Notice,
} from "../core/form-view.ts";
import { sqsJobQueue } from "../adapters/sqs-job-queue.ts";
import { queueTranslation } from "../core/jobs.ts";
import { isLanguage, type Language } from "../core/languages.ts";
import type { Ports } from "../core/ports.ts";
import { answersFromForm } from "../core/questionnaire/form-input.ts";
import { inviteContributor, revokeContributor } from "../core/contributors.ts";
import {
  editableQuestions,
  openResponse,
  refreshSession,
  saveResponse,
  type RespondentSession,
} from "../core/respond.ts";
import {
  answerBase,
  readAnswerBase,
  valuesAfterConflict,
  type AnswerBase,
} from "../core/questionnaire/answer-merge.ts";
import { receiptCopy } from "../core/receipt-copy.ts";
import {
  attachFiles,
  memberFile,
  uploadForm,
  withoutFile,
  type AttachedFiles,
} from "../core/attach-files.ts";
import { attachmentHeaders } from "../core/attachments.ts";
import { FORM_FILES, type FormFile } from "../http/multipart.ts";
import { s3BlobStore } from "../adapters/s3-blob-store.ts";
import type { ResponseVersion } from "../core/responses.ts";
import { memberOutcomesView } from "../core/work-plan/member-outcomes.ts";
import { lastCycleNotesFor } from "../core/work-plan/last-cycle.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { bodyBytes, header, requestLanguage, type HttpEvent } from "../http/request.ts";
import {
  attachment,
  connectingTo,
  htmlResponse,
  jsonResponse,
  redirect,
  storedFile,
} from "../http/responses.ts";
import { pdfDocuments } from "../adapters/pdf-documents.ts";
import { wordDocuments } from "../adapters/docx-documents.ts";
import { REPLY_MAX_BYTES, takeReply, wordQuestionnaire } from "../core/word-replies.ts";
import { formatDateTime } from "../core/format.ts";
import { refusalView, replyView } from "../core/reply-view.ts";
import { sqsEmailQueue } from "../adapters/sqs-email-queue.ts";

const sessionLanguage = (event: HttpEvent, session: RespondentSession, posted?: unknown): Language =>
  isLanguage(posted)
    ? posted
    : (requestLanguage(event, session.contact.language ?? session.member.language) as Language);

type FormState = {
  values: Record<string, unknown>;
  errors?: ValidationFailed["fieldErrors"];
  baseVersion: number;
  notice?: Notice;
  extraRows?: Record<string, number>;
  differences?: ReturnType<typeof answerDifferences>;
  /** The base the page carries: what each question held when this person first loaded it. */
  base?: AnswerBase | undefined;
  invite?: InviteInput;
  /** What became of a document sent back (core/reply-view.ts). */
  reply?: object;
  /** Carried-over answers ticked as confirmed, shown ticked again when the page comes back unsaved. */
  confirming?: string[];
};

/** The carried-over answers a post confirms: `carriedConfirm[]` checkboxes, one per question id. */
const confirmedOf = (form: Record<string, unknown>): string[] => {
  const value = form.carriedConfirm;
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === "string");
};

/** The colleague's invitation as the person typed it, with what was wrong in it. */
const inviteAsTyped = (posted: unknown, error: ConsultaError): InviteInput => {
  const fields = (posted && typeof posted === "object" ? posted : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const sections = Array.isArray(fields.sections) ? fields.sections.map(text) : [];
  return {
    name: text(fields.name),
    email: text(fields.email),
    sections,
    errors: error instanceof ValidationFailed ? error.fieldErrors : [],
  };
};

/** Two submitted versions side by side: `?compare=1,3`. */
const comparisonOf = (
  session: RespondentSession,
  versions: ResponseVersion[],
  query: string | undefined,
  lang: Language,
  t: (key: string) => string,
) => {
  const [from, to] = (query ?? "").split(",").map(Number);
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);
  if (!a || !b) return undefined;
  return {
    from: a.version,
    to: b.version,
    differences: answerDifferences(session.questionnaire, b.answers, a.answers, lang, t),
  };
};

const renderForm = async (
  ports: Ports,
  status: number,
  session: RespondentSession,
  lang: Language,
  state: FormState,
  compare?: string,
) => {
  const t = (key: string) => ports.views.translate(lang, key);
  // Read with the session on a page load; after a post, read now (the page shows the whole history).
  const contributors = session.role === "signatory" ? session.contributors : [];
  const versions =
    session.versions ??
    (await ports.repository.listResponseVersions(session.campaign.id, session.member.code));
  const comparison = comparisonOf(session, versions, compare, lang, t);
  // Once the meeting adopted its Work Plan: what became of this member's own requests.
  // And, when this campaign looks back to an earlier one, what became of last cycle's, question by question.
  const [outcomes, lastCycle] = await Promise.all([
    memberOutcomesView(ports, session.campaign, session.questionnaire, versions, lang),
    lastCycleNotesFor(ports, session.campaign, session.member.code, session.questionnaire, lang),
  ]);
  return htmlResponse(
    status,
    ports.views.render("web/form", {
      ...buildFormView(session, lang, state.values, state.errors ?? [], state.baseVersion, state.notice, {
        extraRows: state.extraRows ?? {},
        differences: state.differences ?? [],
        contributors,
        versions,
        t,
        ...(comparison ? { comparison } : {}),
        ...(state.base ? { base: state.base } : {}),
        ...(state.invite ? { invite: state.invite } : {}),
        ...(state.confirming ? { confirming: state.confirming } : {}),
        ...(lastCycle ? { lastCycle } : {}),
      }),
      ...(outcomes ? { outcomes } : {}),
      reply: state.reply,
      replyMaxMb: Math.floor(REPLY_MAX_BYTES / (1024 * 1024)),
      // Who sent which document back, and when: the answer's record, shown to those who answer.
      keptReplies: (session.response?.replies ?? [])
        .map((k) => ({
          file: k.file,
          by: k.by,
          at: formatDateTime(k.at, lang, session.member.timeZone ?? session.campaign.timeZone),
        }))
        .reverse(),
    }),
  );
};

/**
 * The service was too busy even to open the form: a page holding every posted field, to send again
 * unchanged with one button, so what was typed survives without the questionnaire to show it in.
 */
const tryAgainPage = (ports: Ports, event: HttpEvent, posted: unknown, body: Buffer) => {
  const lang = isLanguage(posted) ? posted : (requestLanguage(event) ?? "en");
  const t = (key: string) => ports.views.translate(lang, key);
  const repost = [...new URLSearchParams(body.toString("utf8"))].map(([name, value]) => ({ name, value }));
  return htmlResponse(
    503,
    ports.views.render("web/error", {
      lang,
      heading: t("error.try_again.heading"),
      body: t("error.try_again.kept"),
      status: 503,
      code: "try_again",
      repost,
    }),
  );
};

/** Buttons that change the page, not the stored answer: language, add or remove an entry. */
const pageAction = (action: string, typed: Record<string, unknown>) => {
  const [verb, id = "", index] = action.split(":");
  if (verb === "lang" && isLanguage(id)) return { lang: id };
  const rows = Array.isArray(typed[id]) ? (typed[id] as unknown[]) : [];
  if (verb === "add-row") {
    const blank = rows.filter(
      (r) => !r || Object.values(r as object).every((v) => v === "" || v === undefined),
    ).length;
    return { extraRows: { [id]: Math.max(1, blank) } };
  }
  if (verb === "remove-row")
    return { values: { ...typed, [id]: rows.filter((_, i) => i !== Number(index)) } };
  return undefined;
};

export const createRespondentFormHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports, config, context) => {
      const token = event.pathParameters?.token ?? "";
      const method = event.requestContext.http.method;
      if (method === "GET") {
        const session = await openResponse(ports, token, { history: true });
        const lang = sessionLanguage(event, session);
        const response = session.response;
        const query = event.queryStringParameters ?? {};
        // A file this member attached: only among its own draft's and versions' answers, always a download.
        if (query.attachment !== undefined) {
          const found = await memberFile(
            ports,
            session.campaign.id,
            session.member.code,
            [response?.answers ?? {}, ...(session.versions ?? []).map((v) => v.answers)],
            session.questionnaire,
            query.attachment,
          );
          if (!found) throw new NotFound("not_found", "This member has no such file");
          return storedFile(found.bytes, attachmentHeaders(found.ref));
        }
        // The questionnaire in Word, with this member's draft filled in.
        if (query.format === "docx") {
          const word = await wordQuestionnaire(ports, {
            campaign: session.campaign,
            questionnaire: session.questionnaire,
            lang,
            member: session.member,
            answers: response?.answers,
          });
          return attachment(word.content, word.filename);
        }
        // A submission's PDF copy: only among this member's own versions, which the link opens.
        if (query.format === "pdf" && query.receipt !== undefined) {
          const kept = session.versions ?? [];
          const submission = kept.find((v) => String(v.version) === query.receipt);
          if (!submission) throw new NotFound("not_found", `This member has no submission ${query.receipt}`);
          const { campaign, member, contact, questionnaire } = session;
          const copy = await receiptCopy(
            ports,
            { campaign, member, contact, lang },
            submission,
            questionnaire,
            kept,
          );
          return attachment(copy.content, copy.filename);
        }
        if (query.submitted && response && response.submittedVersion === response.version) {
          const t = (key: string) => ports.views.translate(lang, key);
          const kept = session.versions ?? [];
          const submitted = kept.find((v) => v.version === response.version);
          return htmlResponse(
            200,
            ports.views.render("web/confirmation", {
              ...buildConfirmationView(session, response, lang, t, kept),
              receiptCode: submitted?.receiptCode,
              receiptVersion: submitted?.version,
            }),
          );
        }
        const notice: Notice | undefined =
          query.saved && response ? { kind: "saved", at: response.updatedAt } : undefined;
        return renderForm(
          ports,
          200,
          session,
          lang,
          {
            values: response?.answers ?? {},
            baseVersion: response?.version ?? 0,
            ...(notice ? { notice } : {}),
          },
          query.compare,
        );
      }
      if (method !== "POST") throw new MethodNotAllowed();

      // Read by the body parser before the handler: an HTML form, nothing else.
      const form = (context.body ?? {}) as Record<string, unknown>;
      let session: RespondentSession;
      try {
        session = await openResponse(ports, token);
      } catch (error) {
        // Without the session there is no form to show the text in: a page that keeps it instead.
        if (error instanceof TryAgain && !(header(event, "accept") ?? "").includes("application/json"))
          return tryAgainPage(ports, event, form.lang, bodyBytes(event, config.maxBodyBytes));
        throw error;
      }
      const lang = sessionLanguage(event, session, form.lang);
      // The page's script asks where to send a file straight to the store (presigned POST), if it can.
      if (event.routeKey === "POST /r/{token}/uploads")
        return jsonResponse(200, (await uploadForm(ports, session, form)) ?? { direct: false });
      let typed = answersFromForm(session.questionnaire, form);
      const baseVersion = Number.parseInt(String(form.baseVersion ?? "0"), 10) || 0;
      const base = readAnswerBase(session.questionnaire, form.base);
      let action = typeof form.action === "string" ? form.action : "draft";
      // Files: those posted with the form are stored and named in their answers; "remove" beside one
      // takes it out of the draft (earlier versions keep theirs). Refusals are said beside the question.
      const [removing, removeFrom = "", removeId = ""] = action.split(":");
      if (removing === "remove-file") {
        typed = withoutFile(typed, removeFrom, removeId) as typeof typed;
        action = "draft";
      }
      const attached: AttachedFiles = await attachFiles(
        ports,
        session,
        typed,
        (form as { [FORM_FILES]?: FormFile[] })[FORM_FILES] ?? [],
        form.attach,
      );
      typed = attached.answers as typeof typed;
      const confirming = confirmedOf(form);

      // Inviting or revoking a contributor re-renders the page with what was typed: nothing unsaved is lost,
      // and what cannot be done is said on the form, beside the field, in the form's language.
      if (action === "invite-contributor" || action.startsWith("revoke-contributor:")) {
        const inviting = action === "invite-contributor";
        try {
          if (inviting)
            await inviteContributor(ports, session, form.contributor, {
              maxPerMember: config.maxContributorsPerMember,
            });
          else await revokeContributor(ports, session, action.slice("revoke-contributor:".length));
        } catch (error) {
          if (!(error instanceof ConsultaError) || error.status >= 500) throw error;
          const invite = inviting ? inviteAsTyped(form.contributor, error) : undefined;
          return renderForm(ports, error.status, session, lang, {
            values: typed,
            baseVersion,
            base,
            confirming,
            ...(invite ? { invite } : {}),
            notice:
              error instanceof ValidationFailed
                ? { kind: "invite-errors" }
                : { kind: "refused", code: error.code, params: error.details },
          });
        }
        const fresh = await refreshSession(ports, session);
        return renderForm(ports, 200, fresh, lang, {
          values: typed,
          baseVersion,
          base,
          confirming,
          notice: { kind: inviting ? "invited" : "revoked" },
        });
      }

      // A document sent back (multipart, no JavaScript needed): read into the draft, never submitted.
      if (action === "word-reply") return wordReply(ports, session, lang, form);

      const page = pageAction(action, typed);
      if (page) {
        return renderForm(ports, 200, session, page.lang ?? lang, {
          values: page.values ?? typed,
          baseVersion,
          base,
          confirming,
          ...(page.extraRows ? { extraRows: page.extraRows } : {}),
        });
      }

      const wantsJson = (header(event, "accept") ?? "").includes("application/json");
      // A file refused: what was typed is saved as a draft, never submitted, and the page says why.
      const submit = action === "submit" && !attached.errors.length;
      try {
        const saved = await saveResponse(
          ports,
          token,
          {
            action: submit ? "submit" : "draft",
            answers: typed,
            baseVersion,
            ...(base ? { base } : {}),
            language: lang,
            confirm: confirming,
          },
          session,
        );
        const { response } = saved;
        if (saved.submitted) await queueTranslation(ports, saved.submitted);
        if (attached.status && !wantsJson)
          return renderForm(ports, attached.status, session, lang, {
            values: typed,
            errors: attached.errors,
            baseVersion: response.version,
            base: saved.base,
            notice: { kind: "errors" },
          });
        if (wantsJson) {
          return jsonResponse(200, {
            version: response.version,
            base: saved.base,
            mergedOthers: saved.mergedOthers,
            savedAt: response.updatedAt,
            savedAtTime: timeOfDay(
              response.updatedAt,
              lang,
              session.member.timeZone ?? session.campaign.timeZone,
            ),
            savedBy: response.updatedBy.name,
          });
        }
      } catch (error) {
        if (wantsJson) throw error; // the autosave script reads the JSON error
        if (error instanceof ValidationFailed) {
          return renderForm(ports, 422, session, lang, {
            values: typed,
            errors: [...error.fieldErrors, ...attached.errors],
            baseVersion,
            base,
            confirming,
            notice: { kind: "errors" },
          });
        }
        if (error instanceof Forbidden) {
          return renderForm(ports, 403, session, lang, {
            values: typed,
            baseVersion,
            base,
            confirming,
            notice: { kind: "refused", code: error.code },
          });
        }
        if (error instanceof TryAgain) {
          // DynamoDB still throttling or failing after the SDK's retries: what was typed goes back into
          // the form, with a notice to press the button again.
          return renderForm(ports, 503, session, lang, {
            values: typed,
            baseVersion,
            base,
            confirming,
            notice: { kind: "try-again" },
          });
        }
        if (error instanceof Conflict) {
          // Show what this person typed beside what the colleague saved, for the questions both changed;
          // everywhere else the page now shows what is stored, and its base is what is stored, so saving
          // again applies exactly what this person changed and nothing else.
          const fresh = await refreshSession(ports, session);
          const t = (key: string) => ports.views.translate(lang, key);
          const storedAnswers = fresh.response?.answers ?? {};
          const both = error.details.questions;
          const differences = answerDifferences(fresh.questionnaire, typed, storedAnswers, lang, t).filter(
            (d) => !Array.isArray(both) || both.includes(d.id),
          );
          const stored = fresh.response;
          return renderForm(ports, 409, fresh, lang, {
            values: base
              ? valuesAfterConflict(fresh.questionnaire, {
                  base,
                  typed,
                  stored: storedAnswers,
                  editable: editableQuestions(fresh),
                })
              : typed,
            baseVersion: stored?.version ?? 0,
            base: answerBase(fresh.questionnaire, storedAnswers),
            confirming,
            notice: {
              kind: "conflict",
              ...(stored ? { by: stored.updatedBy.name, at: stored.updatedAt } : {}),
            },
            differences,
          });
        }
        throw error;
      }
      return redirect(`?lang=${lang}&${submit ? "submitted" : "saved"}=1`);
    },
    // The form is multipart when its questionnaire asks for files (templates/web/form.hbs) and for a
    // Word reply sent back (field "upload"): every file comes under FORM_FILES with its field's name.
    {
      body: { accepts: ["form", "multipart"], formFiles: { files: 20 } },
      // The page's script may send files straight to the bucket: its CSP lets it connect there.
      use: [
        {
          after: (request) => {
            if (request.response)
              request.response = connectingTo(request.response, runtime.config().uploadOrigin);
          },
        },
      ],
    },
  );

/** The form after a document was sent back: the draft as stored now, and what became of the document. */
const wordReply = async (
  ports: Ports,
  session: RespondentSession,
  lang: Language,
  form: Record<string, unknown>,
) => {
  const t = (key: string) => ports.views.translate(lang, key);
  const upload = ((form as { [FORM_FILES]?: FormFile[] })[FORM_FILES] ?? []).find(
    (f) => f.field === "upload",
  );
  const shown = (s: RespondentSession) => ({
    values: s.response?.answers ?? {},
    baseVersion: s.response?.version ?? 0,
    base: answerBase(s.questionnaire, s.response?.answers ?? {}),
  });
  if (!upload || upload.bytes.length === 0)
    return renderForm(ports, 400, session, lang, {
      ...shown(session),
      reply: { refusedKey: "replies.no_file" },
    });
  try {
    const outcome = await takeReply(ports, {
      campaign: session.campaign,
      questionnaire: session.questionnaire,
      member: session.member,
      file: { name: upload.filename, bytes: upload.bytes, truncated: upload.truncated },
      by: {
        role: session.role === "signatory" ? "focal-point" : "contributor",
        name: session.contact.name,
        id: session.contact.id,
      },
      editable: editableQuestions(session),
    });
    const fresh = { ...session, response: outcome.response };
    return renderForm(ports, 200, fresh, lang, {
      ...shown(fresh),
      reply: { ...replyView(session.questionnaire, outcome, lang, t), linked: true },
    });
  } catch (error) {
    if (!(error instanceof ConsultaError) || error.status >= 500) throw error;
    return renderForm(ports, error.status, session, lang, {
      ...shown(session),
      reply: refusalView(error),
    });
  }
};

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { queue: sqsEmailQueue, jobs: sqsJobQueue, blobs: s3BlobStore };

// The confirmation page's PDF copy is printed here (pdfmake beside the bundle, loaded on the first copy).
export const handler = createRespondentFormHandler(
  lambdaRuntime(needs, { documents: { ...pdfDocuments, ...wordDocuments } }),
);
