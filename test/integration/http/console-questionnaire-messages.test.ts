// What stands in the way of publishing a draft is said in the console's language, not in the
// definition loader's English: an empty new section, then a condition on a question asked later.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANGUAGES, type Language } from "../../../functions/core/languages.ts";
import { adminClient, loadContent } from "../../../functions/local/demo.ts";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { testStack } from "../../support/local-stack.ts";

const DRAFT = "/console/questionnaires/iacml-planning/drafts/2";
let stack: Awaited<ReturnType<typeof testStack>>;
let secretariat: ConsoleSession;

const revisionOf = async () =>
  /name="revision" value="(\d+)"/.exec(await (await secretariat.get(DRAFT)).text())?.[1] ?? "";

beforeAll(async () => {
  stack = await testStack();
  await loadContent(adminClient(stack));
  secretariat = await signInToConsole(stack);
  await secretariat.post("/console/questionnaires/iacml-planning/versions/1/copy", {});
  // A section with no question yet.
  await secretariat.post(DRAFT, {
    revision: await revisionOf(),
    action: "add-section",
    id: "next-cycle",
    "title[es]": "Próximo ciclo",
    "title[en]": "Next cycle",
    "title[fr]": "Prochain cycle",
    "title[pt]": "Próximo ciclo",
  });
});
afterAll(() => stack?.dispose());

/** The problems the editor or the publish page lists, as text, the console switched to `lang`. */
const problems = async (path: string, lang: Language) => {
  const html = await (await secretariat.get(`${path}?lang=${lang}`)).text();
  const list = /<h3>[^<]*<\/h3><ul>((?:<li>.*?<\/li>)+)<\/ul>/.exec(html)?.[1] ?? "";
  return list
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"');
};

const EMPTY_SECTION: Record<Language, string> = {
  es: "Agregue al menos una pregunta a esta sección.",
  en: "Add at least one question to this section.",
  fr: "Ajoutez au moins une question à cette section.",
  pt: "Adicione pelo menos uma pergunta a esta seção.",
};
const LATER_QUESTION: Record<Language, string> = {
  es: "Esta condición se refiere a “offer-to-host”, que no se pregunta antes.",
  en: "This condition refers to “offer-to-host”, which is not asked before it.",
  fr: "Cette condition porte sur « offer-to-host », qui n’est pas posée avant.",
  pt: "Esta condição se refere a “offer-to-host”, que não é perguntada antes.",
};

describe("the editor's definition problems in the console's language", () => {
  it.each(LANGUAGES)("names an empty section in %s on the editor and the publish page", async (lang) => {
    for (const path of [DRAFT, `${DRAFT}/publish`]) {
      const listed = await problems(path, lang);
      expect(listed).toContain(EMPTY_SECTION[lang]);
      expect(listed).not.toMatch(/expected|Too small/);
    }
    // The preview cannot show the form yet, and says why in the same words.
    const preview = await secretariat.get(`${DRAFT}/preview?lang=${lang}`);
    expect(preview.status).toBe(422);
    expect(await preview.text()).toContain(EMPTY_SECTION[lang]);
  });

  it("names a condition on a later question in each language", async () => {
    const deleted = await secretariat.post(DRAFT, {
      revision: await revisionOf(),
      action: "delete-section",
      section: "next-cycle",
      confirm: "yes",
    });
    expect(deleted.status).toBe(303);
    // The hosting details moved above the question they depend on.
    const moved = await secretariat.post(DRAFT, {
      revision: await revisionOf(),
      action: "question-up",
      section: "work-plan",
      question: "host-offer",
    });
    expect(moved.status).toBe(303);
    for (const lang of LANGUAGES) {
      const listed = await problems(DRAFT, lang);
      expect(listed).toContain(LATER_QUESTION[lang]);
      expect(listed).not.toContain("expected a condition on an earlier question");
    }
  });
});
