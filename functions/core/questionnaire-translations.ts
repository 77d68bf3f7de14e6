// Translators work in Excel: a questionnaire version goes out as a sheet and comes back as a new version.
import { BadRequest, NotFound, ValidationFailed } from "./errors.ts";
import type { BlobStore, Ports as AllPorts, QuestionnaireStore } from "./ports.ts";
import type { Questionnaire } from "./questionnaire/definition.ts";
import {
  applyTranslations,
  planTranslationImport,
  translationRows,
  type TextChange,
} from "./questionnaire/translation-sheet.ts";
import { readSpreadsheet, toXlsx } from "./spreadsheet.ts";

type Ports = { repository: Pick<QuestionnaireStore, "getQuestionnaire" | "putQuestionnaire"> };

const versionOf = async (ports: Ports, id: string, version: number) => {
  const q = await ports.repository.getQuestionnaire(id, version);
  if (!q) throw new NotFound("questionnaire_not_found", `No questionnaire ${id} v${version}`);
  return q;
};

/** The version's texts as a workbook: ids locked, one column per language, long texts wrapped. */
export const exportTranslations = async (ports: Ports, id: string, version: number) => {
  const q = await versionOf(ports, id, version);
  return {
    filename: `${id}-v${version}-translations.xlsx`,
    bytes: await toXlsx("Translations", translationRows(q), { lockedColumns: 1, wrap: true }),
  };
};

export type TranslationPreview = {
  questionnaire: Pick<Questionnaire, "id" | "version">;
  changes: TextChange[];
  keptEmpty: { id: string; language: string }[];
};

/**
 * What a returned workbook would change, or a ValidationFailed naming the ids that no longer match
 * (the file field's error, with the lists in `details`).
 */
export const previewTranslations = async (
  ports: Ports,
  id: string,
  version: number,
  file: { bytes: Uint8Array; filename: string },
): Promise<TranslationPreview & { next: Questionnaire }> => {
  const q = await versionOf(ports, id, version);
  const plan = planTranslationImport(q, await readSpreadsheet(file.bytes, file.filename));
  if (!plan.ok) {
    const { problem, unknown, missing, repeated } = plan;
    const counts = { unknown: unknown.length, missing: missing.length, repeated: repeated.length };
    throw new ValidationFailed(
      [
        {
          path: "file",
          code: problem === "no-header" ? "translations_no_header" : "translations_ids_differ",
          params: counts,
        },
      ],
      { unknown, missing, repeated },
    );
  }
  return {
    questionnaire: { id, version },
    changes: plan.changes,
    keptEmpty: plan.keptEmpty,
    next: applyTranslations(q, plan.changes),
  };
};

/**
 * Publishes the translated texts as the next version: the version read stays as it was (a campaign
 * may use it), and a file that changes nothing publishes nothing.
 */
export const publishTranslations = async (
  ports: Ports,
  id: string,
  version: number,
  file: { bytes: Uint8Array; filename: string },
): Promise<TranslationPreview & { published?: number }> => {
  const preview = await previewTranslations(ports, id, version, file);
  const { next, ...shown } = preview;
  if (!preview.changes.length) return shown;
  const latest = (await ports.repository.getQuestionnaire(id))?.version ?? version;
  const published = latest + 1;
  await ports.repository.putQuestionnaire({ ...next, version: published });
  return { ...shown, published };
};

// A workbook uploaded in the console is kept, and the very bytes previewed are what is published: the
// confirmation carries only the upload's id, never the texts.
type KeepingPorts = Ports & { blobs: Pick<BlobStore, "put" | "get"> } & Pick<AllPorts, "random">;

const SAFE = /^[A-Za-z0-9_-]{1,100}$/;
const keptKey = (id: string, version: number, upload: string) => {
  // The key is built from the address: nothing in it may climb out of the uploads' folder.
  if (!SAFE.test(id) || !SAFE.test(upload) || !Number.isInteger(version))
    throw new NotFound("translations_upload_not_found", "This uploaded workbook is no longer available");
  return `translation-uploads/${id}/v${version}/${upload}`;
};

/** Previews a returned workbook and keeps it for publishing; a refused file is not kept. */
export const keepReturnedWorkbook = async (
  ports: KeepingPorts,
  id: string,
  version: number,
  file: { bytes: Uint8Array; filename: string },
): Promise<TranslationPreview & { upload: string; nextVersion: number }> => {
  if (!file.bytes.length)
    throw new ValidationFailed([{ path: "file", code: "translations_no_file", params: {} }]);
  const { next: _next, ...preview } = await previewTranslations(ports, id, version, file);
  const upload = ports.random.id();
  // No extension in the key: the reader tells a workbook (a zip) from a CSV by its bytes.
  await ports.blobs.put(keptKey(id, version, upload), file.bytes, "application/octet-stream");
  const latest = (await ports.repository.getQuestionnaire(id))?.version ?? version;
  return { ...preview, upload, nextVersion: latest + 1 };
};

/** Publishes a kept workbook as the next version: exactly the bytes that were previewed. */
export const publishKeptWorkbook = async (
  ports: KeepingPorts,
  id: string,
  version: number,
  upload: string,
) => {
  const bytes = await ports.blobs.get(keptKey(id, version, upload));
  if (!bytes)
    throw new NotFound("translations_upload_not_found", "This uploaded workbook is no longer available");
  return publishTranslations(ports, id, version, { bytes, filename: "returned" });
};

/** A version number as typed in an address or on a command line: a positive whole number, or a 400. */
export const versionNumber = (text: string | undefined) => {
  const version = Number(text);
  if (!text || !Number.isInteger(version) || version < 1)
    throw new BadRequest("bad_version", `"${text ?? ""}" is not a questionnaire version number`);
  return version;
};
