// The translators' workbook in the console: download a version's texts, upload the returned file, see
// each change per text and language, publish exactly what was previewed as the next version; a file
// whose ids no longer match is refused beside the file field, naming them, in the page's language.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { campaign, question, questionnaire } from "../../support/factories.ts";
import { testStack } from "../../support/local-stack.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let secretariat: ConsoleSession;
const LABEL = "sections/main/questions/q1/label";

/** The workbook as a translator returns it: `edit` applied to its only sheet. */
const editedWorkbook = async (bytes: Uint8Array, edit: (sheet: ExcelJS.Worksheet) => void) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  edit(book.worksheets[0]!);
  return new Uint8Array(await book.xlsx.writeBuffer());
};
const rowOf = (sheet: ExcelJS.Worksheet, id: string) => {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === id) found = row;
  });
  if (!found) throw new Error(`no row ${id}`);
  return found;
};
const decoded = (html: string) =>
  html.replaceAll("&#x3D;", "=").replaceAll("&amp;", "&").replaceAll("&#x27;", "'").replaceAll("&quot;", '"');

const download = async () => {
  const reply = await secretariat.get("/console/translations/test-questionnaire/1/workbook");
  expect(reply.status).toBe(200);
  expect(reply.headers.get("content-disposition")).toContain("test-questionnaire-v1-translations.xlsx");
  return new Uint8Array(await reply.arrayBuffer());
};

beforeAll(async () => {
  stack = await testStack();
  secretariat = await signInToConsole(stack);
  await stack.ports.repository.putQuestionnaire(
    questionnaire([question("q1", "yes-no"), question("q2", "yes-no")]),
  );
  await stack.ports.repository.createCampaign(campaign({ id: "c1", invited: [] }));
});
afterAll(() => stack.dispose());

describe("the translations pages", () => {
  it("lists the versions the campaigns use, with the workbook and the upload form", async () => {
    const index = decoded(await (await secretariat.get("/console/translations")).text());
    expect(index).toContain('<a href="/console/translations/test-questionnaire/1">test-questionnaire v1</a>');
    const typed = await secretariat.get("/console/translations?questionnaire=test-questionnaire&version=1");
    expect(typed.status).toBe(303);
    expect(typed.headers.get("location")).toBe("/console/translations/test-questionnaire/1");
    const page = decoded(await (await secretariat.get("/console/translations/test-questionnaire/1")).text());
    expect(page).toContain('href="/console/translations/test-questionnaire/1/workbook"');
    expect(page).toContain('<input type="file" id="file" name="file"');
  });

  it("previews the changes of a returned workbook and publishes exactly those as the next version", async () => {
    const returned = await editedWorkbook(await download(), (sheet) => {
      rowOf(sheet, LABEL).getCell(4).value = "Question q1 en français";
      rowOf(sheet, LABEL).getCell(5).value = "Pergunta q1";
    });
    const preview = await secretariat.upload("/console/translations/test-questionnaire/1", {
      name: "returned.xlsx",
      bytes: returned,
    });
    expect(preview.status).toBe(200);
    const html = decoded(await preview.text());
    expect([...html.matchAll(/<tr class="text-change">/g)]).toHaveLength(2);
    expect(html).toContain(
      `<th scope="row"><code>${LABEL}</code></th><td lang="fr">French</td><td lang="fr">Question q1 (fr)</td><td lang="fr">Question q1 en français</td>`,
    );
    expect(html).toContain("Publish 2 changes as version 2");
    // Nothing is published by previewing.
    expect((await stack.ports.repository.getQuestionnaire("test-questionnaire"))?.version).toBe(1);

    const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1] ?? "";
    expect(action).toMatch(/^\/console\/translations\/test-questionnaire\/1\/[\w-]+$/);
    const published = await secretariat.post(action, {});
    expect(published.status).toBe(303);
    expect(published.headers.get("location")).toBe("/console/translations/test-questionnaire/2?published=2");
    const v2 = await stack.ports.repository.getQuestionnaire("test-questionnaire", 2);
    expect(v2?.sections[0]?.questions[0]?.label).toMatchObject({
      fr: "Question q1 en français",
      pt: "Pergunta q1",
    });
    expect(
      (await stack.ports.repository.getQuestionnaire("test-questionnaire", 1))?.sections[0]?.questions[0]
        ?.label.fr,
    ).toBe("Question q1 (fr)");
    const after = decoded(await (await secretariat.get(published.headers.get("location")!)).text());
    expect(after).toContain("Published as version 2.");
    const [line] = (await stack.ports.repository.listAudit()).filter(
      (a) => a.action === "published translations",
    );
    expect(line).toMatchObject({ actor: "secretariat@example.org", target: "test-questionnaire v2" });
  });

  it("refuses a workbook whose ids no longer match, naming them beside the file field, in French", async () => {
    const returned = await editedWorkbook(await download(), (sheet) => {
      rowOf(sheet, LABEL).getCell(1).value = "sections/main/questions/q9/label";
    });
    const refused = await secretariat.upload("/console/translations/test-questionnaire/1?lang=fr", {
      name: "returned.xlsx",
      bytes: returned,
    });
    expect(refused.status).toBe(422);
    const html = decoded(await refused.text());
    expect(html).toContain(
      "Les identifiants du fichier ne correspondent pas à la version 1 : 1 inconnu, 1 manquant, 0 répété. Rien n’a été modifié.",
    );
    expect(html).toContain("<li><code>sections/main/questions/q9/label</code></li>");
    expect(html).toContain(`<li><code>${LABEL}</code></li>`);
    expect(html).toContain('aria-invalid="true" aria-describedby="file-error"');
  });

  it("refuses a file without the workbook's header, and an upload that is not kept", async () => {
    const refused = await secretariat.upload("/console/translations/test-questionnaire/1", {
      name: "notes.csv",
      bytes: new TextEncoder().encode("hello,world\n1,2\n"),
    });
    expect(refused.status).toBe(422);
    expect(decoded(await refused.text())).toContain('This file has no header row with "id"');
    for (const upload of ["never-uploaded", "..%2F..%2Fadmin-token"]) {
      const reply = await secretariat.post(`/console/translations/test-questionnaire/1/${upload}`, {});
      expect(reply.status).toBe(404);
    }
  });
});
