// The member directory: the list with its audit trail, its export, and one member's contacts to edit.
import * as z from "zod";
import { SUBREGIONS, type Contact, type Member } from "../../core/directory.ts";
import { exportDirectory } from "../../core/directory-admin.ts";
import { BadRequest, NotFound } from "../../core/errors.ts";
import {
  contactsVersion,
  editMemberContacts,
  type ContactProblem,
  type ContactRow,
} from "../../core/member-contacts.ts";
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from "../../core/languages.ts";
import {
  detailsForm,
  detailsVersion,
  editMemberDetails,
  type DetailsForm,
  type DetailsProblem,
} from "../../core/member-details.ts";
import { RESPONDENT_GROUPS } from "../../core/questionnaire/respondent-group.ts";
import { validated } from "../../http/request.ts";
import { attachment, redirect } from "../../http/responses.ts";
import { auditLines } from "./audit-lines.ts";
import { field, type ConsolePage, type SignedInRequest } from "./page.ts";

export const directoryPage: ConsolePage = {
  answer: async (r) => {
    const [members, log] = await Promise.all([
      r.ports.repository.listMembers(),
      r.ports.repository.listAudit(),
    ]);
    return r.render("members", {
      members: members.map((m) => ({ ...m, nameText: m.name[r.lang] })),
      audit: auditLines(r, log),
    });
  },
};

const exportAs = (format: "csv" | "xlsx"): ConsolePage => ({
  answer: async (r) => attachment((await exportDirectory(r.ports, format)).bytes, `directory.${format}`),
});
export const exportCsv = exportAs("csv");
export const exportXlsx = exportAs("xlsx");

/**
 * A member's contacts: the rows as stored or as typed (one empty row to add a contact), what was
 * wrong with them, or, after a conflict, what is stored now. Saving again saves over what it shows.
 */
/** The details form: as stored or as typed, what was wrong with it, or that someone saved first. */
const detailsView = (
  r: SignedInRequest,
  member: Member,
  form: DetailsForm,
  outcome: { conflict?: boolean; problems?: DetailsProblem[] } = {},
) => {
  const t = (key: string) => r.ports.views.translate(r.lang, `console.details.${key}`);
  const option = (value: string, selected: string, label = value) => ({
    value,
    label,
    selected: value === selected,
  });
  return {
    version: detailsVersion(member),
    form,
    groups: RESPONDENT_GROUPS.map((g) => option(g, form.group)),
    subregions: ["", ...SUBREGIONS].map((s) => option(s, form.subregion, s || "—")),
    languages: LANGUAGES.map((l) => option(l, form.language, LANGUAGE_NAMES[l])),
    alternateLanguages: ["", ...LANGUAGES].map((l) =>
      option(l, form.alternate.language, isLanguage(l) ? LANGUAGE_NAMES[l] : t("member-language")),
    ),
    texts: LANGUAGES.map((l) => ({
      lang: l,
      languageName: LANGUAGE_NAMES[l],
      name: form.name[l] ?? "",
      ofName: form.ofName[l] ?? "",
      institution: form.institution[l] ?? "",
    })),
    conflict: outcome.conflict ?? false,
    problems: (outcome.problems ?? []).map((p) => ({
      anchor:
        p.field === "name" || p.field === "ofName" || p.field === "institution" ? `${p.field}-es` : p.field,
      text: r.ports.views.translate(r.lang, "console.details.problem-line", {
        field: t(`field-${p.field}`),
        problem: t(`problem-${p.problem}`),
      }),
    })),
  };
};

const contactsPage = (
  r: SignedInRequest,
  member: Member,
  rows: (ContactRow | Contact)[],
  outcome: { conflict?: boolean; problems?: ContactProblem[] } = {},
  status = 200,
  details = detailsView(r, member, detailsForm(member)),
) => {
  const shown = rows.map((row) => ({ ...row, language: row.language ?? "" }));
  const last = shown.at(-1);
  if (!last || last.name.trim() || last.email.trim()) {
    shown.push({ id: "", name: "", email: "", role: "", language: "" });
  }
  return r.render(
    "member",
    {
      member,
      nameText: member.name[r.lang],
      version: contactsVersion(member.contacts),
      // Each row's language by its name; a code typed before (or unknown) stays selectable as it was.
      rows: shown.map((row) => ({
        ...row,
        languages: [
          { value: "", label: r.ports.views.translate(r.lang, "console.details.member-language") },
          ...LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })),
          ...(row.language && !isLanguage(row.language)
            ? [{ value: row.language, label: row.language }]
            : []),
        ].map((o) => ({ ...o, selected: o.value === row.language })),
      })),
      details,
      savedDetails: r.query.saved === "details",
      ...(outcome.conflict ? { conflict: true, current: member.contacts } : {}),
      ...(outcome.problems
        ? {
            problems: outcome.problems.map((p) => ({
              ...p,
              anchor: `c${p.row - 1}-${p.field === "row" ? "name" : p.field}`,
            })),
          }
        : {}),
    },
    status,
  );
};

export const memberPage: ConsolePage = {
  answer: async (r) => {
    const code = r.params.memberCode ?? "";
    const member = await r.ports.repository.getMember(code);
    if (!member) throw new NotFound("not_found", `No member ${code}`);
    return contactsPage(r, member, member.contacts);
  },
};

const ContactsForm = z.object({
  contacts: z
    .array(
      z.object({
        id: z.string().optional(),
        name: z.string(),
        email: z.string(),
        role: z.string(),
        language: z.string(),
      }),
    )
    .default([]),
});

export const saveContacts: ConsolePage = {
  answer: async (r) => {
    const code = r.params.memberCode ?? "";
    // The page always posts its rows (at least the empty one): none at all is a broken form, and
    // taking it at its word would remove every contact.
    if (r.form.contacts === undefined)
      throw new BadRequest("no_contact_rows", "The form sent no contact rows; nothing was changed");
    // A posted form of the wrong shape is the sender's mistake: a 422 naming the field, not a 500.
    const rows = validated(ContactsForm, {
      contacts: Object.values((r.form.contacts as object) ?? {}),
    }).contacts.map((row) => ({ ...row, id: row.id ?? "" }));
    const edit = await editMemberContacts(r.ports, code, rows, field(r.form, "version"));
    if (edit.outcome === "conflict") return contactsPage(r, edit.member, rows, { conflict: true }, 409);
    if (edit.outcome === "invalid")
      return contactsPage(r, edit.member, rows, { problems: edit.problems }, 422);
    r.did({ action: "edited contacts", target: code });
    return redirect("/console/members");
  },
};

const text = z.record(z.string(), z.string()).default({});
const DetailsFields = z.object({
  detailsVersion: z.string().default(""),
  group: z.string().default(""),
  subregion: z.string().default(""),
  language: z.string().default(""),
  timeZone: z.string().default(""),
  inviteByDefault: z.string().optional(),
  note: z.string().default(""),
  name: text,
  ofName: text,
  institution: text,
  alternate: z
    .object({
      name: z.string().default(""),
      email: z.string().default(""),
      role: z.string().default(""),
      language: z.string().default(""),
    })
    .default({ name: "", email: "", role: "", language: "" }),
});

/** Saves a member's details over the ones the page showed; a mistake or a conflict keeps what was typed. */
export const saveDetails: ConsolePage = {
  answer: async (r) => {
    const code = r.params.memberCode ?? "";
    const posted = validated(DetailsFields, r.form);
    const form: DetailsForm = { ...posted, inviteByDefault: posted.inviteByDefault === "yes" };
    const edit = await editMemberDetails(r.ports, code, form, posted.detailsVersion);
    if (edit.outcome === "saved") {
      r.did({ action: "edited member details", target: code });
      return redirect(`/console/members/${encodeURIComponent(code)}?saved=details`);
    }
    const details = detailsView(
      r,
      edit.member,
      form,
      edit.outcome === "conflict" ? { conflict: true } : { problems: edit.problems },
    );
    return contactsPage(
      r,
      edit.member,
      edit.member.contacts,
      {},
      edit.outcome === "conflict" ? 409 : 422,
      details,
    );
  },
};
