// Reads the content folder: questionnaires and the member directory, validated as they load.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
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
