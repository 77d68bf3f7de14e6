// A submission's PDF copy, in the reader's language: attached to the receipt email, offered on the confirmation page.
import { composeReceiptDocument, type EmailSubject } from "./compose-email.ts";
import type { Attachment, Ports } from "./ports.ts";
import type { Questionnaire } from "./questionnaire/definition.ts";
import { submissionNumber, type ResponseVersion } from "./responses.ts";

/** The copy as a file: named for the member and the submission's number, as the receipt numbers it. */
export const receiptCopy = async (
  ports: Pick<Ports, "views" | "documents">,
  s: Omit<EmailSubject, "job">,
  submission: ResponseVersion,
  questionnaire: Questionnaire,
  kept: readonly ResponseVersion[],
): Promise<Attachment> => {
  const { views, documents } = ports;
  const doc = composeReceiptDocument(views, s, submission, questionnaire, kept);
  const content = await documents.receiptPdf(doc, (page, pages) =>
    views.translate(s.lang, "email.receipt.page", { page, pages }),
  );
  return {
    filename: views.translate(s.lang, "email.receipt.pdf-name", {
      member: s.member.code,
      version: submissionNumber(kept, submission.version),
    }),
    contentType: "application/pdf",
    content,
  };
};
