// The console's pages by route: every console route of functions/http/routes.ts and the page answering it.
// The type is the table's own, so a route without a page (or a page without a route) fails to compile.
import { NotFound } from "../../core/errors.ts";
import {
  campaignPage,
  closeNow,
  confirmAction,
  extend,
  startCompiling,
  reopen,
  reportFile,
  memberAttachment,
  startSending,
  startReminding,
} from "./campaign.ts";
import { confirmRevoke, inviteAlternate, reopenAnswer, replaceLink, revokeLink } from "./campaign-members.ts";
import { campaignsPage, createCampaign } from "./campaigns.ts";
import { applyContentLoadPage, contentLoadPage } from "./content-load.ts";
import { directoryPage, exportCsv, exportXlsx, memberPage, saveContacts, saveDetails } from "./directory.ts";
import { applyImport, previewImport } from "./imports.ts";
import { jobPage } from "./jobs.ts";
import { blankWord, memberReplies, postMemberReply } from "./member-replies.ts";
import type { ConsolePage, ConsolePages } from "./page.ts";
import {
  copyQuestionnaireVersion,
  previewDraft,
  previewVersion,
  questionnairesPage,
} from "./questionnaires.ts";
import { draftPage, publish, publishConfirmation, saveDraft } from "./questionnaire-draft.ts";
import { receiptPage } from "./receipts.ts";
import { answerTranslationsPage, correctAnswerTranslation } from "./answer-translations.ts";
import { workPlanDocumentFile } from "./work-plan-document.ts";
import { completeSignInLink, confirmSignIn, requestSignInLink, signInPage, signOut } from "./sign-in.ts";
import {
  downloadWorkbook,
  previewWorkbook,
  publishWorkbook,
  translationsIndex,
  translationsPage,
} from "./translations.ts";
import { changeWorkPlan, workPlanPageRoute } from "./work-plan.ts";

/** Any other address under /console: nothing there, said only to someone signed in. */
const nothingHere: ConsolePage = {
  answer: () => Promise.reject(new NotFound("not_found", "There is nothing at this address")),
};

export const CONSOLE_PAGES: ConsolePages = {
  "GET /console": campaignsPage,
  "GET /console/sign-in": signInPage,
  "POST /console/sign-in": requestSignInLink,
  "GET /console/sign-in/{token}": confirmSignIn,
  "POST /console/sign-in/{token}": completeSignInLink,
  "POST /console/sign-out": signOut,
  "POST /console/campaigns": createCampaign,
  "GET /console/campaigns/{campaignId}": campaignPage,
  "GET /console/campaigns/{campaignId}/reports/{file}": reportFile,
  "GET /console/campaigns/{campaignId}/attachments/{member}/{file}": memberAttachment,
  "POST /console/campaigns/{campaignId}/send": startSending,
  "POST /console/campaigns/{campaignId}/remind": startReminding,
  "POST /console/campaigns/{campaignId}/close": closeNow,
  "POST /console/campaigns/{campaignId}/reopen": reopen,
  "POST /console/campaigns/{campaignId}/compile": startCompiling,
  "GET /console/campaigns/{campaignId}/send": confirmAction("send"),
  "GET /console/campaigns/{campaignId}/remind": confirmAction("remind"),
  "GET /console/campaigns/{campaignId}/close": confirmAction("close"),
  "GET /console/campaigns/{campaignId}/reopen": confirmAction("reopen"),
  "GET /console/campaigns/{campaignId}/compile": confirmAction("compile"),
  "GET /console/campaigns/{campaignId}/extend": confirmAction("extend"),
  "POST /console/campaigns/{campaignId}/extend": extend,
  "GET /console/campaigns/{campaignId}/contacts/{memberCode}/{contactId}/revoke": confirmRevoke,
  "GET /console/campaigns/{campaignId}/translations": answerTranslationsPage,
  "POST /console/campaigns/{campaignId}/translations": correctAnswerTranslation,
  "GET /console/campaigns/{campaignId}/work-plan": workPlanPageRoute,
  "POST /console/campaigns/{campaignId}/work-plan": changeWorkPlan,
  "GET /console/campaigns/{campaignId}/work-plan/document": workPlanDocumentFile,
  "POST /console/campaigns/{campaignId}/members/{memberCode}/invite-alternate": inviteAlternate,
  "POST /console/campaigns/{campaignId}/members/{memberCode}/reopen": reopenAnswer,
  "GET /console/campaigns/{campaignId}/word": blankWord,
  "GET /console/campaigns/{campaignId}/members/{memberCode}/replies": memberReplies,
  "POST /console/campaigns/{campaignId}/members/{memberCode}/replies": postMemberReply,
  "POST /console/campaigns/{campaignId}/contacts/{memberCode}/{contactId}/replace": replaceLink,
  "POST /console/campaigns/{campaignId}/contacts/{memberCode}/{contactId}/revoke": revokeLink,
  "GET /console/jobs/{jobId}": jobPage,
  "GET /console/receipts": receiptPage,
  "GET /console/members": directoryPage,
  "GET /console/members/export.csv": exportCsv,
  "GET /console/members/export.xlsx": exportXlsx,
  "POST /console/members/import": previewImport,
  "POST /console/members/import/{importId}": applyImport,
  "GET /console/members/{memberCode}": memberPage,
  "POST /console/members/{memberCode}": saveContacts,
  "GET /console/questionnaires": questionnairesPage,
  "POST /console/questionnaires/{questionnaireId}/versions/{version}/copy": copyQuestionnaireVersion,
  "GET /console/questionnaires/{questionnaireId}/versions/{version}/preview": previewVersion,
  "GET /console/questionnaires/{questionnaireId}/drafts/{version}": draftPage,
  "POST /console/questionnaires/{questionnaireId}/drafts/{version}": saveDraft,
  "GET /console/questionnaires/{questionnaireId}/drafts/{version}/preview": previewDraft,
  "GET /console/questionnaires/{questionnaireId}/drafts/{version}/publish": publishConfirmation,
  "POST /console/questionnaires/{questionnaireId}/drafts/{version}/publish": publish,
  "POST /console/members/{memberCode}/details": saveDetails,
  "GET /console/content": contentLoadPage,
  "POST /console/content": applyContentLoadPage,
  "GET /console/translations": translationsIndex,
  "GET /console/translations/{questionnaireId}/{version}": translationsPage,
  "POST /console/translations/{questionnaireId}/{version}": previewWorkbook,
  "GET /console/translations/{questionnaireId}/{version}/workbook": downloadWorkbook,
  "POST /console/translations/{questionnaireId}/{version}/{upload}": publishWorkbook,
  "GET /console/{path+}": nothingHere,
  "POST /console/{path+}": nothingHere,
};

/** The page for an event's route key; an event from a route that is not the console's finds none. */
export const consolePageOf = (routeKey: string): ConsolePage =>
  Object.hasOwn(CONSOLE_PAGES, routeKey) ? CONSOLE_PAGES[routeKey as keyof ConsolePages] : nothingHere;
