// What every email about a campaign says: title, deadline, link, contact, in the member's language first.
import type { Campaign } from "./campaign.ts";
import type { Member } from "./directory.ts";
import { formatDateTime } from "./format.ts";
import { LANGUAGES, type Language } from "./languages.ts";

export const emailContext = (campaign: Campaign, member: Member, lang: Language, link: string) => ({
  lang,
  link,
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
