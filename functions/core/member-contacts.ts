// Editing a member's contacts in the console: every row checked, and saved only over the contacts the
// editor's page showed, so two people editing the same member never silently overwrite each other.
import { createHash } from "node:crypto";
import { Contact, type Member } from "./directory.ts";
import { NotFound } from "./errors.ts";
import { isLanguage } from "./languages.ts";
import type { DirectoryStore } from "./ports.ts";

/** One row of the console's contacts table, as typed. */
export type ContactRow = { id: string; name: string; email: string; role: string; language: string };

export type ContactProblem = { row: number; field: "name" | "email" | "role" | "row" };

export type ContactsEdit =
  | { outcome: "saved"; member: Member }
  | { outcome: "invalid"; member: Member; problems: ContactProblem[] }
  /** `member` is what is stored now, for the editor to compare with what they typed. */
  | { outcome: "conflict"; member: Member };

/** Names a list of contacts as a page showed it: a save is refused once the stored list differs. */
export const contactsVersion = (contacts: Contact[]) =>
  createHash("sha256").update(JSON.stringify(contacts)).digest("hex").slice(0, 16);

/** A new contact's id, from its address: stable, and never an id another contact of the member had. */
const newContactId = (email: string, used: Set<string>) => {
  const base = `contact-${createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 8)}`;
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  return id;
};

export const editMemberContacts = async (
  ports: { repository: DirectoryStore },
  code: string,
  rows: ContactRow[],
  seenVersion: string,
): Promise<ContactsEdit> => {
  const member = await ports.repository.getMember(code);
  if (!member) throw new NotFound("not_found", `No member ${code}`);
  if (seenVersion !== contactsVersion(member.contacts)) return { outcome: "conflict", member };

  // A row with neither name nor email is an empty row, or a contact the editor removed.
  const kept = rows.map((r, i) => ({ r, row: i + 1 })).filter(({ r }) => r.name.trim() || r.email.trim());
  const used = new Set([...member.contacts.map((c) => c.id)]);
  const known = new Set<string>();
  const parsed = kept.map(({ r, row }) => {
    // An id the page carried is kept (once); any other row is a new contact with an id of its own.
    const existing = r.id && used.has(r.id) && !known.has(r.id) ? r.id : undefined;
    const id = existing ?? newContactId(r.email, used);
    known.add(id);
    used.add(id);
    const previous = member.contacts.find((c) => c.id === existing);
    return {
      row,
      result: Contact.safeParse({
        id,
        name: r.name.trim(),
        email: r.email.trim(),
        role: r.role.trim() || "focal-point",
        ...(isLanguage(r.language.trim()) ? { language: r.language.trim() } : {}),
        revoked: previous?.revoked ?? false,
      }),
    };
  });
  const problems = parsed.flatMap(({ row, result }): ContactProblem[] => {
    if (result.success) return [];
    const fields = new Set(result.error.issues.map((i) => String(i.path[0])));
    const named = (["name", "email", "role"] as const).filter((f) => fields.has(f));
    return named.length ? named.map((field) => ({ row, field })) : [{ row, field: "row" }];
  });
  if (problems.length) return { outcome: "invalid", member, problems };

  const contacts = parsed.flatMap(({ result }) => (result.success ? [result.data] : []));
  if (!(await ports.repository.updateMemberContacts(code, contacts, member.contacts))) {
    return { outcome: "conflict", member: (await ports.repository.getMember(code)) ?? member };
  }
  return { outcome: "saved", member: { ...member, contacts } };
};
