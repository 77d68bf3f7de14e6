// What the Secretariat reviews before publishing: each translated free text beside its original, and which are still machine-only.
import { countedAnswers } from "../prefill.ts";
import { NotFound } from "../errors.ts";
import type { Language } from "../languages.ts";
import type { CampaignStore, DirectoryStore, QuestionnaireStore, ResponseStore } from "../ports.ts";
import { kindOf } from "../questionnaire/kinds/index.ts";
import { findRoles } from "../report/roles.ts";
import { detectLanguage } from "./detect-language.ts";
import type { TranslationCorrections, TranslationKey, TranslationStore } from "./ports.ts";
import { textHash } from "./translate-answers.ts";
import { replyLanguageOf } from "./translate-submission.ts";

export type ReviewItem = {
  code: string;
  member: string;
  question: string;
  original: string;
  source: Language;
  sha256: string;
  /** The machine's translation into the target, if the job made one. */
  machine?: { text: string; engine: string };
  /** A person's correction, which the reports show instead. */
  corrected?: { text: string; by: string };
};

const keyId = (k: TranslationKey) => `${k.sha256}:${k.source}:${k.target}`;

/**
 * Every free text of the campaign's latest submissions written in another language than `target`, as
 * the reports in `target` will show it; `machineOnly` counts those no person has reviewed yet.
 */
export const translationsToReview = async (
  ports: {
    repository: CampaignStore & DirectoryStore & QuestionnaireStore & ResponseStore;
    translations?: TranslationStore & TranslationCorrections;
  },
  campaignId: string,
  target: Language,
) => {
  const { repository } = ports;
  const campaign = await repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  const questionnaire = await repository.getQuestionnaire(
    campaign.questionnaireId,
    campaign.questionnaireVersion,
  );
  if (!questionnaire) throw new NotFound("campaign_not_found", `No questionnaire for ${campaignId}`);
  const members = new Map((await repository.listMembers()).map((m) => [m.code, m]));
  const respondent = findRoles(questionnaire).respondentSection;
  const questions = questionnaire.sections.filter((s) => s !== respondent).flatMap((s) => s.questions);
  const items: ReviewItem[] = [];
  for (const s of await repository.listLatestSubmissions(campaignId)) {
    const member = members.get(s.memberCode);
    const reply = replyLanguageOf(s, member?.language);
    for (const q of questions) {
      // Only what the reports show: not a carried-over answer the member did not confirm.
      const value = countedAnswers(s)[q.id];
      const texts = value === undefined ? [] : (kindOf(q).freeText?.(q, value) ?? []);
      for (const original of new Set(texts)) {
        const source = detectLanguage(original) ?? reply;
        if (!source || source === target) continue;
        items.push({
          code: s.memberCode,
          member: member?.name[target] ?? s.memberCode,
          question: q.label[target],
          original,
          source,
          sha256: textHash(original),
        });
      }
    }
  }
  const store = ports.translations;
  const keys = items.map((i) => ({ sha256: i.sha256, source: i.source, target }));
  const [cached, corrections] = store
    ? await Promise.all([keys.length ? store.getTranslations(keys) : [], store.listCorrections(campaignId)])
    : [[], []];
  const machine = new Map(cached.map((t) => [keyId(t), t]));
  const corrected = new Map(corrections.map((c) => [keyId(c), c]));
  for (const item of items) {
    const key = keyId({ sha256: item.sha256, source: item.source, target });
    const m = machine.get(key);
    const c = corrected.get(key);
    if (m) item.machine = { text: m.text, engine: m.engine };
    if (c) item.corrected = { text: c.text, by: c.by };
  }
  return {
    items,
    machineOnly: items.filter((i) => i.machine && !i.corrected).length,
    notTranslated: items.filter((i) => !i.machine && !i.corrected).length,
  };
};
