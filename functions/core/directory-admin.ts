// The Secretariat's directory work: preview an import (nothing written), apply a previewed import
// whole, export the directory.
import { directoryRows, planDirectoryImport, type DirectoryImportPlan } from "./directory-import.ts";
import { BadRequest, Conflict, ConsultaError, NotFound } from "./errors.ts";
import { contactsVersion } from "./member-contacts.ts";
import type { DirectoryImportStore, DirectoryStore, KeptImport, Ports } from "./ports.ts";
import { sliceOf, type Slice } from "./slice.ts";
import { readSpreadsheet, toCsv, toXlsx } from "./spreadsheet.ts";

const PREVIEW_HOURS = 24;

export type ImportPreview = { id: string; plan: DirectoryImportPlan };

export const previewDirectoryImport = async (
  ports: { repository: DirectoryImportStore & DirectoryStore } & Pick<Ports, "clock" | "random">,
  file: { name: string; bytes: Uint8Array },
): Promise<ImportPreview> => {
  let rows;
  try {
    rows = await readSpreadsheet(file.bytes, file.name);
  } catch (error) {
    if (error instanceof ConsultaError) throw error; // past a limit: the refusal names it
    throw new BadRequest("unreadable_spreadsheet", `${file.name} could not be read as an .xlsx or .csv file`);
  }
  const directory = await ports.repository.listMembers();
  const plan = planDirectoryImport(rows, directory);
  if (!plan.ok) throw new BadRequest("no_header_row", plan.error);
  const id = ports.random.id();
  const expiresAt = Math.floor(ports.clock.now().getTime() / 1000) + PREVIEW_HOURS * 3600;
  const seen = Object.fromEntries(directory.map((m) => [m.code, contactsVersion(m.contacts)]));
  await ports.repository.putImport(id, { plan: plan.value, seen, expiresAt } satisfies KeptImport, expiresAt);
  return { id, plan: plan.value };
};

/**
 * Applies exactly what was previewed. Writing is idempotent, so an import interrupted half-way is
 * finished by applying it again; the preview stays available for a day for that. A member whose
 * contacts someone edited since the preview is not overwritten: nothing is applied, and the
 * Secretariat previews the file again, against the directory as it now is.
 */
export const applyDirectoryImport = async (
  ports: { repository: DirectoryImportStore & DirectoryStore } & Pick<Ports, "clock">,
  id: string,
  /** Only these members (by code): one chunk of an import job; each chunk checks the whole again. */
  slice?: Slice,
) => {
  const stored = await ports.repository.getImport(id);
  const now = ports.clock.now().getTime() / 1000;
  if (!stored || (stored.expiresAt !== undefined && stored.expiresAt <= now))
    throw new NotFound("import_not_found", "This import preview has expired; upload the file again");
  const { plan, seen } = stored;
  const current = new Map(
    (await ports.repository.listMembers()).map((m) => [m.code, contactsVersion(m.contacts)]),
  );
  const changed = plan.members.filter((m) => {
    const version = current.get(m.code);
    // As previewed, or as this import leaves it (an earlier apply that stopped half-way).
    return version !== undefined && version !== seen[m.code] && version !== contactsVersion(m.contacts);
  });
  if (changed.length) {
    throw new Conflict(
      "directory_changed",
      `Someone changed ${changed.map((m) => m.code).join(", ")} since this preview; nothing was imported. Upload the file again to see a new preview.`,
    );
  }
  const { items, end } = sliceOf(plan.members, (m) => m.code, slice);
  await ports.repository.putMembers(items);
  return { ...plan.counts, ...(slice ? end : {}) };
};

export const exportDirectory = async (ports: { repository: DirectoryStore }, format: "csv" | "xlsx") => {
  const rows = directoryRows(await ports.repository.listMembers());
  return format === "csv"
    ? { bytes: toCsv(rows), contentType: "text/csv; charset=utf-8" }
    : {
        bytes: await toXlsx("Directory", rows),
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      };
};
