// What a campaign's Work Plan is drafted from: the inputs as the report compiles them, their candidates,
// and every answer the plan may cite (the latest submissions, and older versions it already cites).
import type { Campaign } from "../campaign.ts";
import type { Member } from "../directory.ts";
import { NotFound } from "../errors.ts";
import type { Language } from "../languages.ts";
import type { CampaignStore, DirectoryStore, QuestionnaireStore, ResponseStore } from "../ports.ts";
import type { Questionnaire } from "../questionnaire/definition.ts";
import { buildInputsReport, type InputsReport, type Translate } from "../report/inputs-report.ts";
import { countedAnswers } from "../prefill.ts";
import type { ResponseVersion } from "../responses.ts";
import { proposeCandidates, type Candidate } from "./candidates.ts";
import type { Evidence } from "./evidence.ts";
import type { PlanContext } from "./work-plan.ts";
import { planContext } from "./work-plans.ts";

export type PlanInputs = {
  campaign: Campaign;
  questionnaire: Questionnaire;
  members: Member[];
  /** Each member's latest submission: what the report compiles and the candidates come from. */
  submissions: ResponseVersion[];
  /** Older versions the plan already cites (each member's answer as it was when linked). */
  earlier: ResponseVersion[];
  report: InputsReport;
  candidates: Candidate[];
  context: PlanContext;
};

export const workPlanInputs = async (
  ports: { repository: CampaignStore & DirectoryStore & QuestionnaireStore & ResponseStore },
  campaignId: string,
  setup: { lang: Language; t: Translate; now: Date },
  /** Links the plan holds: a version they cite that is no longer the latest stays citable. */
  cited: readonly Evidence[] = [],
): Promise<PlanInputs> => {
  const { repository } = ports;
  const campaign = await repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  const [questionnaire, members, kept] = await Promise.all([
    repository.getQuestionnaire(campaign.questionnaireId, campaign.questionnaireVersion),
    repository.listMembers(),
    repository.listLatestSubmissions(campaignId),
  ]);
  // What the report counts, and nothing else: an answer carried over from last cycle and never
  // confirmed is not this cycle's input, so no candidate or evidence may come from it.
  const counted = (v: ResponseVersion): ResponseVersion => ({ ...v, answers: countedAnswers(v) });
  const submissions = kept.map(counted);
  if (!questionnaire)
    throw new Error(`Questionnaire ${campaign.questionnaireId} v${campaign.questionnaireVersion} missing`);
  const latest = new Set(submissions.map((s) => `${s.memberCode}@${s.version}`));
  const older = [...new Set(cited.map((e) => `${e.memberCode}@${e.version}`))].filter((k) => !latest.has(k));
  const cites = await Promise.all(
    older.map((k) => {
      const [code = "", version = ""] = k.split("@");
      return repository.getResponseVersion(campaignId, code, Number(version));
    }),
  );
  const earlier = cites.filter((v): v is ResponseVersion => v !== undefined).map(counted);
  const report = buildInputsReport({
    campaign,
    questionnaire,
    members,
    submissions,
    lang: setup.lang,
    generatedAt: setup.now,
    t: setup.t,
  });
  return {
    campaign,
    questionnaire,
    members,
    submissions,
    earlier,
    report,
    candidates: proposeCandidates({ report, questionnaire, submissions, members }),
    context: planContext(questionnaire, members, [...submissions, ...earlier]),
  };
};
