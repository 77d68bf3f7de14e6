// Property: what the respondent's page shows is what it sends back. A saved answer set rendered into
// the form and posted by a browser without JavaScript reads back as the same answers, so saving a page
// nobody touched changes nothing and a stored answer never comes back as an error.
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../functions/adapters/handlebars-views.ts";
import { buildFormView } from "../../functions/core/form-view.ts";
import { LANGUAGES } from "../../functions/core/languages.ts";
import { validateAnswers } from "../../functions/core/questionnaire/answers.ts";
import { answersFromForm, readNumber } from "../../functions/core/questionnaire/form-input.ts";
import type { RespondentSession } from "../../functions/core/respond.ts";
import { formBody, type HttpEvent } from "../../functions/http/request.ts";
import { answeredArb, typedNumberArb } from "../support/arbitraries.ts";
import { submitForm } from "../support/browser-form.ts";
import { campaign, member } from "../support/factories.ts";

const views = createHandlebarsViews(fileURLToPath(new URL("../../templates/", import.meta.url)));
let tried = 0;
afterAll(() => console.log(`form round trip, answer sets tried: ${tried}`));

const sessionFor = (questionnaire: RespondentSession["questionnaire"]): RespondentSession => {
  const arg = member("ARG");
  return {
    token: {
      tokenHash: "h",
      campaignId: "c1",
      memberCode: "ARG",
      contactId: "focal-point",
      status: "active",
      issuedAt: "2027-01-01T00:00:00.000Z",
    },
    campaign: campaign(),
    questionnaire,
    member: arg,
    contact: arg.contacts[0]!,
    invitation: undefined,
    role: "signatory",
    sections: undefined,
    response: undefined,
  } as RespondentSession;
};

/** The posted body as the respondent handler reads it. */
const posted = (body: string) =>
  formBody(
    {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: Buffer.from(body).toString("base64"),
      isBase64Encoded: true,
    } as unknown as HttpEvent,
    256 * 1024,
  );

describe("the respondent's form", () => {
  it("posts back exactly the answers it was rendered with, in every language", async () => {
    await fc.assert(
      fc.asyncProperty(
        answeredArb("draft"),
        fc.constantFrom(...LANGUAGES),
        async ({ questionnaire, answers }, lang) => {
          tried++;
          const html = views.render(
            "web/form",
            buildFormView(sessionFor(questionnaire), lang, answers, [], 3),
          );
          const form = await posted(submitForm(html, "answers-form", ["action", "draft"]));
          expect(form.baseVersion).toBe("3");
          const read = validateAnswers(
            questionnaire,
            answersFromForm(questionnaire, form),
            "draft",
            "government",
          );
          expect(read).toEqual({ ok: true, value: answers });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads numbers as people type them in the four languages' conventions", () => {
    const formats: [string, (n: number) => string][] = [
      ["plain", (n) => String(n)],
      ["decimal comma", (n) => String(n).replace(".", ",")],
      ["comma thousands", (n) => n.toLocaleString("en-US", { maximumFractionDigits: 3 })],
      ["space thousands, decimal comma", (n) => n.toLocaleString("fr-FR", { maximumFractionDigits: 3 })],
      ["dot thousands, decimal comma", (n) => n.toLocaleString("es-ES", { maximumFractionDigits: 3 })],
      ["padded", (n) => `  ${n}  `],
    ];
    // "1,250" means 1250 to an English reader and 1.25 to a Spanish one: no reader can know. Every
    // other spelling has one meaning, and must be read with it.
    const ambiguous = (typed: string) => /^-?[1-9]\d{0,2}[.,]\d{3}$/.test(typed.trim());
    fc.assert(
      fc.property(
        typedNumberArb(-10_000_000, 10_000_000, false),
        fc.constantFrom(...formats),
        (n, [, format]) => {
          tried++;
          const typed = format(n);
          fc.pre(!ambiguous(typed));
          expect(readNumber(typed)).toBe(n);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
