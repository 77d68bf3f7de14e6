// The stores core reads and writes, one per aggregate; a use case names the ones it uses.
import type { AttemptStore } from "./attempts.ts";
import type { AuditStore } from "./audit.ts";
import type { CampaignStore } from "./campaigns.ts";
import type { ContentLoadStore } from "./content-loads.ts";
import type { DirectoryImportStore } from "./directory-imports.ts";
import type { DirectoryStore } from "./directory.ts";
import type { EmailStore } from "./emails.ts";
import type { InvitationStore } from "./invitations.ts";
import type { JobStore } from "./jobs.ts";
import type { QuestionnaireDraftStore } from "./questionnaire-drafts.ts";
import type { QuestionnaireStore } from "./questionnaires.ts";
import type { ReportStore } from "./reports.ts";
import type { ResponseStore } from "./responses.ts";
import type { SignInStore } from "./sign-in.ts";
import type { WorkPlanStore } from "./work-plans.ts";

export type { AttemptStore } from "./attempts.ts";
export { AUDIT_SHOWN, type AuditEntry, type AuditStore } from "./audit.ts";
export type { CampaignStore } from "./campaigns.ts";
export type { ContentLoadRecord, ContentLoadStore } from "./content-loads.ts";
export type { DirectoryImportStore, KeptImport } from "./directory-imports.ts";
export type { DirectoryStore } from "./directory.ts";
export type { EmailStore } from "./emails.ts";
export type { InvitationStore } from "./invitations.ts";
export type { JobStore } from "./jobs.ts";
export type { QuestionnaireDraft, QuestionnaireDraftStore } from "./questionnaire-drafts.ts";
export type { QuestionnaireStore, QuestionnaireVersion } from "./questionnaires.ts";
export type { ReportRecord, ReportStore } from "./reports.ts";
export type { ReceiptPointer, ResponseStore } from "./responses.ts";
export type { ConsoleSession, SignInLink, SignInStore } from "./sign-in.ts";
export type { WorkPlanEdition, WorkPlanStore } from "./work-plans.ts";

/** Every store: what an adapter builds and a composition root hands out, never what a use case asks for. */
export type Repository = DirectoryStore &
  ContentLoadStore &
  DirectoryImportStore &
  QuestionnaireStore &
  QuestionnaireDraftStore &
  CampaignStore &
  InvitationStore &
  EmailStore &
  ResponseStore &
  ReportStore &
  SignInStore &
  AttemptStore &
  AuditStore &
  JobStore &
  WorkPlanStore;
