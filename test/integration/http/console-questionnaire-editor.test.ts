// The Secretariat prepares the next cycle's questionnaire in the console, over plain HTTP as the pages
// post: copies the shipped version, adds a question in four languages (the server restarted in the
// middle), previews it in Portuguese as COSATE, publishes, and finds the new version listed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { adminClient, loadContent } from "../../../functions/local/demo.ts";
import { startLocalStack, type LocalStack } from "../../../functions/local/stack.ts";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";

const dir = mkdtempSync(join(tmpdir(), "consulta-editor-"));
const start = () => startLocalStack({ dir, port: 0, tableName: "consulta" });
let stack: LocalStack | undefined;
afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

const DRAFT = "/console/questionnaires/iacml-planning/drafts/2";
const LABEL = {
  es: "¿Qué tema debería priorizar el próximo ciclo?",
  en: "Which topic should the next cycle put first?",
  fr: "Quel thème le prochain cycle devrait-il privilégier ?",
  pt: "Que tema o próximo ciclo deveria priorizar?",
};

/** An attribute's text as a browser reads it (handlebars escapes these). */
const unescaped = (value: string) =>
  value
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, "=")
    .replace(/&#x60;/g, "`")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
const revisionOf = (html: string) => /name="revision" value="(\d+)"/.exec(html)?.[1] ?? "";
const page = async (session: ConsoleSession, path: string) => {
  const res = await session.get(path);
  return { status: res.status, html: await res.text() };
};
const texts = (name: string, values: Partial<Record<string, string>>) =>
  Object.fromEntries(Object.entries(values).map(([lang, v]) => [`${name}[${lang}]`, v ?? ""]));

describe("the questionnaire editor in the console", () => {
  it("copies, edits, previews and publishes a version; a restart loses nothing", async () => {
    stack = await start();
    await loadContent(adminClient(stack));
    let secretariat = await signInToConsole(stack);

    const list = await page(secretariat, "/console/questionnaires");
    expect(list.status).toBe(200);
    expect(list.html).toContain("Copy version 1 to a new draft");

    const copied = await secretariat.post("/console/questionnaires/iacml-planning/versions/1/copy", {});
    expect(copied.status).toBe(303);
    expect(copied.headers.get("location")).toBe(DRAFT);

    // A question in English and Spanish only, at the end of the last section.
    const editor = await page(secretariat, `${DRAFT}?section=other`);
    expect(editor.status).toBe(200);
    const added = await secretariat.post(DRAFT, {
      revision: revisionOf(editor.html),
      action: "add-question",
      section: "other",
      id: "next-cycle-topic",
      type: "single-choice",
      ...texts("label", { es: LABEL.es, en: LABEL.en }),
    });
    expect(added.status).toBe(303);

    // The server stops and starts again on the same folder: the draft is still there.
    await stack.close();
    stack = await start();
    secretariat = await signInToConsole(stack);

    const question = await page(secretariat, `${DRAFT}?section=other&question=next-cycle-topic`);
    expect(question.status).toBe(200);
    expect(question.html).toContain(LABEL.es);
    // French and Portuguese are flagged as missing, and publishing is refused, naming the question.
    expect(question.html).toMatch(/id="label-fr"[^>]*aria-invalid="true"/);
    const refused = await page(secretariat, `${DRAFT}/publish`);
    expect(refused.html).toContain("This draft cannot be published yet");
    expect(refused.html).toMatch(/next-cycle-topic[^<]*<\/a>: Français, Português/);
    expect(refused.html).not.toContain("Publish version 2</button>");

    // A mistake keeps what was typed and saves nothing.
    const wrong = await secretariat.post(DRAFT, {
      revision: revisionOf(question.html),
      action: "question",
      section: "other",
      question: "next-cycle-topic",
      ...texts("label", LABEL),
      "s[options][0][id]": "Decent Work",
      ...texts("s[options][0][label]", { en: "Decent work" }),
    });
    expect(wrong.status).toBe(422);
    const wrongPage = await wrong.text();
    expect(wrongPage).toContain("Use lower-case letters, digits and hyphens only");
    expect(wrongPage).toContain('value="Decent Work"');

    const saved = await secretariat.post(DRAFT, {
      revision: revisionOf(question.html),
      action: "question",
      section: "other",
      question: "next-cycle-topic",
      required: "on",
      ...texts("label", LABEL),
      "s[options][0][id]": "decent-work",
      ...texts("s[options][0][label]", {
        es: "Trabajo decente",
        en: "Decent work",
        fr: "Travail décent",
        pt: "Trabalho decente",
      }),
      "s[options][1][id]": "skills",
      ...texts("s[options][1][label]", {
        es: "Competencias",
        en: "Skills",
        fr: "Compétences",
        pt: "Competências",
      }),
      "when[groups][]": "workers",
    });
    expect(saved.status).toBe(303);

    // A page opened before that save saves nothing, and shows what was typed with what is stored.
    const stale = await secretariat.post(DRAFT, {
      revision: revisionOf(question.html),
      action: "question",
      section: "other",
      question: "next-cycle-topic",
      ...texts("label", { ...LABEL, en: "Typed on an older page" }),
    });
    expect(stale.status).toBe(409);
    const stalePage = await stale.text();
    expect(stalePage).toContain("Someone saved this draft after you opened this page");
    expect(stalePage).toContain('value="Typed on an older page"');

    // The real form, read-only, in Portuguese as COSATE: the new question is there, nothing can be sent.
    const preview = await page(secretariat, `${DRAFT}/preview?group=workers&in=pt`);
    expect(preview.status).toBe(200);
    expect(preview.html).toContain('<html lang="pt">');
    expect(preview.html).toContain("Conselho Sindical de Assessoria Técnica (COSATE)");
    expect(preview.html).toContain(LABEL.pt);
    expect(preview.html).toContain("Trabalho decente");
    expect(preview.html).toContain("<fieldset disabled");
    expect(preview.html).not.toContain('value="submit"');
    // A government does not see a question asked only of workers.
    expect((await page(secretariat, `${DRAFT}/preview?group=government&in=pt`)).html).not.toContain(LABEL.pt);

    // A group's field has a form of its own: its maximum length changed, the group keeps its fields.
    const fieldPage = await page(
      secretariat,
      `${DRAFT}?section=work-plan&question=activity-proposals&field=title`,
    );
    expect(fieldPage.status).toBe(200);
    expect(fieldPage.html).toContain("Field title");
    const fieldLabel = /id="label-en"[^>]*value="([^"]*)"/.exec(fieldPage.html)?.[1] ?? "";
    const labels = Object.fromEntries(
      ["es", "en", "fr", "pt"].map((lang) => [
        `label[${lang}]`,
        unescaped(/value="([^"]*)"/.exec(fieldPage.html.split(`id="label-${lang}"`)[1] ?? "")?.[1] ?? ""),
      ]),
    );
    expect(fieldLabel).not.toBe("");
    const fieldSaved = await secretariat.post(DRAFT, {
      revision: revisionOf(fieldPage.html),
      action: "question",
      section: "work-plan",
      question: "activity-proposals",
      field: "title",
      required: "on",
      ...labels,
      "s[maxLength]": "150",
      "s[format]": "",
    });
    expect(fieldSaved.status).toBe(303);
    expect(fieldSaved.headers.get("location")).toContain("field=title");

    // Deleting asks first, saying what goes.
    const before = await page(secretariat, `${DRAFT}?section=other`);
    const ask = await secretariat.post(DRAFT, {
      revision: revisionOf(before.html),
      action: "delete-question",
      section: "other",
      question: "anything-else",
    });
    expect(ask.status).toBe(200);
    const askPage = await ask.text();
    expect(askPage).toContain("will be deleted from this draft");
    expect((await page(secretariat, `${DRAFT}?section=other`)).html).toContain("anything-else");
    const deleted = await secretariat.post(DRAFT, {
      revision: revisionOf(askPage),
      action: "delete-question",
      section: "other",
      question: "anything-else",
      confirm: "yes",
    });
    expect(deleted.status).toBe(303);
    expect((await page(secretariat, `${DRAFT}?section=other`)).html).not.toContain("anything-else");

    // A published version previews the same way.
    const v1 = await page(
      secretariat,
      "/console/questionnaires/iacml-planning/versions/1/preview?group=employers&in=fr",
    );
    expect(v1.status).toBe(200);
    expect(v1.html).toContain('<html lang="fr">');
    expect(v1.html).toContain("<fieldset disabled");

    const confirm = await page(secretariat, `${DRAFT}/publish`);
    expect(confirm.html).toContain("Publishing makes version 2");
    const published = await secretariat.post(`${DRAFT}/publish`, { revision: revisionOf(confirm.html) });
    expect(published.status).toBe(303);

    const after = await page(secretariat, published.headers.get("location") ?? "");
    expect(after.html).toContain("iacml-planning@2 is published");
    expect(after.html).toContain("Copy version 2 to a new draft");
    const v2 = await stack.ports.repository.getQuestionnaire("iacml-planning", 2);
    expect(v2?.sections.at(-1)?.questions.map((q) => q.id)).toEqual(["next-cycle-topic"]);
    const proposals = v2?.sections.flatMap((x) => x.questions).find((q) => q.id === "activity-proposals");
    expect(proposals && "fields" in proposals && proposals.fields[0]).toMatchObject({
      id: "title",
      maxLength: 150,
    });
    expect(proposals && "fields" in proposals && proposals.fields.length).toBeGreaterThan(1);
    const v1Proposals = (await stack.ports.repository.getQuestionnaire("iacml-planning", 1))?.sections
      .flatMap((x) => x.questions)
      .find((q) => q.id === "activity-proposals");
    expect(proposals && "fields" in proposals && proposals.fields[0]?.label).toEqual(
      v1Proposals && "fields" in v1Proposals && v1Proposals.fields[0]?.label,
    );
    expect(v2?.sections.at(-1)?.questions.at(-1)).toMatchObject({
      id: "next-cycle-topic",
      label: LABEL,
      required: true,
      when: { group: ["workers"] },
    });
    // Published, it is never edited again: the draft address says so and offers a copy.
    const closed = await page(secretariat, DRAFT);
    expect(closed.status).toBe(409);
    expect(closed.html).toContain("Version 2 is published");
  }, 120_000);
});
