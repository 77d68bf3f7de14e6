// The confirmation page: every answer as submitted, section by section, in the respondent's language.
import { formatDateTime } from "./format.ts";
import type { Language } from "./languages.ts";
import { answerText, type Translate } from "./report/inputs-report.ts";
import type { RespondentSession } from "./respond.ts";
import type { Answers } from "./questionnaire/answers.ts";
import type { Questionnaire } from "./questionnaire/definition.ts";
import type { Response } from "./responses.ts";

export const buildConfirmationView = (
  session: RespondentSession,
  response: Response,
  lang: Language,
  t: Translate,
) => {
  const { campaign, questionnaire, member } = session;
  const fmt = (iso: string) => formatDateTime(iso, lang, campaign.timeZone);
  return {
    lang,
    title: campaign.title[lang],
    memberName: member.name[lang],
    submittedAt: fmt(response.submittedAt ?? response.updatedAt),
    version: response.submittedVersion ?? response.version,
    closesAt: fmt(campaign.closesAt),
    secretariat: campaign.secretariat,
    sections: answeredSections(questionnaire, response.answers, lang, t),
  };
};

/** Every answered question, section by section, as label and readable text: pages and receipts. */
export const answeredSections = (
  questionnaire: Questionnaire,
  answers: Answers,
  lang: Language,
  t: Translate,
) =>
  questionnaire.sections
    .map((section) => ({
      title: section.title[lang],
      answers: section.questions.flatMap((q) => {
        const value = answers[q.id];
        return value === undefined ? [] : [{ label: q.label[lang], text: answerText(q, value, lang, t) }];
      }),
    }))
    .filter((section) => section.answers.length > 0);
