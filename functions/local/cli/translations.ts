// consulta translations: the translators' workbook out, and what the returned one changes back in.
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { CliError } from "../admin-connection.ts";
import type { AdminClient } from "../demo.ts";
import { need, print, UsageError, type Options } from "./options.ts";

type TranslationsOutcome = {
  questionnaire: { id: string; version: number };
  changes: { id: string; language: string; before: string; after: string }[];
  keptEmpty: { id: string; language: string }[];
  published: number | null;
};

export const translations = async (
  api: AdminClient,
  sub: string | undefined,
  args: string[],
  o: Options,
): Promise<number> => {
  const [id = "", versionText = ""] = need(args, 2, "the questionnaire ID and VERSION");
  const version = Number(versionText);
  if (!Number.isInteger(version) || version < 1)
    throw new UsageError(`VERSION must be a version number, not "${versionText}"`);
  const path = `/api/questionnaires/${encodeURIComponent(id)}/${version}/translations`;
  if (sub === "export") {
    const file = args[2] ?? `${id}-v${version}-translations.xlsx`;
    const { bytes } = await api<{ bytes: Uint8Array }>("GET", path);
    writeFileSync(file, bytes);
    print({ file }, o.json, () => `Wrote ${file}`);
    return 0;
  }
  if (sub === "import") {
    const [, , file = ""] = need(args, 3, "the FILE to import");
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new CliError(`Cannot read ${file}`);
    }
    const out = await api<TranslationsOutcome>("POST", path, {
      filename: basename(file),
      contentBase64: bytes.toString("base64"),
      apply: o.apply ?? false,
    });
    const lines = out.changes.map((c) => `  ${c.id} [${c.language}]: "${c.before}" -> "${c.after}"`);
    print(out, o.json, () =>
      [
        `${out.changes.length} texts change in ${id} v${version}${out.keptEmpty.length ? ` (${out.keptEmpty.length} empty cells keep their text)` : ""}:`,
        ...lines,
        out.published !== null
          ? `Published as ${id} v${out.published}.`
          : out.changes.length && !o.apply
            ? `Nothing was written. Publish it as the next version: consulta translations import ${id} ${version} ${file} --apply`
            : "Nothing to publish.",
      ].join("\n"),
    );
    return 0;
  }
  throw new UsageError(`Unknown command: translations ${sub ?? ""}`);
};
