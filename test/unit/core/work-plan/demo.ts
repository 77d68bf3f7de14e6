// The demo's compiled inputs: the shipped questionnaire answered by the shipped directory, with real receipt codes.
import type { Member } from "../../../../functions/core/directory.ts";
import type { Questionnaire } from "../../../../functions/core/questionnaire/definition.ts";
import { receiptCode } from "../../../../functions/core/receipts.ts";
import { buildInputsReport, type InputsReport } from "../../../../functions/core/report/inputs-report.ts";
import type { ResponseVersion } from "../../../../functions/core/responses.ts";
import {
  defaultDirectoryPath,
  defaultQuestionnairePath,
  readDirectoryFile,
  readQuestionnaireFile,
} from "../../../../functions/local/content.ts";
import { campaign } from "../../../support/factories.ts";
import { generatedSubmissions } from "../../../support/submissions.ts";

export type Inputs = {
  questionnaire: Questionnaire;
  members: Member[];
  submissions: ResponseVersion[];
  report: InputsReport;
};

/** Each generated submission sealed with the receipt code its content hashes to, as respond.ts seals it. */
const sealed = (submissions: ResponseVersion[]) =>
  submissions.map((s) => {
    const { receiptCode: _placeholder, ...content } = s;
    return { ...s, receiptCode: receiptCode(content) };
  });

export const compile = (
  questionnaire: Questionnaire,
  members: Member[],
  submissions: ResponseVersion[],
): InputsReport =>
  buildInputsReport({
    campaign: campaign({
      questionnaireId: questionnaire.id,
      invited: members.map((m) => m.code),
      meeting: "Planning Meeting",
    }),
    questionnaire,
    members,
    submissions,
    lang: "es",
    generatedAt: new Date("2026-03-01T12:00:00Z"),
    t: (key) => key,
  });

let cached: Inputs | undefined;

/** Built once per test file: the demo's answers take a moment to generate and validate. */
export const demoInputs = (): Inputs => {
  if (cached) return cached;
  const questionnaire = readQuestionnaireFile(defaultQuestionnairePath);
  const members = readDirectoryFile(defaultDirectoryPath).members;
  const submissions = sealed(generatedSubmissions(questionnaire, members));
  cached = { questionnaire, members, submissions, report: compile(questionnaire, members, submissions) };
  return cached;
};
