// Importing the directory from a spreadsheet: a preview of what would change, then the job that applies it.
import { previewDirectoryImport } from "../../core/directory-admin.ts";
import type { ImportNote } from "../../core/directory-import.ts";
import { BadRequest } from "../../core/errors.ts";
import { startJob } from "../../core/jobs.ts";
import { redirect } from "../../http/responses.ts";
import type { ConsolePage, OpenRequest } from "./page.ts";

/** A row's note worded in the page's language, members named in it too. */
const noteText = (r: Pick<OpenRequest, "ports" | "lang">, note: ImportNote) => {
  const named = {
    ...note,
    ...("member" in note ? { member: note.member[r.lang] } : {}),
    ...("suggestion" in note && note.suggestion ? { suggestion: note.suggestion[r.lang] } : {}),
  };
  const code = note.code === "no-member" && note.suggestion ? "no-member-hint" : note.code;
  return r.ports.views.translate(r.lang, `console.import-note.${code}`, named);
};

export const previewImport: ConsolePage = {
  answer: async (r) => {
    const upload = r.form.upload as { filename: string; bytes: Uint8Array } | undefined;
    if (!upload || !upload.bytes.length) throw new BadRequest("no_file", "Choose the spreadsheet to import");
    const [preview, directory] = await Promise.all([
      previewDirectoryImport(r.ports, { name: upload.filename, bytes: upload.bytes }),
      r.ports.repository.listMembers(),
    ]);
    const nameOf = new Map(directory.map((m) => [m.code, m.name[r.lang]]));
    const languageOf = new Map(directory.map((m) => [m.code, m.language]));
    return r.render("import-preview", {
      ...preview,
      filename: upload.filename,
      problems: preview.plan.rows
        .filter((row) => row.status !== "ok" || row.message)
        .map((row) => ({ ...row, text: row.note ? noteText(r, row.note) : row.message })),
      members: preview.plan.members.map((m) => ({
        code: m.code,
        name: nameOf.get(m.code) ?? m.name[r.lang],
        // A contact without a language of its own is written to in its member's.
        contacts: m.contacts.map((c) => ({ ...c, own: c.language, inherited: languageOf.get(m.code) })),
      })),
      unchanged: preview.plan.unchanged.map((code) => ({ code, name: nameOf.get(code) ?? code })),
    });
  },
};

export const applyImport: ConsolePage = {
  answer: async (r) => {
    // The job writes the audit line, with what it imported, once it has.
    const job = await startJob(
      r.ports,
      { kind: "import-apply", importId: r.params.importId ?? "" },
      r.session.email,
    );
    return redirect(`/console/jobs/${job.id}`);
  },
};
