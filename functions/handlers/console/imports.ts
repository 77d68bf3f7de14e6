// Importing the directory from a spreadsheet: a preview of what would change, then the job that applies it.
import { previewDirectoryImport } from "../../core/directory-admin.ts";
import { BadRequest } from "../../core/errors.ts";
import { startJob } from "../../core/jobs.ts";
import { redirect } from "../../http/responses.ts";
import type { ConsolePage } from "./page.ts";

export const previewImport: ConsolePage = {
  answer: async (r) => {
    const upload = r.form.upload as { filename: string; bytes: Uint8Array } | undefined;
    if (!upload || !upload.bytes.length) throw new BadRequest("no_file", "Choose the spreadsheet to import");
    const preview = await previewDirectoryImport(r.ports, { name: upload.filename, bytes: upload.bytes });
    return r.render("import-preview", {
      ...preview,
      filename: upload.filename,
      problems: preview.plan.rows.filter((row) => row.status !== "ok" || row.message),
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
