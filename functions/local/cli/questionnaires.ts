// consulta questionnaire: the console's editor from a terminal — list, copy a version into the next
// one's draft, write the draft out as YAML, put the edited file back, publish.
import { readFileSync, writeFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import type { QuestionnaireListing } from "../../core/questionnaire-editor.ts";
import { placeName, type DraftCheck } from "../../core/questionnaire-editor/checks.ts";
import type { QuestionnaireDraft } from "../../core/ports/index.ts";
import { CliError } from "../admin-connection.ts";
import type { AdminClient } from "../demo.ts";
import { need, print, UsageError, type Options } from "./options.ts";

/** The file's first line names the draft and the revision it was written at: putting it back checks both. */
const HEADER = /^# consulta draft (\S+) v(\d+), revision (\d+)/;

const versionOf = (text: string | undefined) => {
  const version = Number(text);
  if (!text || !Number.isInteger(version) || version < 1)
    throw new UsageError(`VERSION must be a version number, not "${text ?? ""}"`);
  return version;
};

const checkLines = (check: Pick<DraftCheck, "problems" | "missing">) => [
  ...check.problems.map((p) => `  error   ${placeName(p)}: ${p.message}`),
  ...check.missing.map((m) => `  missing ${placeName(m)}: no text in ${m.languages.join(", ")}`),
];

export const questionnaires = async (
  api: AdminClient,
  sub: string | undefined,
  args: string[],
  o: Options,
): Promise<number> => {
  if (sub === "list") {
    const { questionnaires: listed } = await api<{ questionnaires: QuestionnaireListing[] }>(
      "GET",
      "/api/questionnaires",
    );
    print(
      listed,
      o.json,
      () =>
        listed
          .flatMap((q) => [
            q.id,
            ...q.versions.map(
              (v) =>
                `  v${v.version}  ${v.title.en ?? v.title.es ?? ""}${v.usedBy.length ? `  used by ${v.usedBy.map((c) => c.id).join(", ")}` : ""}`,
            ),
            ...q.drafts.map(
              (d) => `  v${d.version}  draft from v${d.basedOn}, ${d.updatedAt} by ${d.updatedBy}`,
            ),
          ])
          .join("\n") || "No questionnaires.",
    );
    return 0;
  }
  const [id = "", versionText] = need(args, 2, "the questionnaire ID and VERSION");
  const version = versionOf(versionText);
  const base = `/api/questionnaires/${encodeURIComponent(id)}`;
  const draftPath = `${base}/drafts/${version}`;
  switch (sub) {
    case "copy": {
      const { draft } = await api<{ draft: QuestionnaireDraft }>("POST", `${base}/${version}/copy`);
      print(draft, o.json, () =>
        [
          `Draft ${id} v${draft.version} made from v${version}; v${version} itself never changes.`,
          `Write it out to edit: consulta questionnaire draft ${id} ${draft.version} FILE.yaml`,
        ].join("\n"),
      );
      return 0;
    }
    case "draft": {
      const read = await api<{ draft: QuestionnaireDraft; check: DraftCheck & { publishable: boolean } }>(
        "GET",
        draftPath,
      );
      const file = args[2];
      if (file) {
        const header = `# consulta draft ${id} v${version}, revision ${read.draft.revision}: edit, then\n# consulta questionnaire put ${id} ${version} ${file}\n`;
        writeFileSync(file, header + stringify(read.draft.definition, { lineWidth: 0 }));
      }
      print(read, o.json, () =>
        [
          `Draft ${id} v${version} (from v${read.draft.basedOn}), revision ${read.draft.revision}, ${read.draft.updatedAt} by ${read.draft.updatedBy}.`,
          ...(file ? [`Wrote ${file}`] : []),
          read.check.publishable ? "Ready to publish." : "Not ready to publish:",
          ...checkLines(read.check),
        ].join("\n"),
      );
      return 0;
    }
    case "put": {
      const [, , file = ""] = need(args, 3, "the FILE to put");
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        throw new CliError(`Cannot read ${file}`);
      }
      const header = HEADER.exec(text);
      if (!header || header[1] !== id || Number(header[2]) !== version)
        throw new CliError(
          `${file} was not written for draft ${id} v${version} (its first line must be the one "consulta questionnaire draft" writes)`,
        );
      let definition: unknown;
      try {
        definition = parse(text);
      } catch (error) {
        throw new CliError(`${file} is not valid YAML: ${(error as Error).message}`);
      }
      const out = await api<{ draft: QuestionnaireDraft; missing: DraftCheck["missing"] }>("PUT", draftPath, {
        revision: Number(header[3]),
        definition,
      });
      // The file now stands for the new revision, so the next edit of it can be put back too.
      writeFileSync(
        file,
        text.replace(HEADER, `# consulta draft ${id} v${version}, revision ${out.draft.revision}`),
      );
      print(out, o.json, () =>
        [
          `Saved draft ${id} v${version}, revision ${out.draft.revision}.`,
          ...(out.missing.length
            ? ["Still to translate before publishing:", ...checkLines({ problems: [], missing: out.missing })]
            : []),
        ].join("\n"),
      );
      return 0;
    }
    case "publish": {
      const read = await api<{ draft: QuestionnaireDraft; check: DraftCheck & { publishable: boolean } }>(
        "GET",
        draftPath,
      );
      if (o["dry-run"] || !read.check.publishable) {
        print({ ...read.check, published: null }, o.json, () =>
          [
            read.check.publishable
              ? `Publishing makes ${id} v${version} a version no one can change; nothing was done.`
              : `${id} v${version} cannot be published yet:`,
            ...checkLines(read.check),
          ].join("\n"),
        );
        return read.check.publishable ? 0 : 1;
      }
      const out = await api<{ id: string; version: number }>("POST", `${draftPath}/publish`, {
        revision: read.draft.revision,
      });
      print({ ...out, published: out.version }, o.json, () => `Published ${id} v${out.version}.`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command: questionnaire ${sub ?? ""}`);
  }
};
