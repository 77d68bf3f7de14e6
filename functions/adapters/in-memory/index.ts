// Every store in memory: the fake that use cases' unit tests run against, held to the same contract
// tests as the DynamoDB stores (test/contract/).
import type { Repository } from "../../core/ports.ts";
import { inMemoryAttemptStore } from "./attempts.ts";
import { inMemoryAuditStore } from "./audit.ts";
import { inMemoryCampaignStore } from "./campaigns.ts";
import { inMemoryContentLoadStore } from "./content-loads.ts";
import { inMemoryDirectoryImportStore } from "./directory-imports.ts";
import { inMemoryDirectoryStore } from "./directory.ts";
import { inMemoryEmailStore } from "./emails.ts";
import { inMemoryInvitationStore } from "./invitations.ts";
import { inMemoryJobStore } from "./jobs.ts";
import { inMemoryQuestionnaireDraftStore } from "./questionnaire-drafts.ts";
import { inMemoryQuestionnaireStore } from "./questionnaires.ts";
import { inMemoryReportStore } from "./reports.ts";
import { inMemoryResponseStore } from "./responses.ts";
import { inMemorySignInStore } from "./sign-in.ts";
import { inMemoryWorkPlanStore } from "./work-plans.ts";

export { inMemoryAttemptStore } from "./attempts.ts";
export { inMemoryAuditStore } from "./audit.ts";
export { inMemoryCampaignStore } from "./campaigns.ts";
export { inMemoryContentLoadStore } from "./content-loads.ts";
export { inMemoryDirectoryImportStore } from "./directory-imports.ts";
export { inMemoryDirectoryStore } from "./directory.ts";
export { inMemoryEmailStore } from "./emails.ts";
export { inMemoryInvitationStore } from "./invitations.ts";
export { inMemoryJobStore } from "./jobs.ts";
export { inMemoryQuestionnaireDraftStore } from "./questionnaire-drafts.ts";
export { inMemoryQuestionnaireStore } from "./questionnaires.ts";
export { inMemoryReportStore } from "./reports.ts";
export { inMemoryResponseStore } from "./responses.ts";
export { inMemorySignInStore } from "./sign-in.ts";
export { inMemoryWorkPlanStore } from "./work-plans.ts";

export const createInMemoryRepository = (options: { pageSize?: number } = {}): Repository => ({
  ...inMemoryDirectoryStore(),
  ...inMemoryContentLoadStore(),
  ...inMemoryDirectoryImportStore(),
  ...inMemoryQuestionnaireStore(),
  ...inMemoryQuestionnaireDraftStore(),
  ...inMemoryCampaignStore(),
  ...inMemoryInvitationStore(),
  ...inMemoryEmailStore(),
  ...inMemoryResponseStore(options),
  ...inMemoryReportStore(),
  ...inMemorySignInStore(),
  ...inMemoryAttemptStore(),
  ...inMemoryAuditStore(),
  ...inMemoryJobStore(),
  ...inMemoryWorkPlanStore(),
});
