// The confirmation page: every answer as submitted, section by section, in the respondent's language.
import { formatDateTime } from "./format.ts";
import type { Language } from "./languages.ts";
import { answerText, type Translate } from "./report/inputs-report.ts";
import type { RespondentSession } from "./respond.ts";
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
    sections: questionnaire.sections
      .map((section) => ({
        title: section.title[lang],
        answers: section.questions.flatMap((q) => {
          const value = response.answers[q.id];
          return value === undefined ? [] : [{ label: q.label[lang], text: answerText(q, value, lang, t) }];
        }),
      }))
      .filter((s) => s.answers.length > 0),
  };
};
