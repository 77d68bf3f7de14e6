// The questionnaire editor on the in-memory stores: copy, every kind's settings, order, translations
// flagged, publishing refused with errors at the question, published versions never edited.
import { describe, expect, it } from "vitest";
import {
  copyVersion,
  listQuestionnaires,
  openDraft,
  previewQuestionnaire,
  publishDraft,
  publishPlan,
  saveDraftEdit,
} from "../../../functions/core/questionnaire-editor.ts";
import {
  addQuestion,
  addSection,
  conditionForm,
  deleteQuestion,
  deleteSection,
  editQuestion,
  editQuestionnaire,
  editSection,
  moveQuestion,
  moveSection,
  type Posted,
} from "../../../functions/core/questionnaire-editor/edits.ts";
import type { DraftDefinition } from "../../../functions/core/questionnaire-editor/draft.ts";
import { KIND_SETTINGS, QUESTION_KINDS } from "../../../functions/core/questionnaire-editor/kind-settings.ts";
import { checkDraft } from "../../../functions/core/questionnaire-editor/checks.ts";
import { QUESTION_TYPES } from "../../../functions/core/questionnaire/kinds/index.ts";
import { campaign, question, questionnaire, text } from "../../support/factories.ts";
import { fakePorts } from "../../support/fake-ports.ts";

const all = (en: string) => ({ es: `${en} es`, en, fr: `${en} fr`, pt: `${en} pt` });
const item = (id: string) => ({ id, label: all(id) });

const published = async () => {
  const ports = fakePorts();
  await ports.repository.putQuestionnaire(
    questionnaire([question("a", "yes-no"), question("b", "single-choice", { options: "topics" })]),
  );
  await ports.repository.createCampaign(campaign({ id: "c1", questionnaireVersion: 1 }));
  return ports;
};

const unwrap = (edited: { ok: true; value: DraftDefinition } | { ok: false; error: unknown }) => {
  if (!edited.ok) throw new Error(JSON.stringify(edited.error));
  return edited.value;
};

/** A definition with one section holding one new question of a kind. */
const withQuestion = (type: string): DraftDefinition =>
  unwrap(
    addQuestion(
      { id: "q", version: 2, title: all("Q"), sections: [{ id: "s", title: all("S"), questions: [] }] },
      "s",
      { id: "x", type, label: all("X") },
    ),
  );

const edit = (def: DraftDefinition, form: Posted, fieldId?: string) =>
  unwrap(editQuestion(def, "s", "x", { label: all("X"), ...form }, fieldId));

const questionOf = (def: DraftDefinition) => def.sections[0]!.questions[0]!;

describe("the questionnaire editor", () => {
  it("copies a version, one a campaign uses included, into a draft of the next version", async () => {
    const ports = await published();
    const draft = await copyVersion(ports, "test-questionnaire", 1, "sec@example.org");
    expect(draft).toMatchObject({ version: 2, basedOn: 1, revision: 1, updatedBy: "sec@example.org" });
    expect(draft.definition.sections[0]!.questions.map((q) => q.id)).toEqual(["a", "b"]);
    // A second copy is numbered after the first draft.
    expect((await copyVersion(ports, "test-questionnaire", 1, "sec@example.org")).version).toBe(3);
    const [listed] = await listQuestionnaires(ports);
    expect(listed).toMatchObject({
      id: "test-questionnaire",
      versions: [{ version: 1, usedBy: [{ id: "c1" }] }],
      drafts: [{ version: 2 }, { version: 3 }],
    });
  });

  it("never edits a published version: the one a campaign uses says so", async () => {
    const ports = await published();
    await expect(openDraft(ports, "test-questionnaire", 1)).rejects.toMatchObject({
      code: "questionnaire_version_in_use",
    });
    await expect(
      saveDraftEdit(ports, "test-questionnaire", 1, 1, (d) => editQuestionnaire(d, {}), "x"),
    ).rejects.toMatchObject({ code: "questionnaire_version_in_use" });
    expect((await ports.repository.getQuestionnaire("test-questionnaire", 1))?.title).toEqual(
      text("Test questionnaire"),
    );
  });

  it("has settings for every kind, and a new question of each kind starts with them", () => {
    expect(QUESTION_KINDS.sort()).toEqual([...QUESTION_TYPES].sort());
    for (const type of QUESTION_KINDS)
      expect(questionOf(withQuestion(type))).toMatchObject(KIND_SETTINGS[type].initial);
  });

  it("reads each kind's own settings from its form", () => {
    const items = [
      { id: "alpha", label: all("Alpha") },
      { id: "", label: {} },
      { id: "beta", label: { en: "Beta" } },
    ];
    expect(questionOf(edit(withQuestion("single-choice"), { s: { options: items } })).options).toEqual([
      { id: "alpha", label: all("Alpha") },
      { id: "beta", label: { en: "Beta" } },
    ]);
    expect(
      questionOf(edit(withQuestion("multiple-choice"), { s: { options: items, maxPicks: "2" } })).maxPicks,
    ).toBe(2);
    expect(
      questionOf(
        edit(withQuestion("scale"), {
          s: {
            items,
            min: "0",
            max: "10",
            minLabel: all("Low"),
            maxLabel: { es: "", en: "", fr: "", pt: "" },
          },
        }),
      ),
    ).toMatchObject({ min: 0, max: 10, minLabel: all("Low") });
    expect(questionOf(edit(withQuestion("scale"), { s: { items, min: "0", max: "10" } }))).not.toHaveProperty(
      "maxLabel",
    );
    expect(questionOf(edit(withQuestion("top-n"), { s: { items, n: "2" } })).n).toBe(2);
    expect(
      questionOf(edit(withQuestion("short-text"), { s: { maxLength: "80", format: "email" } })),
    ).toMatchObject({
      maxLength: 80,
      format: "email",
    });
    expect(questionOf(edit(withQuestion("long-text"), { s: { maxLength: "" } }))).not.toHaveProperty(
      "maxLength",
    );
    expect(questionOf(edit(withQuestion("number"), { s: { min: "-1,5", max: "", integer: "on" } }))).toEqual(
      expect.objectContaining({ min: -1.5, integer: true }),
    );
    expect(
      questionOf(edit(withQuestion("money"), { s: { currencies: "usd; EUR", min: "0" } })).currencies,
    ).toEqual(["USD", "EUR"]);
    expect(questionOf(edit(withQuestion("allocation"), { s: { items, total: "50" } })).total).toBe(50);
    const group = edit(withQuestion("group"), {
      required: "on",
      help: all("Help"),
      s: {
        minItems: "1",
        maxItems: "3",
        itemLabel: all("Proposal"),
        fields: [
          { id: "title", type: "short-text", label: all("Title"), required: "on" },
          { id: "kind", type: "single-choice", label: all("Kind") },
        ],
      },
    });
    expect(questionOf(group)).toMatchObject({
      required: true,
      help: all("Help"),
      minItems: 1,
      maxItems: 3,
      fields: [
        { id: "title", type: "short-text", required: true, maxLength: 300 },
        { id: "kind", type: "single-choice", required: false, options: [] },
      ],
    });
    // A group's field has its own settings form.
    const field = edit(group, { label: all("Kind"), s: { options: [item("x"), item("y")] } }, "kind");
    expect((questionOf(field).fields as { options?: unknown }[])[1]!.options).toEqual([item("x"), item("y")]);
    expect(checkDraft(field).problems).toEqual([]);
  });

  it("keeps what was typed wrong out of the draft and names the field", () => {
    const def = withQuestion("scale");
    const edited = editQuestion(def, "s", "x", {
      label: all("X"),
      s: { items: [{ id: "Not An Id" }], min: "one", max: "5" },
    });
    expect(edited).toEqual({
      ok: false,
      error: [
        { field: "s[items][0][id]", code: "editor_bad_id" },
        { field: "s[min]", code: "editor_whole_number" },
      ],
    });
    expect(addQuestion(def, "s", { id: "x", type: "yes-no" })).toEqual({
      ok: false,
      error: [{ field: "id", code: "editor_id_taken" }],
    });
  });

  it("adds, renames, reorders and deletes sections and questions, with conditions", () => {
    let def = withQuestion("yes-no");
    def = unwrap(addSection(def, { id: "more", title: all("More") }));
    def = unwrap(addQuestion(def, "more", { id: "y", type: "long-text" }));
    def = unwrap(addQuestion(def, "more", { id: "z", type: "number" }));
    def = unwrap(moveQuestion(def, "more", "z", "up"));
    expect(def.sections[1]!.questions.map((q) => q.id)).toEqual(["z", "y"]);
    def = unwrap(
      editQuestion(def, "more", "y", {
        label: all("Y"),
        when: { groups: ["workers", "employers"], question: "x", test: "equals", value: "yes" },
      }),
    );
    const y = def.sections[1]!.questions[1]!;
    expect(y.when).toEqual({ all: [{ group: ["workers", "employers"] }, { question: "x", equals: true }] });
    expect(conditionForm(y.when)).toMatchObject({
      groups: ["workers", "employers"],
      question: "x",
      test: "equals",
      value: "yes",
    });
    def = unwrap(editSection(def, "more", { title: all("Renamed"), when: { groups: ["government"] } }));
    expect(def.sections[1]).toMatchObject({ title: all("Renamed"), when: { group: ["government"] } });
    def = unwrap(moveSection(def, "more", "up"));
    expect(def.sections.map((s) => s.id)).toEqual(["more", "s"]);
    // The condition now asks about a question after it: publishing would be refused, at that question.
    expect(checkDraft(def).problems).toContainEqual(
      expect.objectContaining({ sectionId: "more", questionId: "y", at: "when" }),
    );
    def = unwrap(deleteQuestion(def, "more", "z"));
    def = unwrap(deleteSection(def, "s"));
    expect(def.sections.map((s) => s.questions.map((q) => q.id))).toEqual([["y"]]);
  });

  it("flags every text missing a language, at its question, and refuses to publish until none is", async () => {
    const ports = await published();
    const draft = await copyVersion(ports, "test-questionnaire", 1, "sec@example.org");
    const saved = await saveDraftEdit(
      ports,
      "test-questionnaire",
      2,
      1,
      (d) => addQuestion(d, "main", { id: "new-one", type: "scale", label: { en: "New", es: "Nueva" } }),
      "sec@example.org",
    );
    expect(saved.outcome).toBe("saved");
    if (saved.outcome !== "saved") return;
    const plan = publishPlan(saved.draft);
    expect(plan.publishable).toBe(false);
    expect(plan.missing).toEqual([
      {
        sectionId: "main",
        questionId: "new-one",
        at: "label",
        path: "sections[0].questions[2].label",
        languages: ["fr", "pt"],
      },
    ]);
    // An empty scale: its items are the definition's error, pointed at the question.
    expect(plan.problems).toContainEqual(
      expect.objectContaining({ sectionId: "main", questionId: "new-one", at: "items" }),
    );
    const refused = await publishDraft(ports, "test-questionnaire", 2, 2);
    expect(refused.outcome).toBe("invalid");
    expect(await ports.repository.getQuestionnaire("test-questionnaire", 2)).toBeUndefined();

    // A save over an older page is refused.
    expect(
      (
        await saveDraftEdit(
          ports,
          "test-questionnaire",
          2,
          draft.revision,
          (d) => editQuestionnaire(d, {}),
          "x",
        )
      ).outcome,
    ).toBe("conflict");

    // The preview stands in for what is missing, marked, once the definition loads.
    const fixed = await saveDraftEdit(
      ports,
      "test-questionnaire",
      2,
      2,
      (d) =>
        editQuestion(d, "main", "new-one", {
          label: { en: "New", es: "Nueva" },
          s: { items: [item("one")], min: "1", max: "5" },
        }),
      "sec@example.org",
    );
    expect(fixed.outcome).toBe("saved");
    const preview = await previewQuestionnaire(ports, "test-questionnaire", 2, "draft");
    expect(preview.ok && preview.value.sections[0]!.questions[2]!.label.pt).toBe("[pt?] Nueva");

    const translated = await saveDraftEdit(
      ports,
      "test-questionnaire",
      2,
      3,
      (d) =>
        editQuestion(d, "main", "new-one", {
          label: all("New"),
          s: { items: [item("one")], min: "1", max: "5" },
        }),
      "sec@example.org",
    );
    expect(translated.outcome === "saved" && publishPlan(translated.draft).publishable).toBe(true);
    expect(await publishDraft(ports, "test-questionnaire", 2, 4)).toEqual({
      outcome: "published",
      version: 2,
    });
    const v2 = await ports.repository.getQuestionnaire("test-questionnaire", 2);
    expect(v2?.sections[0]!.questions.map((q) => q.id)).toEqual(["a", "b", "new-one"]);
    // Published, it is immutable: no draft to edit, and version 1 is as it was.
    await expect(openDraft(ports, "test-questionnaire", 2)).rejects.toMatchObject({
      code: "questionnaire_version_published",
    });
    expect(
      (await ports.repository.getQuestionnaire("test-questionnaire", 1))?.sections[0]!.questions,
    ).toHaveLength(2);
  });

  it("publishes under the next free number when the draft's was taken meanwhile", async () => {
    const ports = await published();
    await copyVersion(ports, "test-questionnaire", 1, "sec@example.org");
    const v1 = await ports.repository.getQuestionnaire("test-questionnaire", 1);
    await ports.repository.putQuestionnaire({ ...v1!, version: 2 });
    expect(await publishDraft(ports, "test-questionnaire", 2, 1)).toEqual({
      outcome: "published",
      version: 3,
    });
  });

  it("lists a version stored before versions had a list, through the campaign using it, and numbers after it", async () => {
    const ports = await published();
    const before = {
      ...ports,
      repository: { ...ports.repository, listQuestionnaireVersions: async () => [] },
    };
    expect(await listQuestionnaires(before)).toMatchObject([
      { id: "test-questionnaire", versions: [{ version: 1, usedBy: [{ id: "c1" }] }] },
    ]);
    expect((await copyVersion(before, "test-questionnaire", 1, "sec@example.org")).version).toBe(2);
  });
});
