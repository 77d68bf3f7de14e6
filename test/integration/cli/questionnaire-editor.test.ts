// `consulta questionnaire`: the console's editor from a terminal — copy a version, edit its draft as a
// YAML file, put it back, publish — with the same refusals the console's pages give.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaign, question, questionnaire } from "../../support/factories.ts";
import { runConsulta } from "../../support/cli.ts";
import { testStack } from "../../support/local-stack.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
const out = mkdtempSync(join(tmpdir(), "consulta-editor-"));
const consulta = (...args: string[]) => runConsulta(stack, ...args);
const file = join(out, "draft.yaml");

/** The file as a person edits it: the YAML read, changed, written back under its first two lines. */
const edit = (path: string, change: (definition: { sections: { questions: object[] }[] }) => void) => {
  const text = readFileSync(path, "utf8");
  const header = text.split("\n").slice(0, 2).join("\n");
  const definition = parse(text) as { sections: { questions: object[] }[] };
  change(definition);
  writeFileSync(path, `${header}\n${stringify(definition)}`);
};

const newQuestion = (pt?: string) => ({
  id: "q-new",
  type: "long-text",
  label: { es: "¿Qué más?", en: "What else?", fr: "Quoi d'autre ?", ...(pt ? { pt } : {}) },
});

beforeAll(async () => {
  stack = await testStack();
  await stack.ports.repository.putQuestionnaire(questionnaire([question("q1", "yes-no")]));
  await stack.ports.repository.createCampaign(campaign({ id: "cycle-2024" }));
});
afterAll(() => stack.dispose());

describe("consulta questionnaire", () => {
  it("lists each version with the campaigns using it", async () => {
    const run = await consulta("questionnaire", "list");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/test-questionnaire\n {2}v1 {2}Test questionnaire {2}used by cycle-2024/);
  });

  it("copies a version into the next one's draft and writes it out", async () => {
    const copied = await consulta("questionnaire", "copy", "test-questionnaire", "1", "--json");
    expect(copied.code).toBe(0);
    expect(JSON.parse(copied.stdout)).toMatchObject({ version: 2, basedOn: 1, revision: 1 });
    const written = await consulta("questionnaire", "draft", "test-questionnaire", "2", file);
    expect(written.stdout).toContain("Ready to publish.");
    expect(readFileSync(file, "utf8")).toMatch(/^# consulta draft test-questionnaire v2, revision 1/);
  });

  it("refuses a definition that does not load, pointing at the question, and keeps the draft", async () => {
    edit(file, (d) =>
      d.sections[0]!.questions.push({ id: "q-bad", type: "single-choice", label: { en: "x" } }),
    );
    const put = await consulta("questionnaire", "put", "test-questionnaire", "2", file);
    expect(put.code).toBe(1);
    expect(put.stderr).toMatch(/q-bad/);
    const stored = await stack.ports.repository.getQuestionnaireDraft("test-questionnaire", 2);
    expect(stored!.revision).toBe(1);
    expect(JSON.stringify(stored!.definition)).not.toContain("q-bad");
  });

  it("puts an added question back, and publishing waits for its Portuguese", async () => {
    edit(file, (d) => {
      d.sections[0]!.questions = d.sections[0]!.questions.filter((q) => (q as { id: string }).id !== "q-bad");
      d.sections[0]!.questions.push(newQuestion());
    });
    const put = await consulta("questionnaire", "put", "test-questionnaire", "2", file);
    expect(put.code).toBe(0);
    expect(put.stdout).toContain("Saved draft test-questionnaire v2, revision 2.");
    expect(put.stdout).toMatch(/missing .*q-new.*: no text in pt/);

    const refused = await consulta("questionnaire", "publish", "test-questionnaire", "2");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/cannot be published yet:\n.*q-new.*no text in pt/);
    expect(await stack.ports.repository.getQuestionnaire("test-questionnaire", 2)).toBeUndefined();
  });

  it("refuses a file written before someone else saved the draft", async () => {
    const stale = join(out, "stale.yaml");
    writeFileSync(stale, readFileSync(file, "utf8").replace(/revision \d+/, "revision 1"));
    const put = await consulta("questionnaire", "put", "test-questionnaire", "2", stale);
    expect(put.code).toBe(1);
    expect(put.stderr).toContain("The draft was changed since it was read (it is now at revision 2)");
  });

  it("publishes once every text has its four languages; the version copied never changed", async () => {
    edit(file, (d) => {
      d.sections[0]!.questions = d.sections[0]!.questions.map((q) =>
        (q as { id: string }).id === "q-new" ? newQuestion("O que mais?") : q,
      );
    });
    expect((await consulta("questionnaire", "put", "test-questionnaire", "2", file)).code).toBe(0);
    const dry = await consulta("questionnaire", "publish", "test-questionnaire", "2", "--dry-run");
    expect(dry.stdout).toContain("nothing was done");
    const published = await consulta("questionnaire", "publish", "test-questionnaire", "2", "--json");
    expect(published.code).toBe(0);
    expect(JSON.parse(published.stdout)).toMatchObject({ published: 2 });
    const v2 = await stack.ports.repository.getQuestionnaire("test-questionnaire", 2);
    expect(v2!.sections[0]!.questions.map((q) => q.id)).toEqual(["q1", "q-new"]);
    const v1 = await stack.ports.repository.getQuestionnaire("test-questionnaire", 1);
    expect(v1!.sections[0]!.questions.map((q) => q.id)).toEqual(["q1"]);
    const listed = JSON.parse((await consulta("questionnaire", "list", "--json")).stdout) as {
      versions: { version: number }[];
      drafts: unknown[];
    }[];
    expect(listed[0]!.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(listed[0]!.drafts).toEqual([]);
  });
});
