// Composing each kind of email from its templates: subject, HTML and plain text, in the contact's language.
import { unconfirmedCarried } from "./prefill.ts";
import { secretariatIn, type Campaign } from "./campaign.ts";
import { ofMemberName, type Contact, type Member } from "./directory.ts";
import { LANGUAGES, type Language } from "./languages.ts";
import type { EmailJob } from "./invitations.ts";
import type { OutgoingEmail, Views } from "./ports.ts";
import type { Questionnaire } from "./questionnaire/definition.ts";
import { answeredSections, respondentTimes } from "./confirmation-view.ts";
import { submissionNumber, type ResponseVersion } from "./responses.ts";

export type EmailSubject = {
  campaign: Campaign;
  member: Member;
  contact: Contact;
  lang: Language;
  job: EmailJob;
  /** Set when the email goes to a contributor a signatory invited. */
  contributor?: { invitedBy: string; sections: string[] };
};

const baseContext = (views: Views, s: Omit<EmailSubject, "job">) => {
  const { campaign, member, lang } = s;
  const t = (l: Language) => (key: string) => views.translate(l, key);
  return {
    lang,
    title: campaign.title[lang],
    memberName: member.name[lang],
    ofMember: ofMemberName(member, lang, t(lang)),
    closesAt: respondentTimes(s, lang, t(lang))(campaign.closesAt),
    secretariat: secretariatIn(campaign.secretariat, lang),
    // One line in each other OAS language, so a colleague who reads another language is not lost.
    otherLanguages: LANGUAGES.filter((l) => l !== lang).map((l) => ({
      lang: l,
      title: campaign.title[l],
      closesAt: respondentTimes(s, l, t(l))(campaign.closesAt),
    })),
  };
};

const render = (views: Views, template: string, s: EmailSubject, context: object): OutgoingEmail => ({
  to: s.contact.email,
  // A reply reaches the Secretariat, who can answer it, not the sending address, which nobody reads.
  replyTo: s.campaign.secretariat.email,
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

/**
 * The invitation, or a reminder of it, carrying the contact's own link; `unsubscribeUrl` is the
 * one-click address that stops the reminders (List-Unsubscribe): bulk senders must offer one.
 */
export const composeLinkEmail = (
  views: Views,
  s: EmailSubject,
  link: string,
  questionnaire?: Questionnaire,
  unsubscribeUrl?: string,
): OutgoingEmail => {
  const email = composeLinkContent(views, s, link, questionnaire);
  return unsubscribeUrl ? { ...email, unsubscribeUrl } : email;
};

const composeLinkContent = (
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
      ...baseContext(views, s),
      link,
      invitedBy: s.contributor.invitedBy,
      sections: titles.join("; "),
    });
  }
  // The reminder that tells of an extended deadline (its step: "extended-<new closing>") is an email of
  // its own: a subject saying "Reminder" would read as one more of the plan's, easy to set aside.
  const template =
    s.job.kind === "review"
      ? "review"
      : s.job.kind !== "reminder"
        ? "invitation"
        : s.job.n.startsWith("extended-")
          ? "deadline-extended"
          : "reminder";
  return render(views, template, s, { ...baseContext(views, s), link });
};

/**
 * After a submission: the answers and their receipt code, to each signatory and to the Secretariat.
 * `kept` is the member's kept submissions, to number this one among them.
 */
export const composeReceiptEmail = (
  views: Views,
  s: EmailSubject,
  submission: ResponseVersion,
  questionnaire: Questionnaire,
  kept: readonly ResponseVersion[] = [],
): OutgoingEmail => render(views, "receipt", s, receiptContext(views, s, submission, questionnaire, kept));

const receiptContext = (
  views: Views,
  s: Omit<EmailSubject, "job">,
  submission: ResponseVersion,
  questionnaire: Questionnaire,
  kept: readonly ResponseVersion[],
) => {
  const { lang } = s;
  const t = (key: string) => views.translate(lang, key);
  return {
    ...baseContext(views, s),
    submittedBy: submission.submittedBy.name,
    submittedAt: respondentTimes(s, lang, t)(submission.submittedAt),
    version: submissionNumber(kept, submission.version),
    receiptCode: submission.receiptCode,
    sections: answeredSections(questionnaire, submission.answers, lang, t, {
      ids: new Set(unconfirmedCarried(submission.carriedOver)),
      note: t("email.receipt.not-counted"),
    }),
  };
};

/** A submission as a printable document: what the receipt email says, for a PDF copy. */
export type ReceiptDocument = {
  lang: Language;
  title: string;
  /** Who answered, when, which version. */
  lines: string[];
  receiptCode: string;
  /** On every page: the receipt code, so any page proves which submission it belongs to. */
  footer: string;
  sections: { title: string; answers: { label: string; text: string }[] }[];
  contact: string;
};

/** The receipt as a document in the contact's language (the PDF attached to the receipt email). */
export const composeReceiptDocument = (
  views: Views,
  s: Omit<EmailSubject, "job">,
  submission: ResponseVersion,
  questionnaire: Questionnaire,
  kept: readonly ResponseVersion[] = [],
): ReceiptDocument => {
  const c = receiptContext(views, s, submission, questionnaire, kept);
  const t = (key: string, params: Record<string, unknown> = {}) => views.translate(s.lang, key, params);
  return {
    lang: s.lang,
    title: c.title,
    lines: [
      c.memberName,
      t("email.receipt.body", { ofMember: c.ofMember, date: c.submittedAt, version: c.version }),
      t("email.receipt.submitted-by", { name: c.submittedBy }),
    ],
    receiptCode: c.receiptCode,
    footer: t("email.receipt.code", { code: c.receiptCode }),
    sections: c.sections,
    contact: t("email.common.contact", { name: c.secretariat.name, email: c.secretariat.email }),
  };
};
