// The single-table DynamoDB repository: every store over one table, every write a single-item
// conditional write, every Query paginated.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Repository } from "../../core/ports.ts";
import { attemptStore } from "./attempts.ts";
import { auditStore } from "./audit.ts";
import { campaignStore } from "./campaigns.ts";
import { contentLoadStore } from "./content-loads.ts";
import { directoryImportStore } from "./directory-imports.ts";
import { directoryStore } from "./directory.ts";
import { emailStore } from "./emails.ts";
import { invitationStore } from "./invitations.ts";
import { jobStore } from "./jobs.ts";
import { questionnaireDraftStore } from "./questionnaire-drafts.ts";
import { questionnaireStore } from "./questionnaires.ts";
import { reportStore } from "./reports.ts";
import { responseStore } from "./responses.ts";
import { signInStore } from "./sign-in.ts";
import { openTable } from "./table.ts";
import { workPlanStore } from "./work-plans.ts";

export { ensureTable } from "./table.ts";

export type DynamoRepositoryOptions = { client: DynamoDBClient; tableName: string };

export const createDynamoRepository = ({ client, tableName }: DynamoRepositoryOptions): Repository => {
  const table = openTable(client, tableName);
  return {
    ...directoryStore(table),
    ...contentLoadStore(table),
    ...directoryImportStore(table),
    ...questionnaireStore(table),
    ...questionnaireDraftStore(table),
    ...campaignStore(table),
    ...invitationStore(table),
    ...emailStore(table),
    ...responseStore(table),
    ...reportStore(table),
    ...signInStore(table),
    ...attemptStore(table),
    ...auditStore(table),
    ...jobStore(table),
    ...workPlanStore(table),
  };
};
