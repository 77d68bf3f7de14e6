// Editing a member's details in the console (names, group, language, time zone, the alternate contact):
// every field checked, and saved only over the details the editor's page showed, contacts untouched.
import { createHash } from "node:crypto";
import { Contact, detailsOf, Member, type MemberDetails } from "./directory.ts";
import { NotFound } from "./errors.ts";
import { isLanguage, LANGUAGES, type Language } from "./languages.ts";
import type { DirectoryStore } from "./ports.ts";

/** The details form as typed: every field text, a text in each language. */
export type DetailsForm = {
  group: string;
  subregion: string;
  language: string;
  timeZone: string;
  inviteByDefault: boolean;
  note: string;
  name: Partial<Record<Language, string>>;
  ofName: Partial<Record<Language, string>>;
  institution: Partial<Record<Language, string>>;
  alternate: { name: string; email: string; role: string; language: string };
};

/** A field the editor must fix, by the form's own field names ("name", "alternate-email"…). */
export type DetailsProblem = {
  field: string;
  problem:
    "all-languages" | "all-or-none" | "time-zone" | "subregion-needed" | "email" | "required" | "invalid";
};

export type DetailsEdit =
  | { outcome: "saved"; member: Member }
  | { outcome: "invalid"; member: Member; problems: DetailsProblem[] }
  /** `member` is what is stored now: the page shows it with what the editor typed. */
  | { outcome: "conflict"; member: Member };

const sorted = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );

/** Names a member's details as a page showed them (key order aside): a save is refused once they differ. */
export const detailsVersion = (member: Member) =>
  createHash("sha256")
    .update(sorted(detailsOf(member)))
    .digest("hex")
    .slice(0, 16);

/** The form as the stored member fills it. */
export const detailsForm = (member: Member): DetailsForm => ({
  group: member.group,
  subregion: member.subregion ?? "",
  language: member.language,
  timeZone: member.timeZone ?? "",
  inviteByDefault: member.inviteByDefault,
  note: member.note ?? "",
  name: { ...member.name },
  ofName: { ...member.ofName },
  institution: { ...member.institution },
  alternate: {
    name: member.alternateContact?.name ?? "",
    email: member.alternateContact?.email ?? "",
    role: member.alternateContact?.role ?? "",
    language: member.alternateContact?.language ?? "",
  },
});

const texts = (typed: Partial<Record<Language, string>>) =>
  Object.fromEntries(LANGUAGES.map((l) => [l, (typed[l] ?? "").trim()])) as Record<Language, string>;

/** The form's field for a member's property (the alternate contact is several fields: its name first). */
const formField = (property: string) =>
  property === "alternateContact"
    ? "alternate-name"
    : ["group", "name", "ofName", "timeZone", "institution", "subregion", "language", "note"].includes(
          property,
        )
      ? property
      : "note";

/** The details the form describes, or what is wrong with it. */
const read = (member: Member, form: DetailsForm) => {
  const problems: DetailsProblem[] = [];
  const name = texts(form.name);
  if (LANGUAGES.some((l) => !name[l])) problems.push({ field: "name", problem: "all-languages" });
  const optional = (field: "ofName" | "institution") => {
    const t = texts(form[field]);
    const filled = LANGUAGES.filter((l) => t[l]).length;
    if (filled && filled < LANGUAGES.length) problems.push({ field, problem: "all-or-none" });
    return filled === LANGUAGES.length ? t : undefined;
  };
  const ofName = optional("ofName");
  const institution = optional("institution");
  const timeZone = form.timeZone.trim();
  if (timeZone && !Member.shape.timeZone.safeParse(timeZone).success)
    problems.push({ field: "timeZone", problem: "time-zone" });
  if (!Member.shape.group.safeParse(form.group).success)
    problems.push({ field: "group", problem: "invalid" });
  if (!isLanguage(form.language)) problems.push({ field: "language", problem: "invalid" });
  const subregion = form.subregion.trim();
  if (subregion && !Member.shape.subregion.safeParse(subregion).success)
    problems.push({ field: "subregion", problem: "invalid" });
  else if (!subregion && form.group === "government")
    problems.push({ field: "subregion", problem: "subregion-needed" });

  const alt = form.alternate;
  let alternateContact: Contact | undefined;
  if (alt.name.trim() || alt.email.trim()) {
    const parsed = Contact.safeParse({
      id: member.alternateContact?.id ?? "alternate",
      name: alt.name.trim(),
      email: alt.email.trim(),
      role: alt.role.trim() || "permanent-mission",
      ...(isLanguage(alt.language.trim()) ? { language: alt.language.trim() } : {}),
      revoked: member.alternateContact?.revoked ?? false,
    });
    if (parsed.success) alternateContact = parsed.data;
    else {
      const fields = new Set(parsed.error.issues.map((i) => String(i.path[0])));
      if (fields.has("name")) problems.push({ field: "alternate-name", problem: "required" });
      if (fields.has("email")) problems.push({ field: "alternate-email", problem: "email" });
      if (fields.has("role")) problems.push({ field: "alternate-role", problem: "invalid" });
    }
  }
  const note = form.note.trim();
  const details = {
    group: form.group,
    name,
    ...(ofName ? { ofName } : {}),
    ...(timeZone ? { timeZone } : {}),
    ...(institution ? { institution } : {}),
    ...(subregion ? { subregion } : {}),
    language: form.language,
    inviteByDefault: form.inviteByDefault,
    ...(note ? { note } : {}),
    ...(alternateContact ? { alternateContact } : {}),
  };
  if (problems.length) return { problems };
  // Whatever a field check let through, the directory's own schema has the last word.
  const whole = Member.safeParse({ ...details, code: member.code, contacts: member.contacts });
  if (!whole.success)
    return {
      problems: whole.error.issues.map((i) => ({
        field: formField(String(i.path[0])),
        problem: "invalid" as const,
      })),
    };
  return { details: detailsOf(whole.data) as MemberDetails };
};

export const editMemberDetails = async (
  ports: { repository: DirectoryStore },
  code: string,
  form: DetailsForm,
  seenVersion: string,
): Promise<DetailsEdit> => {
  const member = await ports.repository.getMember(code);
  if (!member) throw new NotFound("not_found", `No member ${code}`);
  if (seenVersion !== detailsVersion(member)) return { outcome: "conflict", member };
  const checked = read(member, form);
  if (!checked.details) return { outcome: "invalid", member, problems: checked.problems };
  if (!(await ports.repository.updateMemberDetails(code, checked.details, detailsOf(member))))
    return { outcome: "conflict", member: (await ports.repository.getMember(code)) ?? member };
  return { outcome: "saved", member: { ...checked.details, code, contacts: member.contacts } };
};
