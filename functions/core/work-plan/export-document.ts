// Exporting a campaign's Work Plan in one language, as HTML or Word: gather, translate, compose, render.
import { NotFound } from "../errors.ts";
import type { Language } from "../languages.ts";
import type { CampaignStore, DirectoryStore, Ports, QuestionnaireStore, ResponseStore } from "../ports.ts";
import type { ResponseVersion } from "../responses.ts";
import { buildWorkPlanDocument, type WorkPlanDocument } from "./document.ts";
import { freeTextsOf, readPlanTranslations } from "./plan-translations.ts";
import type { WorkPlanStore } from "./ports.ts";

export const DOCUMENT_FORMATS = ["html", "docx"] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export type WorkPlanDocumentPorts = {
  repository: CampaignStore & DirectoryStore & QuestionnaireStore & ResponseStore & WorkPlanStore;
} & Pick<Ports, "views" | "documents" | "clock"> &
  Partial<Pick<Ports, "translations" | "translator">>;

/**
 * Each member's submission as it stood at `at`: the latest sent by then. A member whose latest came
 * later (a late reply, a re-submission after the meeting adopted the plan) is read again, version by
 * version; one who had sent nothing by then is left out.
 */
const submissionsAsOf = async (
  repository: ResponseStore,
  campaignId: string,
  latest: readonly ResponseVersion[],
  at: string,
): Promise<ResponseVersion[]> => {
  const earlier = await Promise.all(
    latest.map(async (s) =>
      s.submittedAt <= at
        ? s
        : (await repository.listResponseVersions(campaignId, s.memberCode))
            .filter((v) => v.submittedAt <= at)
            .reduce<ResponseVersion | undefined>(
              (last, v) => (last && last.version > v.version ? last : v),
              undefined,
            ),
    ),
  );
  return earlier.filter((s): s is ResponseVersion => s !== undefined);
};

/**
 * The document's model: the plan (newest edition unless one is named) with its cycle and translations.
 * An adopted edition is the record of what the meeting decided: it reads the answers as they stood
 * when it was adopted, so a reply sent afterwards changes neither who answered nor its pledges.
 */
export const composeWorkPlanDocument = async (
  ports: Omit<WorkPlanDocumentPorts, "documents">,
  campaignId: string,
  lang: Language,
  edition?: number,
): Promise<WorkPlanDocument> => {
  const { repository } = ports;
  const campaign = await repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  const plan = await repository.getWorkPlan(campaignId, edition);
  if (!plan)
    throw new NotFound(
      "work_plan_not_found",
      edition ? `This campaign's Work Plan has no edition ${edition}` : "This campaign has no Work Plan yet",
    );
  const questionnaire = await repository.getQuestionnaire(
    campaign.questionnaireId,
    campaign.questionnaireVersion,
  );
  if (!questionnaire)
    throw new Error(`Questionnaire ${campaign.questionnaireId} v${campaign.questionnaireVersion} missing`);
  const members = await repository.listMembers();
  // One submission per member who answered: about forty at a planning meeting.
  const latest: ResponseVersion[] = [];
  for await (const page of repository.latestSubmissionPages(campaignId)) latest.push(...page);
  const submissions =
    plan.status === "adopted" && plan.adoptedAt
      ? await submissionsAsOf(repository, campaignId, latest, plan.adoptedAt)
      : latest;
  const translations = await readPlanTranslations(freeTextsOf(plan), lang, campaignId, ports);
  return buildWorkPlanDocument({
    plan,
    campaign,
    questionnaire,
    members,
    submissions,
    translations,
    lang,
    t: (key) => ports.views.translate(lang, key),
    generatedAt: ports.clock.now(),
  });
};

/** The template that lays the document out as one HTML page (templates/work-plan/). */
export const WORK_PLAN_TEMPLATE = "work-plan/work-plan.html";

/** The HTML page of a composed document: the template places its text, always escaped. */
export const renderWorkPlanHtml = (doc: WorkPlanDocument, render: Ports["views"]["render"]): Uint8Array =>
  new TextEncoder().encode(render(WORK_PLAN_TEMPLATE, doc));

/** The Work Plan of a campaign as a file: its bytes and its name. */
export const workPlanDocument = async (
  ports: WorkPlanDocumentPorts,
  campaignId: string,
  lang: Language,
  format: DocumentFormat,
  edition?: number,
): Promise<{ bytes: Uint8Array; filename: string }> => {
  const doc = await composeWorkPlanDocument(ports, campaignId, lang, edition);
  if (format === "html")
    return { bytes: renderWorkPlanHtml(doc, ports.views.render), filename: `${doc.filename}.html` };
  if (!ports.documents.workPlanDocx)
    throw new Error(
      "This function has no Word writer: pass `documents` with workPlanDocx where its ports are built",
    );
  return { bytes: await ports.documents.workPlanDocx(doc), filename: `${doc.filename}.docx` };
};
