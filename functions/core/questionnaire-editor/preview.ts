// A respondent's session made up for a preview: the real form of a questionnaire as a member of a
// group would see it, with no campaign, link or answer behind it.
import type { Campaign } from "../campaign.ts";
import type { Member } from "../directory.ts";
import type { RespondentSession } from "../respond.ts";
import type { Questionnaire, RespondentGroup } from "../questionnaire/definition.ts";

/** Shown when the directory has no member of the group: the form depends only on the group. */
const standIn = (group: RespondentGroup): Member => ({
  code: "PREVIEW",
  group,
  name: { es: group, en: group, fr: group, pt: group },
  language: "en",
  inviteByDefault: false,
  contacts: [],
});

export const previewSession = (
  questionnaire: Questionnaire,
  group: RespondentGroup,
  member: Member | undefined,
  at: Date,
  secretariat: Campaign["secretariat"],
): RespondentSession => {
  const shown = member && member.group === group ? member : standIn(group);
  const campaign: Campaign = {
    id: "preview",
    questionnaireId: questionnaire.id,
    questionnaireVersion: questionnaire.version,
    title: questionnaire.title,
    opensAt: at.toISOString(),
    closesAt: at.toISOString(),
    timeZone: shown.timeZone ?? "America/New_York",
    invited: [shown.code],
    secretariat,
    status: "open",
    createdAt: at.toISOString(),
  };
  return {
    token: {
      tokenHash: "preview",
      campaignId: campaign.id,
      memberCode: shown.code,
      contactId: "preview",
      status: "active",
      issuedAt: at.toISOString(),
    },
    campaign,
    questionnaire,
    member: shown,
    contact: { id: "preview", name: "—", email: "preview@example.org", role: "focal-point", revoked: false },
    invitation: undefined,
    // A contributor sees no invitations or submit button; with no sections named, every one is editable.
    role: "contributor",
    sections: undefined,
    response: undefined,
    contributors: [],
  };
};
