// Every store's contract, run against one way of keeping them (in memory, DynamoDB).
import type { Repository } from "../../functions/core/ports.ts";
import { campaignContract, reportContract } from "./campaigns.contract.ts";
import { contentLoadContract, directoryContract, directoryImportContract } from "./directory.contract.ts";
import { emailContract, invitationContract } from "./invitations.contract.ts";
import { jobContract } from "./jobs.contract.ts";
import { questionnaireDraftContract } from "./questionnaire-drafts.contract.ts";
import { questionnaireContract } from "./questionnaires.contract.ts";
import { responseContract } from "./responses.contract.ts";
import { attemptContract, auditContract, signInContract } from "./secretariat.contract.ts";
import { workPlanContract } from "./work-plans.contract.ts";

/** `open` gives stores holding nothing yet, each call. */
export const everyStoreContract = (open: () => Promise<Repository>) => {
  directoryContract(open);
  directoryImportContract(open);
  contentLoadContract(open);
  questionnaireContract(open);
  questionnaireDraftContract(open);
  campaignContract(open);
  reportContract(open);
  invitationContract(open);
  emailContract(open);
  responseContract(open);
  signInContract(open);
  attemptContract(open);
  auditContract(open);
  jobContract(open);
  workPlanContract(open);
};
