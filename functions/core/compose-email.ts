// Composing each kind of email from its templates: subject, HTML and plain text, in the contact's language.
import type { Campaign } from "./campaign.ts";
import type { Contact, Member } from "./directory.ts";
import { formatDateTime } from "./format.ts";
import { LANGUAGES, type Language } from "./languages.ts";
import type { EmailJob } from "./invitations.ts";
import type { OutgoingEmail, Views } from "./ports.ts";
import type { Questionnaire } from "./questionnaire/definition.ts";
import { answeredSections } from "./confirmation-view.ts";
import type { ResponseVersion } from "./responses.ts";

export type EmailSubject = {
  campaign: Campaign;
  member: Member;
  contact: Contact;
  lang: Language;
  job: EmailJob;
  /** Set when the email goes to a contributor a signatory invited. */
  contributor?: { invitedBy: string; sections: string[] };
};

const baseContext = ({ campaign, member, lang }: EmailSubject) => ({
  lang,
  title: campaign.title[lang],
  memberName: member.name[lang],
  closesAt: formatDateTime(campaign.closesAt, lang, campaign.timeZone),
  secretariat: campaign.secretariat,
  // One line in each other OAS language, so a colleague who reads another language is not lost.
  otherLanguages: LANGUAGES.filter((l) => l !== lang).map((l) => ({
    lang: l,
    title: campaign.title[l],
    closesAt: formatDateTime(campaign.closesAt, l, campaign.timeZone),
  })),
});

const render = (views: Views, template: string, s: EmailSubject, context: object): OutgoingEmail => ({
  to: s.contact.email,
  subject: views.render(`email/${template}-subject`, context).trim(),
  html: views.render(`email/${template}.html`, context),
  text: views.render(`email/${template}.txt`, context),
  tags: {
    campaign: s.campaign.id,
    member: s.member.code,
    contact: s.contact.id,
    kind: s.job.kind,
    n: s.job.n,
  },
});

/** The invitation, or a reminder of it, carrying the contact's own link. */
export const composeLinkEmail = (
  views: Views,
  s: EmailSubject,
  link: string,
  questionnaire?: Questionnaire,
): OutgoingEmail => {
  if (s.contributor) {
    const titles = (questionnaire?.sections ?? [])
      .filter((section) => !s.contributor?.sections.length || s.contributor.sections.includes(section.id))
      .map((section) => section.title[s.lang]);
    return render(views, "contributor-invitation", s, {
      ...baseContext(s),
      link,
      invitedBy: s.contributor.invitedBy,
      sections: titles.join("; "),
    });
  }
  return render(views, s.job.kind === "reminder" ? "reminder" : "invitation", s, { ...baseContext(s), link });
};

/** After a submission: the answers and their receipt code, to each signatory and to the Secretariat. */
export const composeReceiptEmail = (
  views: Views,
  s: EmailSubject,
  submission: ResponseVersion,
  questionnaire: Questionnaire,
): OutgoingEmail => {
  const { lang, campaign } = s;
  const t = (key: string) => views.translate(lang, key);
  const context = {
    ...baseContext(s),
    submittedBy: submission.submittedBy.name,
    submittedAt: formatDateTime(submission.submittedAt, lang, campaign.timeZone),
    version: submission.version,
    receiptCode: submission.receiptCode,
    sections: answeredSections(questionnaire, submission.answers, lang, t),
  };
  return render(views, "receipt", s, context);
};
