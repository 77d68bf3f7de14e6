// The report's HTML checked by an HTML validator (html-validate, its recommended rules: the HTML
// standard, accessibility and its own good-practice rules), for the shapes the report takes: the
// hand-made fixture in both compile languages, the shipped questionnaire answered by the shipped
// directory, a campaign larger than the document lists member by member, and one nobody answered.
import { HtmlValidate, StaticConfigLoader, type Message } from "html-validate";
import { describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import type { Member } from "../../../functions/core/directory.ts";
import type { Questionnaire } from "../../../functions/core/questionnaire/definition.ts";
import { LISTING_LIMIT, renderInputsHtml } from "../../../functions/core/report/inputs-html.ts";
import { buildInputsReport } from "../../../functions/core/report/inputs-report.ts";
import type { ResponseVersion } from "../../../functions/core/responses.ts";
import {
  defaultDirectoryPath,
  defaultQuestionnairePath,
  readDirectoryFile,
  readQuestionnaireFile,
} from "../../../functions/local/content.ts";
import { campaign, member } from "../../support/factories.ts";
import {
  members as fixtureMembers,
  q as fixtureQuestionnaire,
  submissions,
} from "../../unit/core/report/fixture.ts";
import { generatedSubmissions } from "../../support/submissions.ts";

const views = createHandlebarsViews(new URL("../../../templates/", import.meta.url).pathname);
const validator = new HtmlValidate(new StaticConfigLoader({ extends: ["html-validate:recommended"] }));

const html = (
  questionnaire: Questionnaire,
  members: Member[],
  answered: ResponseVersion[],
  lang: "es" | "en" = "es",
) => {
  const t = (key: string) => views.translate(lang, key);
  const report = buildInputsReport({
    campaign: campaign({
      questionnaireId: questionnaire.id,
      questionnaireVersion: questionnaire.version,
      invited: members.map((m) => m.code),
    }),
    questionnaire,
    members,
    submissions: answered,
    lang,
    generatedAt: new Date("2026-03-01T15:30:00Z"),
    t,
  });
  return new TextDecoder().decode(renderInputsHtml(report, t, views.render));
};

const problems = async (page: string) => {
  const report = await validator.validateString(page);
  return report.results.flatMap((r) =>
    r.messages.map((m: Message) => `${m.line}:${m.column} ${m.ruleId}: ${m.message} (${m.selector ?? ""})`),
  );
};

describe("the Inputs HTML, checked by html-validate", () => {
  const shipped = readQuestionnaireFile(defaultQuestionnairePath);
  const directory = readDirectoryFile(defaultDirectoryPath).members;

  it("is valid for the fixture, in Spanish and in English", async () => {
    expect(await problems(html(fixtureQuestionnaire, fixtureMembers, submissions, "es"))).toEqual([]);
    expect(await problems(html(fixtureQuestionnaire, fixtureMembers, submissions, "en"))).toEqual([]);
  });

  it("is valid for the shipped questionnaire answered by the shipped directory", async () => {
    const answered = generatedSubmissions(shipped, directory);
    expect(answered.length).toBeGreaterThan(directory.length / 2);
    const page = html(shipped, directory, answered);
    expect(page).toContain('<article class="member"');
    expect(await problems(page)).toEqual([]);
  });

  it("is valid beyond the listing limit, where listings give way to notes", async () => {
    // Three capital letters, as the directory wants them: AAA, AAB, …
    const many = Array.from({ length: LISTING_LIMIT + 20 }, (_, i) =>
      member([676, 26, 1].map((d) => String.fromCharCode(65 + (Math.floor(i / d) % 26))).join(""), {
        group: i % 10 === 3 ? "workers" : "government",
        subregion: i % 10 === 3 ? undefined : "caribbean",
      }),
    );
    const page = html(shipped, many, generatedSubmissions(shipped, many));
    expect(page).not.toContain('<article class="member"');
    expect(await problems(page)).toEqual([]);
  });

  it("is valid when nobody has answered yet", async () => {
    expect(await problems(html(shipped, directory, []))).toEqual([]);
  });
});
