// Importing the Secretariat's own spreadsheet of focal points: find the header row, read each row,
// match it to a member by ISO code or by name in any OAS language, and say in plain words what will
// and will not be imported before anything is written.
import type { Contact, Member } from "./directory.ts";
import { isLanguage, type Language, type LocalizedText } from "./languages.ts";
import { err, ok, type Result } from "./result.ts";
import type { Rows } from "./spreadsheet.ts";
import { EmailAddress } from "./email-address.ts";

/**
 * What a row's message says, as a code and its values, for a page to word in its own language
 * (strings console.import-note.<code>); members by their names in every language.
 */
export type ImportNote =
  | { code: "empty-member"; row: number }
  | { code: "no-member"; row: number; text: string; suggestion?: LocalizedText }
  | { code: "read-as"; row: number; text: string; member: LocalizedText }
  | { code: "no-email"; row: number; member: LocalizedText }
  | { code: "bad-email"; row: number; email: string }
  | { code: "repeated"; row: number; first: number; member: LocalizedText; email: string };

export type ImportRow = {
  row: number;
  status: "ok" | "error" | "duplicate";
  /** The note in English, for the CLI and the API. */
  message?: string;
  note?: ImportNote;
  memberCode?: string;
  contact?: Contact;
};

export type DirectoryImportPlan = {
  headerRow: number;
  rows: ImportRow[];
  /** The members as they will be after the import: only those the spreadsheet mentions. */
  members: Member[];
  /** Contacts the directory has that the spreadsheet no longer lists, per member. */
  removed: { memberCode: string; email: string }[];
  /** Members the file leaves as they are (not named in it, or named with the same contacts). */
  unchanged: string[];
  counts: { ok: number; errors: number; duplicates: number; members: number };
};

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/\bst\b\.?/g, "saint")
    .replace(/[^a-z0-9]+/g, " ")
    .replace(/\b(the|and|y|et|e)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();

const clean = (text: string | undefined) =>
  (text ?? "")
    .replace(/[\s\u00a0]+/g, " ")
    .trim()
    .normalize("NFC");

/** A cell as shown back in a message: a whole paragraph pasted into a cell is cut short. */
const quoted = (text: string) => {
  const cleaned = clean(text);
  return cleaned.length > 80 ? `${cleaned.slice(0, 79)}…` : cleaned;
};

const HEADERS: Record<"member" | "name" | "email" | "role" | "language", string[]> = {
  member: [
    "code",
    "iso",
    "iso code",
    "iso3",
    "country",
    "pais",
    "member",
    "member state",
    "miembro",
    "estado miembro",
    "pays",
    "membre",
    "estado membro",
    "organization",
    "organizacion",
  ],
  name: [
    "name",
    "nombre",
    "contact",
    "contacto",
    "focal point",
    "punto focal",
    "full name",
    "nombre completo",
    "nom",
    "nome",
    "point focal",
    "ponto focal",
  ],
  email: [
    "email",
    "e mail",
    "correo",
    "correo electronico",
    "mail",
    "courriel",
    "adresse electronique",
    "email address",
  ],
  role: ["role", "rol", "position", "cargo", "function", "funcion", "fonction", "funcao", "title", "titulo"],
  language: ["language", "idioma", "langue", "lingua", "lang"],
};

/** A language as a spreadsheet names it: its code, or its name in any of the four languages. */
const LANGUAGE_NAMES: Record<string, Language> = {
  espanol: "es",
  spanish: "es",
  espagnol: "es",
  espanhol: "es",
  castellano: "es",
  ingles: "en",
  english: "en",
  anglais: "en",
  "ingles ": "en",
  frances: "fr",
  french: "fr",
  francais: "fr",
  fances: "fr",
  portugues: "pt",
  portuguese: "pt",
  portugais: "pt",
};

const languageOf = (text: string): Language | undefined => {
  const folded = fold(text);
  const named = LANGUAGE_NAMES[folded];
  if (named) return named;
  // A code, alone or as a tag ("pt", "PT-BR", "en_US").
  const code = /^([a-z]{2})(?:\s[a-z]{2})?$/.exec(folded)?.[1];
  return isLanguage(code) ? code : undefined;
};

/** The addresses of a cell holding one or several (`a@x.org; b@y.org`, `Office <c@x.org>`). */
const addressesIn = (cell: string): string[] =>
  cell
    .split(/[;,]/)
    .map((part) => (/<([^<>]+)>/.exec(part)?.[1] ?? part).trim().toLowerCase())
    .filter(Boolean);

type Columns = { member: number; email: number; name?: number; role?: number; language?: number };

const findHeader = (rows: Rows): { index: number; columns: Columns } | undefined => {
  for (let index = 0; index < Math.min(rows.length, 30); index++) {
    const cells = (rows[index] ?? []).map((c) => fold(c));
    const find = (key: keyof typeof HEADERS) => {
      const i = cells.findIndex((c) => HEADERS[key].includes(c));
      return i >= 0 ? i : undefined;
    };
    const member = find("member");
    const email = find("email");
    if (member !== undefined && email !== undefined) {
      const name = find("name");
      const role = find("role");
      const language = find("language");
      return {
        index,
        columns: {
          member,
          email,
          ...(name !== undefined ? { name } : {}),
          ...(role !== undefined ? { role } : {}),
          ...(language !== undefined ? { language } : {}),
        },
      };
    }
  }
  return undefined;
};

const ALIASES: Record<string, string> = {
  usa: "USA",
  "united states of america": "USA",
  "estados unidos de america": "USA",
  eeuu: "USA",
  "ee uu": "USA",
  "dominican rep": "DOM",
  "rep dominicana": "DOM",
  "saint vincent": "VCT",
  "saint kitts": "KNA",
  trinidad: "TTO",
  antigua: "ATG",
};

/** Edit distance, or `bound + 1` as soon as it is sure to be over `bound`: only close names matter. */
const distance = (a: string, b: string, bound: number) => {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
      least = Math.min(least, row[j] as number);
    }
    if (least > bound) return bound + 1;
  }
  return row[b.length] as number;
};

type Match =
  | { member: Member; note?: string; read?: string }
  | { error: string; text: string; suggestion?: LocalizedText };

const matcher = (members: Member[]) => {
  const byKey = new Map<string, Member>();
  for (const m of members) {
    byKey.set(fold(m.code), m);
    for (const name of Object.values(m.name)) byKey.set(fold(name), m);
    for (const name of Object.values(m.institution ?? {})) byKey.set(fold(name), m);
  }
  const byCode = new Map(members.map((m) => [m.code, m]));
  for (const [alias, code] of Object.entries(ALIASES)) {
    const m = byCode.get(code);
    if (m) byKey.set(alias, m);
  }
  /** A file may name the same unknown member on thousands of rows: each name is looked for once. */
  const found = new Map<string, Match>();
  const find = (text: string): Match => {
    const key = fold(text);
    if (!key) return { error: "names no member (the cell is empty)", text: "" };
    const exact = byKey.get(key);
    if (exact) return { member: exact };
    // Misspellings: the closest name, if it is close and nothing else is as close. Names further than
    // a third of the name's length are neither taken nor suggested, so they are not measured either.
    const bound = Math.max(1, Math.floor(key.length / 3));
    let best: { m: Member; d: number } | undefined;
    let tied = false;
    for (const [k, m] of byKey) {
      const d = distance(key, k, bound);
      if (d > bound) continue;
      if (!best || d < best.d) [best, tied] = [{ m, d }, false];
      else if (d === best.d && m.code !== best.m.code) tied = true;
    }
    const tolerance = key.length >= 8 ? 2 : key.length >= 5 ? 1 : 0;
    if (best && best.d <= tolerance && !tied) {
      return { member: best.m, note: `"${quoted(text)}" read as ${best.m.name.en}`, read: quoted(text) };
    }
    const hint = best ? ` (did you mean ${best.m.name.en}?)` : "";
    return {
      error: `"${quoted(text)}" matches no member of the directory${hint}`,
      text: quoted(text),
      ...(best ? { suggestion: best.m.name } : {}),
    };
  };
  return (text: string): Match => {
    let match = found.get(text);
    if (!match) found.set(text, (match = find(text)));
    return match;
  };
};

const Email = EmailAddress;

const slug = (text: string) =>
  fold(text)
    .replace(/\s+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40) || "contact";

const sameContacts = (a: Contact[], b: Contact[]) =>
  a.length === b.length &&
  a.every((c, i) => {
    const d = b[i];
    return (
      d &&
      c.email === d.email &&
      c.name === d.name &&
      c.role === d.role &&
      c.language === d.language &&
      !c.revoked
    );
  });

/** Reads the spreadsheet against the directory; writes nothing. */
export const planDirectoryImport = (rows: Rows, directory: Member[]): Result<DirectoryImportPlan, string> => {
  const header = findHeader(rows);
  if (!header) {
    return err(
      'No header row found: the spreadsheet needs a column naming the member (ISO code or country) and a column with the email address, under a row of titles such as "Country" and "Email".',
    );
  }
  const { columns } = header;
  const match = matcher(directory);
  const seen = new Map<string, number>();
  const planned: ImportRow[] = [];
  const contactsOf = new Map<string, Contact[]>();

  for (let i = header.index + 1; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    const rowNumber = i + 1;
    const memberText = clean(cells[columns.member]);
    const emailCell = clean(cells[columns.email]);
    const nameCell = clean(columns.name !== undefined ? cells[columns.name] : "");
    if (!memberText && !emailCell && !nameCell) continue; // blank lines are not errors
    const found = match(memberText);
    if ("error" in found) {
      planned.push({
        row: rowNumber,
        status: "error",
        message: `Row ${rowNumber}: ${found.error}; not imported.`,
        note: found.text
          ? {
              code: "no-member",
              row: rowNumber,
              text: found.text,
              ...(found.suggestion ? { suggestion: found.suggestion } : {}),
            }
          : { code: "empty-member", row: rowNumber },
      });
      continue;
    }
    const member = found.member;
    const emails = addressesIn(emailCell);
    const names = nameCell.split(";").map((n) => n.trim());
    if (!emails.length) {
      planned.push({
        row: rowNumber,
        status: "error",
        memberCode: member.code,
        message: `Row ${rowNumber}: ${member.name.en} has no email address; not imported.`,
        note: { code: "no-email", row: rowNumber, member: member.name },
      });
      continue;
    }
    // Several addresses in one cell are several contacts; their names are paired when the name cell
    // holds as many (separated by ";"), else each takes the cell's name.
    for (const [k, email] of emails.entries()) {
      const name = names.length === emails.length ? (names[k] ?? "") : nameCell;
      if (!Email.safeParse(email).success) {
        planned.push({
          row: rowNumber,
          status: "error",
          memberCode: member.code,
          message: `Row ${rowNumber}: "${quoted(email)}" is not a valid email address; not imported.`,
          note: { code: "bad-email", row: rowNumber, email: quoted(email) },
        });
        continue;
      }
      const key = `${member.code}/${email}`;
      const first = seen.get(key);
      if (first !== undefined) {
        planned.push({
          row: rowNumber,
          status: "duplicate",
          memberCode: member.code,
          message: `Row ${rowNumber} repeats row ${first} (${member.name.en}, ${email}); imported once.`,
          note: { code: "repeated", row: rowNumber, first, member: member.name, email },
        });
        continue;
      }
      seen.set(key, rowNumber);
      const language = languageOf(columns.language !== undefined ? (cells[columns.language] ?? "") : "");
      const role = clean(columns.role !== undefined ? cells[columns.role] : "") || "focal-point";
      const existing = member.contacts.find((c) => c.email === email);
      const mine = contactsOf.get(member.code) ?? [];
      const taken = new Set(mine.map((c) => c.id));
      let id = existing?.id ?? (mine.length ? slug(name || email.split("@")[0] || "contact") : "focal-point");
      for (let n = 2; taken.has(id); n++) id = `${id.replace(/-\d+$/, "")}-${n}`;
      const contact: Contact = {
        id,
        name: name || existing?.name || email,
        email,
        role: role.slice(0, 60),
        revoked: false,
        ...(language ? { language } : {}),
      };
      contactsOf.set(member.code, [...mine, contact]);
      planned.push({
        row: rowNumber,
        status: "ok",
        memberCode: member.code,
        contact,
        ...(found.note
          ? {
              message: `Row ${rowNumber}: ${found.note}.`,
              note: { code: "read-as", row: rowNumber, text: found.read ?? "", member: member.name },
            }
          : {}),
      });
    }
  }

  // Each member is compared with its own entry as it goes: no search of the directory per member.
  const members: Member[] = [];
  const removed: { memberCode: string; email: string }[] = [];
  const unchanged: string[] = [];
  for (const before of directory) {
    const contacts = contactsOf.get(before.code);
    if (!contacts || sameContacts(before.contacts, contacts)) unchanged.push(before.code);
    if (!contacts) continue;
    members.push({ ...before, contacts });
    const kept = new Set(contacts.map((c) => c.email));
    for (const c of before.contacts)
      if (!kept.has(c.email)) removed.push({ memberCode: before.code, email: c.email });
  }
  return ok({
    headerRow: header.index + 1,
    rows: planned,
    members,
    removed,
    unchanged,
    counts: {
      ok: planned.filter((r) => r.status === "ok").length,
      errors: planned.filter((r) => r.status === "error").length,
      duplicates: planned.filter((r) => r.status === "duplicate").length,
      members: members.length,
    },
  });
};

/** The directory as rows for export; the same columns the import reads. */
export const directoryRows = (members: Member[]): Rows => [
  ["Code", "Member", "Group", "Subregion", "Name", "Email", "Role", "Language"],
  ...members.flatMap((m) =>
    m.contacts
      .filter((c) => !c.revoked)
      .map((c) => [
        m.code,
        m.name.en,
        m.group,
        m.subregion ?? "",
        c.name,
        c.email,
        c.role,
        c.language ?? m.language,
      ]),
  ),
];
