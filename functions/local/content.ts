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

/** The questionnaire files of a content folder, in name order. */
const questionnaireFiles = (dir: string) => {
  const folder = join(dir, "questionnaires");
  return existsSync(folder)
    ? readdirSync(folder)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(folder, f))
    : [];
};

/** A content folder as `consulta load` and the first start read it: members.yaml and every questionnaire. */
export const readContent = (dir: string = CONTENT_DIR): Content => {
  if (!existsSync(join(dir, "members.yaml"))) throw new ContentError(`${dir} has no members.yaml`);
  return {
    members: readDirectoryFile(join(dir, "members.yaml")).members,
    questionnaires: questionnaireFiles(dir).map(readQuestionnaireFile),
  };
};

/** The same files as the admin API takes them (their YAML as written), each checked first. */
export const readContentSources = (dir: string = CONTENT_DIR) => {
  readContent(dir);
  return {
    directory: parse(readFileSync(join(dir, "members.yaml"), "utf8")) as { members: unknown[] },
    questionnaires: questionnaireFiles(dir).map((f) => parse(readFileSync(f, "utf8")) as unknown),
  };
};
