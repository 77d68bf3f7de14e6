// The email asking a member's focal points to review a draft the Secretariat filled from a document
// they sent: in each contact's language, with their own link, saying nothing is submitted yet.
import { describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { composeLinkEmail } from "../../../functions/core/compose-email.ts";
import type { Language } from "../../../functions/core/languages.ts";
import { campaign, member } from "../../support/factories.ts";

// Strict: a string missing in a language fails instead of reading the English one.
const views = createHandlebarsViews(new URL("../../../templates/", import.meta.url).pathname, {
  strict: true,
});
const LINK = "https://consulta.example.org/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

describe("the review request", () => {
  for (const lang of ["es", "en", "fr", "pt"] as Language[]) {
    it(`${lang}: asks to review and submit, with the contact's link`, () => {
      const c = campaign();
      const bra = member("BRA");
      const email = composeLinkEmail(
        views,
        {
          campaign: c,
          member: bra,
          contact: bra.contacts[0]!,
          lang,
          job: { campaignId: c.id, memberCode: "BRA", contactId: "focal-point", kind: "review", n: "3" },
        },
        LINK,
      );
      expect(email.subject).toBe(views.translate(lang, "email.review.subject", { title: c.title[lang] }));
      for (const body of [email.text, email.html]) {
        expect(body).toContain(LINK);
        expect(body).toContain(
          views.translate(lang, "email.review.submit").slice(0, 30).replace(/'/g, "&#x27;"),
        );
      }
      expect(email.tags).toMatchObject({ kind: "review", n: "3" });
    });
  }
});
