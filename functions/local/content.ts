// Reads the content folder: questionnaires and the member directory, validated as they load.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { Content } from "../core/content-load.ts";
import { Directory } from "../core/directory.ts";
import { loadQuestionnaire, type Questionnaire } from "../core/questionnaire/definition.ts";

export const CONTENT_DIR = fileURLToPath(new URL("../../content/", import.meta.url));

export class ContentError extends Error {}

export const readQuestionnaireFile = (path: string): Questionnaire => {
  const loaded = loadQuestionnaire(parse(readFileSync(path, "utf8")));
  if (!loaded.ok) {
    throw new ContentError(
      `${path} is not a valid questionnaire:\n${loaded.error.map((e) => `  ${e.path}: ${e.message}`).join("\n")}`,
    );
  }
  return loaded.value;
};

export const readDirectoryFile = (path: string): Directory => {
  const parsed = Directory.safeParse(parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    throw new ContentError(
      `${path} is not a valid member directory:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
  }
  return parsed.data;
};

export const defaultQuestionnairePath = `${CONTENT_DIR}questionnaires/iacml-planning.yaml`;
export const defaultDirectoryPath = `${CONTENT_DIR}members.yaml`;

/** A content folder as `consulta load` and the first start read it: members.yaml and every questionnaire. */
export const readContent = (dir: string = CONTENT_DIR): Content => {
  const folder = join(dir, "questionnaires");
  if (!existsSync(join(dir, "members.yaml"))) throw new ContentError(`${dir} has no members.yaml`);
  const files = existsSync(folder)
    ? readdirSync(folder)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
    : [];
  return {
    members: readDirectoryFile(join(dir, "members.yaml")).members,
    questionnaires: files.map((f) => readQuestionnaireFile(join(folder, f))),
  };
};
