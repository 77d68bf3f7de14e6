// What a person is shown after sending a document back: what went into the draft, what did not and
// why (per question, in their language), and what the document held that no question claims.
import type { ConsultaError } from "./errors.ts";
import { errorSummary } from "./form-errors.ts";
import type { Language } from "./languages.ts";
import { findQuestion, type Questionnaire } from "./questionnaire/definition.ts";
import type { Translate } from "./report/model.ts";
import type { AttachmentOutcome, WordReplyOutcome } from "./word-replies.ts";

/** The codes a refused document is explained by (replies.refused.<code>); others read as "other". */
const REFUSALS = new Set([
  "reply_too_large",
  "reply_not_a_document",
  "reply_other_member",
  "not_a_document",
  "document_too_large",
  "document_unsafe",
  "payload_too_large",
  "version_conflict",
]);

export const refusalView = (error: ConsultaError) => ({
  refusedKey: `replies.refused.${REFUSALS.has(error.code) ? error.code : "other"}`,
  params: error.details,
});

export const replyView = (
  questionnaire: Questionnaire,
  outcome: WordReplyOutcome | AttachmentOutcome,
  lang: Language,
  t: Translate,
) => {
  if (outcome.kind === "attachment") return { attachment: outcome.kept.file };
  const label = (id: string) => findQuestion(questionnaire, id)?.label[lang] ?? id;
  return {
    word: true,
    applied: outcome.applied.map(label),
    errors: errorSummary(questionnaire, outcome.errors, lang, t),
    keptBlank: outcome.keptBlank.map(label),
    missing: outcome.missing.map(label),
    unrecognised: [...outcome.unrecognised, ...outcome.duplicated.map((tag) => `${tag} (×2)`)],
    otherVersion: outcome.otherVersion,
  };
};
