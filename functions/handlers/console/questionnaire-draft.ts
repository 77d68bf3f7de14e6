// Editing a questionnaire draft: every edit posted to one page, deletions confirmed first, and
// publishing it as a version that never changes.
import { NotFound } from "../../core/errors.ts";
import type { QuestionnaireDraft } from "../../core/ports.ts";
import {
  discardDraft,
  openDraft,
  publishDraft,
  publishPlan,
  saveDraftEdit,
} from "../../core/questionnaire-editor.ts";
import { type DraftCheck } from "../../core/questionnaire-editor/checks.ts";
import type { DraftDefinition } from "../../core/questionnaire-editor/draft.ts";
import {
  addQuestion,
  addSection,
  deleteQuestion,
  deleteSection,
  editQuestion,
  editQuestionnaire,
  editSection,
  moveQuestion,
  moveSection,
  type Edited,
} from "../../core/questionnaire-editor/edits.ts";
import { redirect } from "../../http/responses.ts";
import { field, type ConsolePage, type SignedInRequest } from "./page.ts";
import {
  draftUrl,
  versionParam,
  tOr,
  textIn,
  unlessPublished,
  checkView,
  editorPage,
} from "./questionnaire-editor-view.ts";

export const draftPage: ConsolePage = {
  answer: async (r) => {
    const id = r.params.questionnaireId ?? "";
    const version = versionParam(r);
    const draftGot = await unlessPublished(r, openDraft(r.ports, id, version));
    if (!draftGot.ok) return draftGot.reply;
    const draft = draftGot.value;
    return editorPage(r, draft, {
      section: r.query.section,
      question: r.query.question,
      field: r.query.field,
      saved: r.query.saved === "1",
    });
  },
};

const CONFIRMED = new Set(["discard", "delete-section", "delete-question"]);

const confirmDeletion = (
  r: SignedInRequest,
  draft: QuestionnaireDraft,
  action: string,
  sectionId: string,
  questionId: string,
) => {
  const section = draft.definition.sections.find((s) => s.id === sectionId);
  const question = section?.questions.find((q) => q.id === questionId);
  const what =
    action === "discard"
      ? r.ports.views.translate(r.lang, "editor.confirm-discard", { version: draft.version })
      : action === "delete-section" && section
        ? r.ports.views.translate(r.lang, "editor.confirm-delete-section", {
            name: textIn(section.title, r.lang) || section.id,
            count: section.questions.length,
          })
        : question
          ? r.ports.views.translate(r.lang, "editor.confirm-delete-question", {
              name: textIn(question.label, r.lang) || question.id,
            })
          : undefined;
  if (!what) throw new NotFound("not_found", "Nothing to delete there");
  return r.render("questionnaire-confirm", {
    what,
    action,
    section: sectionId,
    question: questionId,
    revision: draft.revision,
    base: draftUrl(draft.questionnaireId, draft.version),
    back: draftUrl(draft.questionnaireId, draft.version, {
      section: sectionId || undefined,
      question: questionId || undefined,
    }),
  });
};

const direction = (action: string) => (action.endsWith("-up") ? "up" : "down");

/** Every edit posts here: `action` names the operation, `section`, `question` and `field` its place. */
export const saveDraft: ConsolePage = {
  answer: async (r) => {
    const id = r.params.questionnaireId ?? "";
    const version = versionParam(r);
    const action = field(r.form, "action");
    const sectionId = field(r.form, "section");
    const questionId = field(r.form, "question");
    const fieldId = field(r.form, "field") || undefined;
    // What cannot be undone is asked again, on a page saying what goes.
    if (CONFIRMED.has(action) && field(r.form, "confirm") !== "yes") {
      const got = await unlessPublished(r, openDraft(r.ports, id, version));
      if (!got.ok) return got.reply;
      return confirmDeletion(r, got.value, action, sectionId, questionId);
    }
    if (action === "discard") {
      await discardDraft(r.ports, id, version);
      r.did({ action: "discarded a questionnaire draft", target: `${id}@${version}` });
      return redirect("/console/questionnaires");
    }
    const edits: Record<string, (d: DraftDefinition) => Edited> = {
      texts: (d) => editQuestionnaire(d, r.form),
      "add-section": (d) => addSection(d, r.form),
      section: (d) => editSection(d, sectionId, r.form),
      "section-up": (d) => moveSection(d, sectionId, "up"),
      "section-down": (d) => moveSection(d, sectionId, "down"),
      "delete-section": (d) => deleteSection(d, sectionId),
      "add-question": (d) => addQuestion(d, sectionId, r.form),
      question: (d) => editQuestion(d, sectionId, questionId, r.form, fieldId),
      "question-up": (d) => moveQuestion(d, sectionId, questionId, direction(action)),
      "question-down": (d) => moveQuestion(d, sectionId, questionId, direction(action)),
      "delete-question": (d) => deleteQuestion(d, sectionId, questionId),
    };
    const edit = Object.hasOwn(edits, action) ? edits[action] : undefined;
    if (!edit) throw new NotFound("not_found", `No edit "${action}"`);
    const outcomeGot = await unlessPublished(
      r,
      saveDraftEdit(r.ports, id, version, Number(field(r.form, "revision")), edit, r.session.email),
    );
    if (!outcomeGot.ok) return outcomeGot.reply;
    const outcome = outcomeGot.value;
    // Where the person was, or where the new thing is.
    const at = {
      section:
        action === "add-section"
          ? field(r.form, "id")
          : action === "delete-section"
            ? undefined
            : sectionId || undefined,
      question:
        action === "add-question" ? field(r.form, "id") : action === "question" ? questionId : undefined,
      field: action === "question" ? fieldId : undefined,
    };
    if (outcome.outcome === "saved") {
      r.did({ action: `edited a questionnaire draft (${action})`, target: `${id}@${version}` });
      return redirect(draftUrl(id, version, { ...at, saved: "1" }));
    }
    const shownAt = { section: sectionId || undefined, question: questionId || undefined, field: fieldId };
    if (outcome.outcome === "conflict")
      return editorPage(r, outcome.draft, { ...shownAt, posted: r.form, conflict: true }, 409);
    return editorPage(r, outcome.draft, { ...shownAt, posted: r.form, problems: outcome.problems }, 422);
  },
};

export const publishConfirmation: ConsolePage = {
  answer: async (r) => {
    const id = r.params.questionnaireId ?? "";
    const draftGot = await unlessPublished(r, openDraft(r.ports, id, versionParam(r)));
    if (!draftGot.ok) return draftGot.reply;
    const draft = draftGot.value;
    return publishView(r, draft, publishPlan(draft));
  },
};

const publishView = (r: SignedInRequest, draft: QuestionnaireDraft, check: DraftCheck, status = 200) => {
  const def = draft.definition;
  return r.render(
    "questionnaire-publish",
    {
      draft: { ...draft, titleText: textIn(def.title, r.lang) },
      editUrl: draftUrl(draft.questionnaireId, draft.version),
      publishUrl: `${draftUrl(draft.questionnaireId, draft.version)}/publish`,
      publishable: check.problems.length === 0 && check.missing.length === 0,
      sections: def.sections.map((s) => ({
        titleText: textIn(s.title, r.lang),
        questions: s.questions.map((q) => ({
          id: q.id,
          labelText: textIn(q.label, r.lang),
          kindText: tOr(r, `editor.kind.${q.type}`, q.type),
        })),
      })),
      questionCount: def.sections.reduce((n, s) => n + s.questions.length, 0),
      check: checkView(r, draft, check),
    },
    status,
  );
};

export const publish: ConsolePage = {
  answer: async (r) => {
    const id = r.params.questionnaireId ?? "";
    const version = versionParam(r);
    const got = await unlessPublished(
      r,
      publishDraft(r.ports, id, version, Number(field(r.form, "revision"))),
    );
    if (!got.ok) return got.reply;
    const outcome = got.value;
    if (outcome.outcome === "published") {
      r.did({ action: "published a questionnaire version", target: `${id}@${outcome.version}` });
      return redirect(`/console/questionnaires?published=${encodeURIComponent(`${id}@${outcome.version}`)}`);
    }
    if (outcome.outcome === "conflict") return publishView(r, outcome.draft, publishPlan(outcome.draft), 409);
    const draft = await openDraft(r.ports, id, version);
    return publishView(r, draft, outcome.check, 422);
  },
};
