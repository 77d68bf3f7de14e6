// The translations of a campaign's free texts in one language, each beside its original, for the
// Secretariat to correct before publishing; a correction replaces the machine's in the next compile.
import { ValidationFailed } from "../../core/errors.ts";
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from "../../core/languages.ts";
import { correctTranslation } from "../../core/translation/corrections.ts";
import { translationsToReview } from "../../core/translation/review.ts";
import { redirect } from "../../http/responses.ts";
import { field, type ConsolePage, type SignedInRequest } from "./page.ts";

/** The language the page reviews: the one asked for, else the console's own. */
const targetOf = (r: SignedInRequest, asked: string | undefined): Language =>
  isLanguage(asked) ? asked : r.lang;

export const answerTranslationsPage: ConsolePage = {
  answer: async (r) => {
    const campaignId = r.params.campaignId ?? "";
    const target = targetOf(r, r.query.lang);
    const review = await translationsToReview(r.ports, campaignId, target);
    return r.render("answer-translations", {
      campaignId,
      target,
      languages: LANGUAGES.map((l) => ({ code: l, name: LANGUAGE_NAMES[l], selected: l === target })),
      ...review,
      items: review.items.map((i, n) => ({ ...i, n, reviewed: Boolean(i.corrected) })),
    });
  },
};

export const correctAnswerTranslation: ConsolePage = {
  answer: async (r) => {
    const campaignId = r.params.campaignId ?? "";
    const target = field(r.form, "target");
    const source = field(r.form, "source");
    if (!isLanguage(target) || !isLanguage(source))
      throw new ValidationFailed([{ path: "text", code: "invalid", params: {} }]);
    const translations = r.ports.translations;
    if (!translations) throw new Error("This console has no translation store: wire `translations`");
    await correctTranslation(
      { translations, clock: r.ports.clock },
      {
        campaignId,
        sha256: field(r.form, "sha256"),
        source,
        target,
        text: field(r.form, "text"),
        by: r.session.email,
      },
    );
    r.did({ action: "correct-translation", campaignId });
    return redirect(`/console/campaigns/${campaignId}/translations?lang=${target}`);
  },
};
