// A receipt names the answers carried over from last cycle that the member never confirmed: the report
// does not count them, and the receipt (email and PDF) must not read as if it did.
import { describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { composeReceiptDocument, composeReceiptEmail } from "../../../functions/core/compose-email.ts";
import type { Language } from "../../../functions/core/languages.ts";
import type { ResponseVersion } from "../../../functions/core/responses.ts";
import { campaign, member, question, questionnaire, submission } from "../../support/factories.ts";

const views = createHandlebarsViews(new URL("../../../templates/", import.meta.url).pathname, {
  strict: true,
});
const q = questionnaire([question("tools", "short-text"), question("comments", "long-text")]);

describe("a receipt with answers carried over from last cycle", () => {
  for (const lang of ["es", "en", "fr", "pt"] as Language[]) {
    it(`${lang}: marks the unconfirmed one as not counted, and only that one`, () => {
      const bra = member("BRA");
      const kept: ResponseVersion = {
        ...submission("BRA", { tools: "Webinars", comments: "Seguir con la RIAL" }),
        carriedOver: {
          campaignId: "c0",
          campaignTitle: { es: "Ciclo 2024", en: "2024 cycle", fr: "Cycle 2024", pt: "Ciclo 2024" },
          version: 1,
          submittedAt: "2025-01-01T00:00:00.000Z",
          questionnaireVersion: 1,
          questions: ["tools", "comments"],
          confirmed: ["tools"],
        },
      };
      const subject = { campaign: campaign(), member: bra, contact: bra.contacts[0]!, lang };
      const note = views.translate(lang, "email.receipt.not-counted");
      const doc = composeReceiptDocument(views, subject, kept, q, [kept]);
      const answers = doc.sections.flatMap((s) => s.answers);
      expect(answers.find((a) => a.text.startsWith("Seguir"))?.text).toContain(note);
      expect(answers.find((a) => a.text.startsWith("Webinars"))?.text).not.toContain(note);
      const email = composeReceiptEmail(
        views,
        {
          ...subject,
          job: { campaignId: "c1", memberCode: "BRA", contactId: "focal-point", kind: "receipt", n: "1" },
        },
        kept,
        q,
        [kept],
      );
      expect(email.text).toContain(note);
    });
  }
});
