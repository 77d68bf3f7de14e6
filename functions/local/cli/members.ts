// consulta members: list the directory, export it, import the Secretariat's spreadsheet.
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import type { DirectoryImportPlan } from "../../core/directory-import.ts";
import type { Member } from "../../core/directory.ts";
import { CliError } from "../admin-connection.ts";
import type { AdminClient } from "../demo.ts";
import { jobStarted, need, print, startedJob, UsageError, type Options } from "./options.ts";
import { counted } from "./counts.ts";

export const members = async (
  api: AdminClient,
  sub: string | undefined,
  args: string[],
  o: Options,
): Promise<number> => {
  if (sub === "list") {
    const { members } = await api<{ members: Member[] }>("GET", "/api/members");
    print(members, o.json, () =>
      members
        .map(
          (m) => `${m.code.padEnd(7)} ${m.name.en.padEnd(36)} ${m.contacts.map((c) => c.email).join(", ")}`,
        )
        .join("\n"),
    );
    return 0;
  }
  if (sub === "export") {
    const [file = ""] = need(args, 1, "the FILE to write");
    const format = file.toLowerCase().endsWith(".csv") ? "csv" : "xlsx";
    const { bytes } = await api<{ bytes: Uint8Array }>("GET", `/api/members/export?format=${format}`);
    writeFileSync(file, bytes);
    console.log(`Wrote ${file}`);
    return 0;
  }
  if (sub === "import") {
    const [file = ""] = need(args, 1, "the FILE to import");
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new CliError(`Cannot read ${file}`);
    }
    const preview = await api<{ id: string; plan: DirectoryImportPlan }>("POST", "/api/members/import", {
      filename: basename(file),
      contentBase64: bytes.toString("base64"),
    });
    const { plan } = preview;
    const notes = plan.rows.filter((r) => r.message).map((r) => `  ${r.message}`);
    const removed = plan.removed.map(
      (r) => `  ${r.memberCode}: ${r.email} will no longer be in the directory`,
    );
    if (o["dry-run"]) {
      print({ ...plan, applied: false }, o.json, () =>
        [
          `Header on row ${plan.headerRow}. Would import ${counted(plan.counts.ok, "contact")} for ${counted(plan.counts.members, "member")}.`,
          ...notes,
          ...removed,
        ].join("\n"),
      );
      return plan.counts.errors ? 3 : 0;
    }
    const applied = await api<DirectoryImportPlan["counts"]>(
      "POST",
      `/api/members/import?apply=${preview.id}`,
      {},
    );
    const job = startedJob(applied);
    if (job) return jobStarted(job, o);
    print({ ...plan, applied: true }, o.json, () =>
      [
        `Imported ${counted(applied.ok, "contact")} for ${counted(applied.members, "member")} (header on row ${plan.headerRow}).`,
        ...(notes.length ? ["Rows to look at:", ...notes] : []),
        ...removed,
        ...(applied.errors
          ? [`${applied.errors} rows were not imported; fix them in the spreadsheet and import it again.`]
          : []),
      ].join("\n"),
    );
    return applied.errors ? 3 : 0;
  }
  throw new UsageError(`Unknown command: members ${sub ?? ""}`);
};
