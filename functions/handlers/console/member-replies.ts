// A member's documents in the console: its questionnaire in Word (with its draft) or a blank one, a
// document sent back uploaded on its behalf, the documents kept, and the side-by-side screen where
// one that was not made from the Word questionnaire is transcribed into the draft.
import { NotFound, ValidationFailed, ConsultaError } from "../../core/errors.ts";
import { buildFormView } from "../../core/form-view.ts";
import { isLanguage, type Language } from "../../core/languages.ts";
import type { Ports } from "../../core/ports.ts";
import { answerBase, readAnswerBase } from "../../core/questionnaire/answer-merge.ts";
import { answersFromForm } from "../../core/questionnaire/form-input.ts";
import { refusalView, replyView } from "../../core/reply-view.ts";
import { saveResponse, type RespondentSession } from "../../core/respond.ts";
import {
  REPLY_MAX_BYTES,
  askForReview,
  keptName,
  takeReply,
  wordQuestionnaire,
  type KeptReply,
} from "../../core/word-replies.ts";
import { attachment, redirect } from "../../http/responses.ts";
import { field, type ConsolePage, type SignedInRequest } from "./page.ts";

const replyHref = (campaignId: string, memberCode: string) =>
  `/console/campaigns/${encodeURIComponent(campaignId)}/members/${encodeURIComponent(memberCode)}/replies`;

/** The campaign, its questionnaire and the member, or a 404 naming what is missing. */
const memberOf = async (ports: Ports, campaignId: string, memberCode: string) => {
  const campaign = await ports.repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("not_found", `No campaign ${campaignId}`);
  const [questionnaire, member, response] = await Promise.all([
    ports.repository.getQuestionnaire(campaign.questionnaireId, campaign.questionnaireVersion),
    memberCode ? ports.repository.getMember(memberCode) : undefined,
    memberCode ? ports.repository.getResponse(campaignId, memberCode) : undefined,
  ]);
  if (!questionnaire) throw new NotFound("not_found", `No questionnaire for campaign ${campaignId}`);
  if (memberCode && (!member || !campaign.invited.includes(memberCode)))
    throw new NotFound("not_found", `${memberCode} is not invited to this campaign`);
  return { campaign, questionnaire, member, response };
};

const languageOf = (r: SignedInRequest): Language => (isLanguage(r.query.lang) ? r.query.lang : r.lang);

/** GET …/word?lang=pt: the blank questionnaire in Word. */
export const blankWord: ConsolePage = {
  answer: async (r) => {
    const { campaign, questionnaire } = await memberOf(r.ports, r.params.campaignId ?? "", "");
    const word = await wordQuestionnaire(r.ports, { campaign, questionnaire, lang: languageOf(r) });
    return attachment(word.content, word.filename);
  },
};

/**
 * The Secretariat as the author of a draft it transcribes: never a signatory's submission (the page
 * only saves drafts), its name the signed-in address.
 */
const secretariatSession = (
  r: SignedInRequest,
  found: Awaited<ReturnType<typeof memberOf>>,
): RespondentSession => {
  const member = found.member!;
  return {
    token: {
      tokenHash: "",
      campaignId: found.campaign.id,
      memberCode: member.code,
      contactId: r.session.email,
      status: "active",
      issuedAt: "",
    },
    campaign: found.campaign,
    questionnaire: found.questionnaire,
    member,
    contact: {
      id: r.session.email,
      name: r.session.email,
      email: r.session.email,
      role: "secretariat",
      revoked: false,
    },
    invitation: undefined,
    role: "signatory",
    sections: undefined,
    response: found.response,
    contributors: [],
  };
};

/** The page: downloads, the upload form, the kept documents, and one of them beside the draft. */
const render = async (
  r: SignedInRequest,
  found: Awaited<ReturnType<typeof memberOf>>,
  extra: {
    reply?: object;
    status?: number;
    values?: Record<string, unknown>;
    errors?: ValidationFailed["fieldErrors"];
    saved?: boolean;
  } = {},
) => {
  const { campaign, questionnaire, response } = found;
  const member = found.member!;
  const t = (key: string) => r.ports.views.translate(r.lang, key);
  const replies = response?.replies ?? [];
  const shownIndex = r.query.reply !== undefined ? Number(r.query.reply) : undefined;
  const shown = shownIndex !== undefined ? replies[shownIndex] : undefined;
  const text = shown ? await documentText(r.ports, shown) : undefined;
  const session = secretariatSession(r, found);
  const values = extra.values ?? response?.answers ?? {};
  const form = shown
    ? buildFormView(session, r.lang, values, extra.errors ?? [], response?.version ?? 0, undefined, {
        t,
        base: answerBase(questionnaire, response?.answers ?? {}),
      })
    : undefined;
  return r.render(
    "member-replies",
    {
      campaign: { id: campaign.id, title: campaign.title[r.lang] },
      member: { code: member.code, name: member.name[r.lang] },
      href: replyHref(campaign.id, member.code),
      languages: ["es", "en", "fr", "pt"],
      replyMaxMb: Math.floor(REPLY_MAX_BYTES / (1024 * 1024)),
      reply: extra.reply,
      saved: extra.saved ?? r.query.saved === "1",
      status: response ? (response.submittedAt ? "submitted" : "draft") : "none",
      replies: replies
        .map((k, index) => ({ ...k, index, word: k.kind === "word", applied: k.applied?.length ?? 0 }))
        .reverse(),
      shown: shown && {
        index: shownIndex,
        file: shown.file,
        text: text?.text,
        pdf: text?.pdf,
        pages: text?.pages,
        cut: text?.cut,
      },
      form,
    },
    extra.status,
  );
};

/**
 * The text of a kept document: a .docx by the Word reader, a PDF by the PDF reader (adapters/pdf-text.ts),
 * page by page. One that cannot be read is offered as a download, with a word on why, never an error.
 */
const documentText = async (ports: Ports, kept: KeptReply) => {
  const pdf = kept.contentType === "application/pdf";
  const bytes = await ports.blobs.get(kept.key);
  if (!bytes) return { pdf, text: undefined };
  try {
    if (!pdf) return { pdf, text: (await ports.documents.readWordDocument(bytes)).text };
    const read = await ports.documents.readPdfText?.(bytes);
    const pages = read?.pages
      .map((paragraphs, i) => ({ number: i + 1, text: paragraphs.join("\n\n") }))
      .filter((page) => page.text);
    if (!read || !pages?.length) return { pdf, text: undefined };
    return { pdf, text: undefined, pages, cut: read.cut && { read: read.pages.length, of: read.pageCount } };
  } catch (error) {
    if (!(error instanceof ConsultaError) || error.status >= 500)
      ports.log.warn("document not read", { error: String(error) });
    return { pdf, text: undefined };
  }
};

/** GET …/members/{memberCode}/replies: the page; with ?format=docx&lang=pt, the member's Word questionnaire; with ?file=<n>, a kept document. */
export const memberReplies: ConsolePage = {
  answer: async (r) => {
    const { campaignId = "", memberCode = "" } = r.params;
    const found = await memberOf(r.ports, campaignId, memberCode);
    if (r.query.format === "docx") {
      const word = await wordQuestionnaire(r.ports, {
        campaign: found.campaign,
        questionnaire: found.questionnaire,
        lang: languageOf(r),
        member: found.member,
        answers: found.response?.answers,
      });
      return attachment(word.content, word.filename);
    }
    if (r.query.file !== undefined) {
      const kept = found.response?.replies?.[Number(r.query.file)];
      const bytes = kept && (await r.ports.blobs.get(kept.key));
      if (!kept || !bytes) throw new NotFound("not_found", "No such document");
      // Served as what it was checked to be (its key ends .pdf or .docx), to save, never to show:
      // attachment() says so and adds nosniff.
      return attachment(
        bytes,
        keptName(
          kept.key.split("/").pop() ?? "document",
          kept.contentType === "application/pdf" ? "pdf" : "zip",
        ),
      );
    }
    return render(r, found);
  },
};

/** POST …/replies: a document uploaded on the member's behalf, or the transcribed draft saved. */
export const postMemberReply: ConsolePage = {
  answer: async (r) => {
    const { campaignId = "", memberCode = "" } = r.params;
    const found = await memberOf(r.ports, campaignId, memberCode);
    const action = field(r.form, "action");
    if (action === "draft" || action === "draft-review") return saveTranscription(r, found, action);
    const upload = r.form.upload as { filename: string; bytes: Uint8Array } | undefined;
    if (!upload || !upload.bytes.length)
      return render(r, found, { reply: { refusedKey: "replies.no_file" }, status: 400 });
    try {
      const outcome = await takeReply(r.ports, {
        campaign: found.campaign,
        questionnaire: found.questionnaire,
        member: found.member!,
        file: { name: upload.filename, bytes: upload.bytes },
        by: { role: "secretariat", name: r.session.email, id: r.session.email },
      });
      r.did({
        action:
          outcome.kind === "word" ? "took a Word reply into the draft" : "kept a document to transcribe",
        campaignId,
        target: memberCode,
        detail: upload.filename.slice(0, 200),
        ...(outcome.kind === "word"
          ? { counts: { applied: outcome.applied.length, refused: outcome.errors.length } }
          : {}),
      });
      const t = (key: string) => r.ports.views.translate(r.lang, key);
      return render(
        r,
        { ...found, response: outcome.response },
        { reply: replyView(found.questionnaire, outcome, r.lang, t) },
      );
    } catch (error) {
      if (!(error instanceof ConsultaError) || error.status >= 500) throw error;
      return render(r, found, { reply: refusalView(error), status: error.status });
    }
  },
};

/** The draft as transcribed beside a document: saved as a draft the focal points then review. */
const saveTranscription = async (
  r: SignedInRequest,
  found: Awaited<ReturnType<typeof memberOf>>,
  action: "draft" | "draft-review",
) => {
  const session = secretariatSession(r, found);
  const typed = answersFromForm(found.questionnaire, r.form);
  const base = readAnswerBase(found.questionnaire, r.form.base);
  try {
    const saved = await saveResponse(
      r.ports,
      "",
      {
        action: "draft",
        answers: typed,
        baseVersion: Number.parseInt(field(r.form, "baseVersion"), 10) || 0,
        ...(base ? { base } : {}),
      },
      session,
    );
    if (action === "draft-review") await askForReview(r.ports, saved.response);
    r.did({
      action: "transcribed a document into the draft",
      campaignId: found.campaign.id,
      target: found.member!.code,
    });
  } catch (error) {
    if (error instanceof ValidationFailed)
      return render(r, found, { values: typed, errors: error.fieldErrors, status: 422 });
    throw error;
  }
  const back = `${replyHref(found.campaign.id, found.member!.code)}?reply=${encodeURIComponent(field(r.form, "reply"))}&saved=1`;
  return redirect(back);
};
