// The receipt as a PDF, read back by Debian's pdftotext (poppler-utils; .ci/run installs it): the code on
// every page, the answers' text with its accents, in each of the four languages.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { receiptPdf } from "../../../functions/adapters/pdf-documents.ts";
import { composeReceiptDocument } from "../../../functions/core/compose-email.ts";
import { LANGUAGES } from "../../../functions/core/languages.ts";
import { receiptCode } from "../../../functions/core/receipts.ts";
import { defaultQuestionnairePath, readQuestionnaireFile } from "../../../functions/local/content.ts";
import { campaign, invitation, member } from "../../support/factories.ts";

const PDFTOTEXT = "/usr/bin/pdftotext";
const views = createHandlebarsViews(new URL("../../../templates/", import.meta.url).pathname);
const questionnaire = readQuestionnaireFile(defaultQuestionnairePath);
const dir = mkdtempSync(join(tmpdir(), "consulta-receipt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text a ministry would write: accents of the four languages, and long enough to run over pages. */
const PROPOSAL = "Fortalecer a cooperação técnica — ação nº 3: « l'égalité », año, ç, œ, ß, “aspas”. ".repeat(
  60,
);

const version = (() => {
  const content = {
    campaignId: "c1",
    memberCode: "BRA",
    version: 3,
    answers: { "expected-achievements": PROPOSAL, "hosting-offer": "no" } as never,
    submittedAt: "2026-07-01T18:30:00.000Z",
    submittedBy: { contactId: "focal-point", name: "João Conceição" },
    questionnaireVersion: 1,
  };
  return { ...content, receiptCode: receiptCode(content) };
})();

const pdfText = async (bytes: Uint8Array, name: string) => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const { stdout } = await promisify(execFile)(PDFTOTEXT, ["-enc", "UTF-8", "-layout", file, "-"]);
  return stdout;
};

describe("the receipt as PDF", () => {
  it.each(LANGUAGES)("carries the code on every page and the answers as typed, in %s", async (lang) => {
    if (!existsSync(PDFTOTEXT)) throw new Error(`${PDFTOTEXT} is missing: apt-get install poppler-utils`);
    const subject = {
      campaign: campaign({ timeZone: "America/New_York" }),
      member: member("BRA"),
      contact: {
        id: "focal-point",
        name: "João",
        email: "joao@mte.gov.br",
        role: "focal-point",
        revoked: false,
      },
      lang,
      job: { ...invitation(), kind: "receipt" as const, n: 3 },
    };
    const doc = composeReceiptDocument(views, subject as never, version, questionnaire);
    const bytes = await receiptPdf(doc, (page, pages) =>
      views.translate(lang, "email.receipt.page", { page, pages }),
    );
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const text = await pdfText(bytes, `receipt-${lang}.pdf`);
    const pages = text.split("\f").filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain(version.receiptCode);
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain(
      "Fortalecer a cooperação técnica — ação nº 3: « l'égalité », año, ç, œ, ß, “aspas”.",
    );
    expect(flat).toContain(subject.campaign.title[lang]);
    expect(flat).toContain("João Conceição");
    expect(flat).toContain(views.translate(lang, "email.receipt.page", { page: 2, pages: pages.length }));
  });
});
