// Prefill from the last cycle: each member's draft starts with its latest submitted answers to an earlier
// campaign, where the question did not change; the member confirms or edits each, and until then the
// report does not count it.
import type { Campaign } from "./campaign.ts";
import { forEachConcurrently } from "./concurrently.ts";
import type { CampaignStore, Ports, QuestionnaireStore, ResponseStore } from "./ports.ts";
import type { Answers } from "./questionnaire/answers.ts";
import { carryOverAnswers } from "./questionnaire/carry-over.ts";
import type { Questionnaire } from "./questionnaire/definition.ts";
import type { CarriedOver, Response, ResponseVersion } from "./responses.ts";

/** Who "saved" a draft nobody has touched since it was prefilled. */
export const CARRIED_OVER_AUTHOR = "carried-over";

/** Members prefilled at once: each is one query of its earlier submissions and one conditional write. */
const PREFILL_CONCURRENCY = 8;

/** The earlier campaign and both questionnaires: read once per send, not once per member. */
export type PrefillSource = { earlier: Campaign; from: Questionnaire; to: Questionnaire };

export const prefillSource = async (
  ports: { repository: CampaignStore & QuestionnaireStore },
  campaign: Campaign,
): Promise<PrefillSource | undefined> => {
  if (!campaign.prefillFrom) return undefined;
  const earlier = await ports.repository.getCampaign(campaign.prefillFrom);
  if (!earlier) return undefined;
  const [from, to] = await Promise.all([
    ports.repository.getQuestionnaire(earlier.questionnaireId, earlier.questionnaireVersion),
    ports.repository.getQuestionnaire(campaign.questionnaireId, campaign.questionnaireVersion),
  ]);
  return from && to ? { earlier, from, to } : undefined;
};

/** The draft a member starts with: its latest earlier submission's answers that still fit, marked. */
export const prefilledDraft = (
  campaign: Pick<Campaign, "id">,
  source: PrefillSource,
  latest: ResponseVersion,
  now: Date,
): Response | undefined => {
  const carried = carryOverAnswers(source.from, source.to, latest.answers);
  if (!carried.questions.length) return undefined;
  return {
    campaignId: campaign.id,
    memberCode: latest.memberCode,
    status: "draft",
    version: 1,
    answers: carried.answers,
    updatedAt: now.toISOString(),
    updatedBy: { contactId: CARRIED_OVER_AUTHOR, name: latest.submittedBy.name },
    carriedOver: {
      campaignId: source.earlier.id,
      campaignTitle: source.earlier.title,
      version: latest.version,
      submittedAt: latest.submittedAt,
      questionnaireVersion: latest.questionnaireVersion,
      questions: carried.questions,
      confirmed: [],
    },
  };
};

/**
 * Prefills the drafts of these members, each from its latest submission to the earlier campaign. A
 * member who has an answer here already keeps it (the write is conditional on there being none), so
 * sending again, or two sends at once, prefill nobody twice. Returns how many drafts were prefilled.
 */
export const prefillDrafts = async (
  ports: { repository: ResponseStore } & Pick<Ports, "clock">,
  campaign: Pick<Campaign, "id">,
  source: PrefillSource,
  memberCodes: readonly string[],
): Promise<number> => {
  let prefilled = 0;
  const now = ports.clock.now();
  await forEachConcurrently([...new Set(memberCodes)], PREFILL_CONCURRENCY, async (code) => {
    const versions = await ports.repository.listResponseVersions(source.earlier.id, code);
    const latest = versions.reduce<ResponseVersion | undefined>(
      (a, v) => (!a || v.version > a.version ? v : a),
      undefined,
    );
    const draft = latest && prefilledDraft(campaign, source, latest, now);
    if (draft && (await ports.repository.saveResponse(draft, 0))) prefilled++;
  });
  return prefilled;
};

/** Carried-over questions the member has neither confirmed nor changed. */
export const unconfirmedCarried = (mark: CarriedOver | undefined): string[] =>
  mark ? mark.questions.filter((id) => !mark.confirmed.includes(id)) : [];

/** The mark after the member confirmed (or changed) these questions; others' ids are ignored. */
export const confirmCarried = (mark: CarriedOver, ids: Iterable<string>): CarriedOver => {
  const confirmed = new Set(mark.confirmed);
  for (const id of ids) if (mark.questions.includes(id)) confirmed.add(id);
  return { ...mark, confirmed: mark.questions.filter((id) => confirmed.has(id)) };
};

/**
 * The answers a submission counts for: a carried-over answer the member did not confirm is taken as
 * not answered, whatever the form held when it was submitted.
 */
export const countedAnswers = (submission: Pick<ResponseVersion, "answers" | "carriedOver">): Answers => {
  const unconfirmed = unconfirmedCarried(submission.carriedOver);
  if (!unconfirmed.length) return submission.answers;
  const counted: Answers = { ...submission.answers };
  for (const id of unconfirmed) delete counted[id];
  return counted;
};

/** A draft as prefilled, which no one has saved since: not yet a draft of the member's own. */
export const untouchedPrefill = (response: Pick<Response, "updatedBy" | "submittedAt">): boolean =>
  response.updatedBy.contactId === CARRIED_OVER_AUTHOR && !response.submittedAt;
