// The Secretariat's directory work: preview an import (nothing written), apply a previewed import
// whole, export the directory.
import { directoryRows, planDirectoryImport, type DirectoryImportPlan } from "./directory-import.ts";
import { BadRequest, NotFound } from "./errors.ts";
import type { Ports } from "./ports.ts";
import { readSpreadsheet, toCsv, toXlsx } from "./spreadsheet.ts";

const PREVIEW_HOURS = 24;

export type ImportPreview = { id: string; plan: DirectoryImportPlan };

export const previewDirectoryImport = async (
  ports: Pick<Ports, "repository" | "clock" | "random">,
  file: { name: string; bytes: Uint8Array },
): Promise<ImportPreview> => {
  let rows;
  try {
    rows = await readSpreadsheet(file.bytes, file.name);
  } catch {
    throw new BadRequest("unreadable_spreadsheet", `${file.name} could not be read as an .xlsx or .csv file`);
  }
  const plan = planDirectoryImport(rows, await ports.repository.listMembers());
  if (!plan.ok) throw new BadRequest("no_header_row", plan.error);
  const id = ports.random.id();
  const expiresAt = Math.floor(ports.clock.now().getTime() / 1000) + PREVIEW_HOURS * 3600;
  await ports.repository.putImport(id, plan.value, expiresAt);
  return { id, plan: plan.value };
};

/**
 * Applies exactly what was previewed. Writing is idempotent, so an import interrupted half-way is
 * finished by applying it again; the preview stays available for a day for that.
 */
export const applyDirectoryImport = async (ports: Pick<Ports, "repository">, id: string) => {
  const plan = (await ports.repository.getImport(id)) as DirectoryImportPlan | undefined;
  if (!plan) throw new NotFound("import_not_found", "This import preview has expired; upload the file again");
  await ports.repository.putMembers(plan.members);
  return plan.counts;
};

export const exportDirectory = async (ports: Pick<Ports, "repository">, format: "csv" | "xlsx") => {
  const rows = directoryRows(await ports.repository.listMembers());
  return format === "csv"
    ? { bytes: toCsv(rows), contentType: "text/csv; charset=utf-8" }
    : {
        bytes: await toXlsx("Directory", rows),
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      };
};
