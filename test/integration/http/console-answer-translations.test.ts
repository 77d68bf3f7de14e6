// The console's translations page: each free text beside its original, which are machine-only, and a
// correction that replaces the machine's and is marked reviewed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translateSubmission } from "../../../functions/core/translation/translate-submission.ts";
import {
  defaultDirectoryPath,
  defaultQuestionnairePath,
  readDirectoryFile,
  readQuestionnaireFile,
} from "../../../functions/local/content.ts";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { campaign } from "../../support/factories.ts";
import { testStack } from "../../support/local-stack.ts";
import { generatedSubmissions } from "../../support/submissions.ts";

const questionnaire = readQuestionnaireFile(defaultQuestionnairePath);
const members = readDirectoryFile(defaultDirectoryPath).members;
const brazil = generatedSubmissions(questionnaire, members).find((s) => s.memberCode === "BRA");

let stack: Awaited<ReturnType<typeof testStack>>;
let secretariat: ConsoleSession;

beforeAll(async () => {
  stack = await testStack();
  secretariat = await signInToConsole(stack);
  const { repository } = stack.ports;
  await repository.putMembers(members);
  await repository.putQuestionnaire(questionnaire);
  await repository.createCampaign(
    campaign({
      id: "translated",
      questionnaireId: questionnaire.id,
      questionnaireVersion: questionnaire.version,
      invited: ["BRA"],
    }),
  );
  if (!brazil) throw new Error("no Brazilian submission");
  await repository.putResponseVersion({ ...brazil, campaignId: "translated", language: "pt" });
  // What the job queued at submission did: Apertium, through the stack's own ports.
  const { translations, translator } = stack.ports;
  if (!translations) throw new Error("the stack has no translation store");
  await translateSubmission(
    { repository },
    { store: translations, ...(translator ? { translator } : {}) },
    { campaignId: "translated", memberCode: "BRA", version: brazil.version },
  );
}, 120_000);
afterAll(() => stack.dispose());

const page = async () => (await secretariat.get("/console/campaigns/translated/translations?lang=es")).text();

describe("the console's translations page", () => {
  it("shows each Portuguese text beside its Spanish machine translation, and counts those not reviewed", async () => {
    const html = await page();
    expect(html).toContain('<blockquote lang="pt">Fortalecer a cooperação técnica');
    expect(html).toMatch(/Fortalecer la cooperación técnica entre los Ministerios de(l)? Trabajo/);
    expect(html).toMatch(/id="translations-summary" role="status">[1-9]\d* /);
    expect(html).not.toMatch(/id="translations-summary" role="status">0 /);
  });

  it("takes a correction that replaces the machine's and is marked reviewed", async () => {
    const html = await page();
    const first =
      /name="sha256" value="([0-9a-f]{64})"><input type="hidden" name="source" value="(\w\w)">/.exec(html);
    expect(first).not.toBeNull();
    const posted = await secretariat.post("/console/campaigns/translated/translations", {
      sha256: first?.[1] ?? "",
      source: first?.[2] ?? "",
      target: "es",
      text: "Texto revisado por la Secretaría.",
    });
    expect(posted.status).toBe(303);
    const after = await page();
    expect(after).toContain("Texto revisado por la Secretaría.");
    expect(after).toContain("secretariat@example.org");
    const corrections = await stack.ports.translations?.listCorrections("translated");
    expect(corrections).toMatchObject([{ text: "Texto revisado por la Secretaría.", target: "es" }]);
  });

  it("refuses an empty correction, changing nothing", async () => {
    const before = await stack.ports.translations?.listCorrections("translated");
    const posted = await secretariat.post("/console/campaigns/translated/translations", {
      sha256: "0".repeat(64),
      source: "pt",
      target: "es",
      text: "   ",
    });
    expect(posted.status).toBe(422);
    expect(await stack.ports.translations?.listCorrections("translated")).toEqual(before);
  });
});
