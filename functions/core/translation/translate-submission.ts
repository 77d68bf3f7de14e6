// Translating one kept submission's free texts into the other report languages: the queued job's work.
import { countedAnswers } from "../prefill.ts";
import { NotFound } from "../errors.ts";
import { isLanguage, LANGUAGES, type Language } from "../languages.ts";
import type { CampaignStore, DirectoryStore, QuestionnaireStore, ResponseStore } from "../ports.ts";
import type { Answers } from "../questionnaire/answers.ts";
import type { Questionnaire } from "../questionnaire/definition.ts";
import { kindOf } from "../questionnaire/kinds/index.ts";
import { findRoles } from "../report/roles.ts";
import { translateAnswers, type TranslationDeps } from "./translate-answers.ts";

/**
 * Every text a respondent wrote in their own words, in the questionnaire's order, each once. The
 * respondent section (names, positions, addresses) is left out: a person's name is not translated.
 */
export const freeTexts = (questionnaire: Questionnaire, answers: Answers): string[] => {
  const respondent = findRoles(questionnaire).respondentSection;
  const texts = questionnaire.sections
    .filter((s) => s !== respondent)
    .flatMap((s) => s.questions)
    .flatMap((q) => {
      const value = answers[q.id];
      return value === undefined ? [] : (kindOf(q).freeText?.(q, value) ?? []);
    });
  return [...new Set(texts)];
};

/** The question in which a respondent says what language their open answers are written in. */
export const REPLY_LANGUAGE_QUESTION = "reply-language";

/**
 * The language a submission's free texts are written in: what the respondent said (the questionnaire's
 * reply-language question), else the form's language when submitting, else the member's language;
 * unknown when none says (a submission kept before the form's language was recorded).
 */
export const replyLanguageOf = (
  submission: { answers: Answers; language?: Language | undefined },
  memberLanguage: Language | undefined,
): Language | undefined => {
  const said = submission.answers[REPLY_LANGUAGE_QUESTION];
  return isLanguage(said) ? said : (submission.language ?? memberLanguage);
};

export type TranslationSummary = {
  texts: number;
  translated: number;
  notTranslated: number;
  source: Language;
};

export type SubmissionRef = { campaignId: string; memberCode: string; version: number };

/**
 * Translates a kept submission's free texts from the language it was answered in into the other three
 * and caches them; the report only reads that cache. Texts seen before cost nothing (translateAnswers).
 */
export const translateSubmission = async (
  ports: {
    repository: CampaignStore & DirectoryStore & QuestionnaireStore & ResponseStore;
  } & Pick<TranslationDeps, "now">,
  deps: Omit<TranslationDeps, "now">,
  { campaignId, memberCode, version }: SubmissionRef,
): Promise<TranslationSummary> => {
  const { repository } = ports;
  const kept = await repository.getResponseVersion(campaignId, memberCode, version);
  if (!kept)
    throw new NotFound("submission_not_found", `No submission ${version} of ${memberCode} in ${campaignId}`);
  // Only what the report counts: a carried-over answer never confirmed is not sent to a paid engine.
  const submitted = { ...kept, answers: countedAnswers(kept) };
  const campaign = await repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  const questionnaire = await repository.getQuestionnaire(
    campaign.questionnaireId,
    submitted.questionnaireVersion,
  );
  if (!questionnaire)
    throw new Error(`Questionnaire ${campaign.questionnaireId} v${submitted.questionnaireVersion} missing`);
  // Spanish when nothing says: the language of the Secretariat and of most members.
  const source =
    replyLanguageOf(submitted, undefined) ?? (await repository.getMember(memberCode))?.language ?? "es";
  const texts = freeTexts(questionnaire, submitted.answers);
  const answers = await translateAnswers(texts, source, LANGUAGES, {
    ...deps,
    ...(ports.now ? { now: ports.now } : {}),
  });
  const all = answers.flatMap((a) => Object.values(a.translations));
  return {
    texts: texts.length,
    translated: all.filter((t) => t.kind === "machine").length,
    notTranslated: all.filter((t) => t.kind === "not-translated").length,
    source,
  };
};
