// GET /console/campaigns/{campaignId}/work-plan/document?lang=xx&format=docx|html: the Work Plan as a file.
import { BadRequest } from "../../core/errors.ts";
import { isLanguage } from "../../core/languages.ts";
import {
  DOCUMENT_FORMATS,
  workPlanDocument,
  type DocumentFormat,
} from "../../core/work-plan/export-document.ts";
import { attachment } from "../../http/responses.ts";
import type { ConsolePage } from "./page.ts";

const isFormat = (value: unknown): value is DocumentFormat =>
  DOCUMENT_FORMATS.includes(value as DocumentFormat);

/**
 * The document in the language asked (the console's own by default), as Word or HTML; the newest
 * edition unless `edition` names one. Downloading it is recorded, as a report's compile is.
 */
export const workPlanDocumentFile: ConsolePage = {
  answer: async (r) => {
    const campaignId = r.params.campaignId ?? "";
    const lang = r.query.lang ?? r.lang;
    const format = r.query.format ?? "docx";
    if (!isLanguage(lang)) throw new BadRequest("invalid_language", `No language "${lang}"`);
    if (!isFormat(format)) throw new BadRequest("invalid_format", `No document format "${format}"`);
    const edition = r.query.edition ? Number.parseInt(r.query.edition, 10) : undefined;
    if (edition !== undefined && !(edition >= 1))
      throw new BadRequest("invalid_edition", `No edition "${r.query.edition}"`);
    const file = await workPlanDocument(r.ports, campaignId, lang, format, edition);
    r.did({ action: "work-plan-exported", campaignId, target: file.filename });
    return attachment(file.bytes, file.filename);
  },
};
