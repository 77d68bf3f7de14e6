// The member directory: who can be invited, in which group and language, and how to reach them.
import * as z from "zod";
import { Language, LocalizedText } from "./languages.ts";
import { RespondentGroup } from "./questionnaire/respondent-group.ts";
import { EmailAddress } from "./email-address.ts";

export const SUBREGIONS = [
  "north-america",
  "central-america",
  "caribbean",
  "andean",
  "southern-cone",
] as const;
export const Subregion = z.enum(SUBREGIONS);
export type Subregion = z.infer<typeof Subregion>;

/** An IANA zone Intl knows, aliases included (America/Argentina/Buenos_Aires is one). */
export const TimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "expected an IANA time zone, e.g. America/Lima");

export const MemberCode = z
  .string()
  .regex(/^([A-Z]{3}|COSATE|CEATAL)$/, "expected an ISO 3166 alpha-3 code, COSATE or CEATAL");

export const Contact = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "expected a kebab-case id"),
  name: z.string().min(1).max(200),
  email: EmailAddress,
  role: z.string().min(1).max(60).default("focal-point"),
  language: Language.optional(),
  revoked: z.boolean().default(false),
});
export type Contact = z.infer<typeof Contact>;

export const Member = z.strictObject({
  code: MemberCode,
  group: RespondentGroup,
  name: LocalizedText,
  /** The name after "of", as each language writes it: "do Brasil", "des États-Unis", "of the Bahamas". */
  ofName: LocalizedText.optional(),
  /** Where its people are, so times are shown them in their own zone: the capital's, e.g. America/Lima. */
  timeZone: TimeZone.optional(),
  institution: LocalizedText.optional(),
  subregion: Subregion.optional(),
  language: Language,
  inviteByDefault: z.boolean().default(true),
  note: z.string().optional(),
  contacts: z.array(Contact).default([]),
  /** Not invited at first; offered when every contact of the member has bounced (e.g. the Permanent Mission). */
  alternateContact: Contact.optional(),
});
export type Member = z.infer<typeof Member>;

export const Directory = z.strictObject({ members: z.array(Member).min(1) }).superRefine((dir, ctx) => {
  const codes = new Set<string>();
  dir.members.forEach((m, i) => {
    if (codes.has(m.code))
      ctx.addIssue({ code: "custom", path: ["members", i, "code"], message: `"${m.code}" appears twice` });
    codes.add(m.code);
    if (m.group === "government" && !m.subregion)
      ctx.addIssue({
        code: "custom",
        path: ["members", i, "subregion"],
        message: "expected a subregion for a government",
      });
  });
});
export type Directory = z.infer<typeof Directory>;

/** What the console edits of a member beside its contacts: everything but its code and contacts. */
export type MemberDetails = Omit<Member, "code" | "contacts">;
export const MEMBER_DETAILS = [
  "group",
  "name",
  "ofName",
  "timeZone",
  "institution",
  "subregion",
  "language",
  "inviteByDefault",
  "note",
  "alternateContact",
] as const satisfies readonly (keyof MemberDetails)[];

export const detailsOf = (member: Member): MemberDetails => {
  const { code: _code, contacts: _contacts, ...details } = member;
  return details;
};

export const contactLanguage = (member: Member, contact: Contact): Language =>
  contact.language ?? member.language;

/** A contact of the member, the alternate contact included. */
export const findContact = (member: Member, contactId: string): Contact | undefined =>
  member.contacts.find((c) => c.id === contactId) ??
  (member.alternateContact?.id === contactId ? member.alternateContact : undefined);

/**
 * "do Brasil", "of the United States": the member's name after "of" in the language, from the
 * directory; without one there, the language's plain pattern ("de {name}"), right for most names.
 */
export const ofMemberName = (member: Member, lang: Language, t: (key: string) => string): string =>
  member.ofName?.[lang] ?? t("common.of-member").replace("{name}", member.name[lang]);
