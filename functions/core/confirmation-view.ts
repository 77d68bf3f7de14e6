// The confirmation page: every answer as submitted, section by section, in the respondent's language.
import { unconfirmedCarried } from "./prefill.ts";
import { secretariatIn } from "./campaign.ts";
import { ofMemberName } from "./directory.ts";
import { formatRespondentTime } from "./format.ts";
import type { Language } from "./languages.ts";
import { answerText, type Translate } from "./report/inputs-report.ts";
import type { RespondentSession } from "./respond.ts";
import type { Answers } from "./questionnaire/answers.ts";
import type { Questionnaire } from "./questionnaire/definition.ts";
import { submissionNumber, type Response, type ResponseVersion } from "./responses.ts";

export const buildConfirmationView = (
  session: RespondentSession,
  response: Response,
  lang: Language,
  t: Translate,
  /** The member's kept submissions, to number this one among them. */
  kept: readonly ResponseVersion[] = [],
) => {
  const { campaign, questionnaire, member } = session;
  const fmt = respondentTimes(session, lang, t);
  // Carried-over answers submitted unconfirmed: the report treats them as not answered, so say so.
  const unconfirmed = new Set(unconfirmedCarried(response.carriedOver));
  const notCounted = questionnaire.sections
    .flatMap((s) => s.questions)
    .filter((q) => unconfirmed.has(q.id))
    .map((q) => q.label[lang]);
  return {
    lang,
    title: campaign.title[lang],
    memberName: member.name[lang],
    ofMember: ofMemberName(member, lang, t),
    submittedAt: fmt(response.submittedAt ?? response.updatedAt),
    version: submissionNumber(kept, response.submittedVersion ?? response.version),
    closesAt: fmt(campaign.closesAt),
    secretariat: secretariatIn(campaign.secretariat, lang),
    sections: answeredSections(questionnaire, response.answers, lang, t),
    carriedUnconfirmed:
      response.carriedOver && notCounted.length
        ? { campaign: response.carriedOver.campaignTitle[lang], questions: notCounted }
        : undefined,
  };
};

/** Times as the member's people read them: their own zone, the Secretariat's beside. */
export const respondentTimes =
  (s: Pick<RespondentSession, "campaign" | "member">, lang: Language, t: Translate) => (iso: string) =>
    formatRespondentTime(
      iso,
      lang,
      { own: s.member.timeZone, secretariat: s.campaign.timeZone },
      t("common.secretariat-time"),
    );

/** Every answered question, section by section, as label and readable text: pages and receipts. */
export const answeredSections = (
  questionnaire: Questionnaire,
  answers: Answers,
  lang: Language,
  t: Translate,
  /** Answers carried over and never confirmed: listed as given, and said not to count. */
  notCounted: { ids: ReadonlySet<string>; note: string } = { ids: new Set(), note: "" },
) =>
  questionnaire.sections
    .map((section) => ({
      title: section.title[lang],
      answers: section.questions.flatMap((q) => {
        const value = answers[q.id];
        if (value === undefined) return [];
        const text = answerText(q, value, lang, t);
        return [
          { label: q.label[lang], text: notCounted.ids.has(q.id) ? `${text} ${notCounted.note}` : text },
        ];
      }),
    }))
    .filter((section) => section.answers.length > 0);
