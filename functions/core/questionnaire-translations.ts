// Translators work in Excel: a questionnaire version goes out as a sheet and comes back as a new version.
import { NotFound, ValidationFailed } from "./errors.ts";
import type { QuestionnaireStore } from "./ports.ts";
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
