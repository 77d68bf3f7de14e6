// The questionnaire editor's pages: versions and drafts listed, a version copied, a draft edited one
// plain form at a time (the four languages side by side), previewed as a respondent, and published.
import { buildFormView } from "../../core/form-view.ts";
import { ConsultaError, NotFound } from "../../core/errors.ts";
import { LANGUAGE_NAMES, LANGUAGES, isLanguage, type Language } from "../../core/languages.ts";
import type { QuestionnaireDraft } from "../../core/ports.ts";
import {
  copyVersion,
  discardDraft,
  listQuestionnaires,
  openDraft,
  previewQuestionnaire,
  publishDraft,
  publishPlan,
  saveDraftEdit,
} from "../../core/questionnaire-editor.ts";
import { checkDraft, type DraftCheck, type Place } from "../../core/questionnaire-editor/checks.ts";
import type { DraftDefinition, DraftQuestion, Texts } from "../../core/questionnaire-editor/draft.ts";
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
  type Edited,
  type Posted,
} from "../../core/questionnaire-editor/edits.ts";
import {
  FIELD_KINDS,
  KIND_SETTINGS,
  QUESTION_KINDS,
  settingsForm,
  type FormProblem,
} from "../../core/questionnaire-editor/kind-settings.ts";
import { previewSession } from "../../core/questionnaire-editor/preview.ts";
import { RESPONDENT_GROUPS, RespondentGroup } from "../../core/questionnaire/definition.ts";
import { htmlResponse, redirect } from "../../http/responses.ts";
import { field, type ConsolePage, type Reply, type SignedInRequest } from "./page.ts";

const base = (id: string) => `/console/questionnaires/${encodeURIComponent(id)}`;
const draftUrl = (id: string, version: number, query: Record<string, string | undefined> = {}) => {
  const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
  return `${base(id)}/drafts/${version}${q.size ? `?${q}` : ""}`;
};

const versionParam = (r: SignedInRequest) => {
  const version = Number(r.params.version);
  if (!Number.isInteger(version) || version < 1) throw new NotFound("not_found", "No such version");
  return version;
};

/** A string of the page's language, or `fallback` when there is none (a kind added since). */
const tOr = (r: SignedInRequest, key: string, fallback: string) => {
  try {
    return r.ports.views.translate(r.lang, key);
  } catch {
    return fallback;
  }
};

const textIn = (texts: Texts | undefined, lang: Language) =>
  texts?.[lang] ?? LANGUAGES.map((l) => texts?.[l]).find(Boolean) ?? "";

export const questionnairesPage: ConsolePage = {
  answer: async (r) => {
    const listed = await listQuestionnaires(r.ports);
    return r.render("questionnaires", {
      published: r.query.published,
      questionnaires: listed.map((q) => ({
        id: q.id,
        titleText: q.versions.at(-1)?.title[r.lang] ?? q.id,
        versions: [...q.versions].reverse().map((v) => ({
          ...v,
          titleText: v.title[r.lang],
          usedBy: v.usedBy.map((c) => ({ ...c, titleText: c.title[r.lang] })),
        })),
        drafts: q.drafts,
      })),
    });
  },
};

export const copyQuestionnaireVersion: ConsolePage = {
  answer: async (r) => {
    const id = r.params.questionnaireId ?? "";
    const draft = await copyVersion(r.ports, id, versionParam(r), r.session.email);
    r.did({ action: "copied a questionnaire version", target: `${id}@${draft.basedOn} → ${draft.version}` });
    return redirect(draftUrl(id, draft.version));
  },
};

/** A published version asked for as a draft: said in the person's language, with the way to copy it. */
const refusedDraft = (r: SignedInRequest, error: unknown) => {
  if (
    error instanceof ConsultaError &&
    (error.code === "questionnaire_version_in_use" || error.code === "questionnaire_version_published")
  )
    return r.render(
      "questionnaire-refused",
      {
        code: error.code,
        id: r.params.questionnaireId,
        version: r.params.version,
        messageKey: `editor.refused.${error.code}`,
      },
      409,
    );
  throw error;
};

/** The work's result, or the page saying a published version is not edited (any other error is thrown). */
const unlessPublished = async <T>(
  r: SignedInRequest,
  work: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reply: Reply }> => {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    return { ok: false, reply: refusedDraft(r, error) };
  }
};

type Shown = {
  section?: string | undefined;
  question?: string | undefined;
  field?: string | undefined;
  /** What was posted, shown back as typed, with what was wrong beside each field. */
  posted?: Posted;
  problems?: FormProblem[];
  conflict?: boolean;
  saved?: boolean;
};

const languageCells = (
  name: string,
  texts: Texts | undefined,
  options: { long?: boolean; optional?: boolean; idPrefix?: string } = {},
) => {
  const present = LANGUAGES.filter((l) => texts?.[l]?.trim());
  // An optional text left wholly blank is not missing: it is not there.
  const flag = !options.optional || present.length > 0;
  const id = `${options.idPrefix ?? ""}${name.replace(/[[\]]+/g, "-").replace(/-$/, "")}`;
  return {
    name,
    long: options.long ?? false,
    missingAny: flag && present.length < LANGUAGES.length,
    langs: LANGUAGES.map((lang) => ({
      code: lang,
      langName: LANGUAGE_NAMES[lang],
      id: `${id}-${lang}`,
      field: `${name}[${lang}]`,
      value: texts?.[lang] ?? "",
      missing: flag && !texts?.[lang]?.trim(),
    })),
  };
};

const rowsOf = (v: unknown): Record<string, unknown>[] =>
  (Array.isArray(v) ? v : v && typeof v === "object" ? Object.values(v) : []) as Record<string, unknown>[];

/** One kind's settings as controls, from the question as stored or as posted. */
const settingViews = (
  r: SignedInRequest,
  question: DraftQuestion,
  values: Record<string, unknown>,
  problems: FormProblem[],
  editFieldUrl: (fieldId: string) => string,
) =>
  KIND_SETTINGS[question.type].settings.map((setting) => {
    const name = `s[${setting.name}]`;
    const value = values[setting.name];
    const problem = problems.find((p) => p.field === name || p.field.startsWith(`${name}[`));
    const common = {
      name,
      id: `s-${setting.name}`,
      label: tOr(r, `editor.setting.${setting.name}`, setting.name),
      problem: problem && { ...problem, text: tOr(r, `editor.problem.${problem.code}`, problem.code) },
    };
    switch (setting.input) {
      case "whole":
      case "number":
        return { ...common, isNumber: true, value: typeof value === "string" ? value : String(value ?? "") };
      case "checkbox":
        return { ...common, isCheckbox: true, checked: value === true || value === "on" };
      case "texts":
        return {
          ...common,
          isTexts: true,
          texts: languageCells(name, value as Texts, { optional: setting.optional }),
        };
      case "codes":
        return { ...common, isCodes: true, value: String(value ?? "") };
      case "choice":
        return {
          ...common,
          isChoice: true,
          options: setting.values.map((v) => ({
            value: v,
            text: v ? tOr(r, `editor.choice.${v}`, v) : tOr(r, "editor.choice.none", "—"),
            selected: v === (value ?? ""),
          })),
        };
      case "items": {
        const rows = [...rowsOf(value), { id: "", label: {} }];
        return {
          ...common,
          isItems: true,
          rows: rows.map((row, i) => ({
            index: i,
            itemId: String(row.id ?? ""),
            idField: `${name}[${i}][id]`,
            bad: problems.some((p) => p.field === `${name}[${i}][id]`),
            texts: languageCells(`${name}[${i}][label]`, row.label as Texts, {
              optional: i === rows.length - 1,
            }),
          })),
        };
      }
      case "fields": {
        const rows = [...rowsOf(value), { id: "", type: "short-text", label: {}, required: false }];
        return {
          ...common,
          isFields: true,
          rows: rows.map((row, i) => ({
            index: i,
            fieldId: String(row.id ?? ""),
            idField: `${name}[${i}][id]`,
            typeField: `${name}[${i}][type]`,
            requiredField: `${name}[${i}][required]`,
            required: row.required === true || row.required === "on",
            editUrl: row.id && i < rows.length - 1 ? editFieldUrl(String(row.id)) : undefined,
            types: FIELD_KINDS.map((k) => ({
              value: k,
              text: tOr(r, `editor.kind.${k}`, k),
              selected: k === row.type,
            })),
            texts: languageCells(`${name}[${i}][label]`, row.label as Texts, {
              optional: i === rows.length - 1,
            }),
          })),
        };
      }
    }
  });

const placeText = (r: SignedInRequest, def: DraftDefinition, place: Place) => {
  const section = def.sections.find((s) => s.id === place.sectionId);
  const parts = [
    section ? textIn(section.title, r.lang) || section.id : undefined,
    place.questionId,
    place.fieldId,
    place.at || undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(" › ") : tOr(r, "editor.questionnaire-texts", "Questionnaire");
};

const placeUrl = (draft: QuestionnaireDraft, place: Place) =>
  draftUrl(draft.questionnaireId, draft.version, {
    section: place.sectionId,
    question: place.questionId,
    field: place.fieldId,
  });

const checkView = (r: SignedInRequest, draft: QuestionnaireDraft, check: DraftCheck) => ({
  problems: check.problems.map((p) => ({
    where: placeText(r, draft.definition, p),
    message: p.message,
    url: placeUrl(draft, p),
  })),
  missing: check.missing.map((m) => ({
    where: placeText(r, draft.definition, m),
    languages: m.languages.map((l) => LANGUAGE_NAMES[l]).join(", "),
    url: placeUrl(draft, m),
  })),
});

const groupChoices = (r: SignedInRequest, picked: string[]) =>
  RESPONDENT_GROUPS.map((g) => ({
    value: g,
    text: tOr(r, `editor.group.${g}`, g),
    checked: picked.includes(g),
  }));

const conditionView = (r: SignedInRequest, def: DraftDefinition, values: Posted, ownId?: string) => {
  const picked =
    typeof values.groups === "string" ? [values.groups] : rowsOf(values.groups).map((g) => String(g));
  return {
    groups: groupChoices(r, picked),
    questions: def.sections
      .flatMap((s) => s.questions)
      .filter((q) => q.id !== ownId)
      .map((q) => ({
        value: q.id,
        text: `${q.id} — ${textIn(q.label, r.lang)}`,
        selected: q.id === values.question,
      })),
    tests: ["equals", "includes", "answered", "unanswered"].map((test) => ({
      value: test,
      text: tOr(r, `editor.test.${test}`, test),
      selected: test === values.test,
    })),
    value: String(values.value ?? ""),
    json: String(values.json ?? ""),
  };
};

const record = (v: unknown): Posted => (v && typeof v === "object" && !Array.isArray(v) ? (v as Posted) : {});

/** The editor: the draft's texts and sections, and the section or question the address names. */
const editorPage = (r: SignedInRequest, draft: QuestionnaireDraft, shown: Shown, status = 200) => {
  const def = draft.definition;
  const problems = shown.problems ?? [];
  const problemText = (name: string) => {
    const p = problems.find((x) => x.field === name || x.field.startsWith(`${name}[`));
    return p && tOr(r, `editor.problem.${p.code}`, p.code);
  };
  const check = checkDraft(def);
  const countAt = (sectionId: string, questionId?: string) =>
    check.missing.filter((m) => m.sectionId === sectionId && (!questionId || m.questionId === questionId))
      .length +
    check.problems.filter((p) => p.sectionId === sectionId && (!questionId || p.questionId === questionId))
      .length;
  const posted = shown.posted;
  const section = def.sections.find((s) => s.id === shown.section);
  const question = section?.questions.find((q) => q.id === shown.question);
  const groupField =
    question && shown.field
      ? (question.fields as DraftQuestion[] | undefined)?.find((f) => f.id === shown.field)
      : undefined;
  const target = groupField ?? question;
  const url = (query: Record<string, string | undefined>) =>
    draftUrl(draft.questionnaireId, draft.version, query);

  const questionForm = target &&
    section &&
    question && {
      id: target.id,
      fieldOf: groupField ? question.id : undefined,
      kindText: tOr(r, `editor.kind.${target.type}`, target.type),
      label: languageCells("label", (posted ? record(posted.label) : target.label) as Texts),
      help: languageCells("help", (posted ? record(posted.help) : target.help) as Texts, {
        long: true,
        optional: true,
      }),
      required: posted ? posted.required !== undefined : target.required === true,
      settings: settingViews(
        r,
        target,
        posted ? record(posted.s) : settingsForm(target),
        problems,
        (fieldId) => url({ section: section.id, question: question.id, field: fieldId }),
      ),
      condition: groupField
        ? undefined
        : {
            ...conditionView(r, def, posted ? record(posted.when) : conditionForm(target.when), target.id),
            problem: problemText("when"),
          },
    };

  return r.render(
    "questionnaire-draft",
    {
      draft: { ...draft, titleText: textIn(def.title, r.lang) || draft.questionnaireId },
      base: url({}),
      previewUrl: `${url({}).split("?")[0]}/preview`,
      publishUrl: `${url({}).split("?")[0]}/publish`,
      conflict: shown.conflict,
      saved: shown.saved,
      formProblems: problems.map((p) => ({
        field: p.field,
        text: tOr(r, `editor.problem.${p.code}`, p.code),
      })),
      check: checkView(r, draft, check),
      texts: !section && {
        title: languageCells("title", (posted && !shown.section ? record(posted.title) : def.title) as Texts),
        intro: languageCells(
          "intro",
          (posted && !shown.section ? record(posted.intro) : def.intro) as Texts,
          {
            long: true,
            optional: true,
          },
        ),
      },
      sections: def.sections.map((s, i) => ({
        id: s.id,
        titleText: textIn(s.title, r.lang) || s.id,
        url: url({ section: s.id }),
        questions: s.questions.length,
        flagged: countAt(s.id),
        current: s.id === section?.id,
        first: i === 0,
        last: i === def.sections.length - 1,
      })),
      section: section && {
        id: section.id,
        titleText: textIn(section.title, r.lang) || section.id,
        url: url({ section: section.id }),
        editing: !question,
        title: languageCells("title", (posted && !question ? record(posted.title) : section.title) as Texts),
        description: languageCells(
          "description",
          (posted && !question ? record(posted.description) : section.description) as Texts,
          { long: true, optional: true },
        ),
        condition: !question && {
          ...conditionView(r, def, posted && !question ? record(posted.when) : conditionForm(section.when)),
          problem: problemText("when"),
        },
        questions: section.questions.map((q, i) => ({
          id: q.id,
          labelText: textIn(q.label, r.lang),
          kindText: tOr(r, `editor.kind.${q.type}`, q.type),
          url: url({ section: section.id, question: q.id }),
          flagged: countAt(section.id, q.id),
          current: q.id === question?.id,
          first: i === 0,
          last: i === section.questions.length - 1,
        })),
        kinds: QUESTION_KINDS.map((k) => ({ value: k, text: tOr(r, `editor.kind.${k}`, k) })),
        newQuestion: {
          label: languageCells(
            "label",
            (posted && posted.action === "add-question" ? record(posted.label) : {}) as Texts,
            { optional: true, idPrefix: "new-question-" },
          ),
          id: posted && posted.action === "add-question" ? String(posted.id ?? "") : "",
          problem: posted && posted.action === "add-question" ? problemText("id") : undefined,
        },
      },
      question: questionForm,
      newSection: {
        id: posted && posted.action === "add-section" ? String(posted.id ?? "") : "",
        problem: posted && posted.action === "add-section" ? problemText("id") : undefined,
        title: languageCells(
          "title",
          (posted && posted.action === "add-section" ? record(posted.title) : {}) as Texts,
          { optional: true, idPrefix: "new-section-" },
        ),
      },
    },
    status,
  );
};

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

/**
 * The real respondent's form of a draft or version, as a member of a group sees it in a language:
 * every control disabled, no button that saves, nothing behind it.
 */
const previewOf = (from: "draft" | "version"): ConsolePage => ({
  answer: async (r) => {
    const id = r.params.questionnaireId ?? "";
    const version = versionParam(r);
    const group = RespondentGroup.safeParse(r.query.group).data ?? "government";
    const lang: Language = isLanguage(r.query.lang) ? r.query.lang : r.lang;
    const loadedGot = await unlessPublished(r, previewQuestionnaire(r.ports, id, version, from));
    if (!loadedGot.ok) return loadedGot.reply;
    const loaded = loadedGot.value;
    const self = `${base(id)}/${from === "draft" ? "drafts" : "versions"}/${version}/preview`;
    const choices = {
      groups: RESPONDENT_GROUPS.map((g) => ({
        value: g,
        text: tOr(r, `editor.group.${g}`, g),
        current: g === group,
      })),
      languages: LANGUAGES.map((l) => ({ code: l, name: LANGUAGE_NAMES[l], current: l === lang })),
      self,
      group,
      lang,
      editUrl: from === "draft" ? draftUrl(id, version) : "/console/questionnaires",
    };
    if (!loaded.ok)
      return r.render("questionnaire-preview-errors", { ...choices, errors: loaded.error }, 422);
    const members = await r.ports.repository.listMembers();
    const session = previewSession(
      loaded.value,
      group,
      members.find((m) => m.group === group),
      r.ports.clock.now(),
      { name: "Technical Secretariat", email: r.session.email },
    );
    const t = (key: string) => r.ports.views.translate(lang, key);
    const view = buildFormView(session, lang, {}, [], 0, undefined, { t });
    return htmlResponse(
      200,
      r.ports.views.render("web/form", {
        ...view,
        preview: {
          ...choices,
          notice: r.ports.views.translate(r.lang, "editor.preview-notice", {
            group: tOr(r, `editor.group.${group}`, group),
            language: LANGUAGE_NAMES[lang],
            version,
          }),
          groupLabel: tOr(r, "editor.preview-as", "As"),
          back: tOr(r, "editor.back-to-editor", "Back"),
        },
      }),
      { "cache-control": "no-store" },
    );
  },
});

export const previewDraft = previewOf("draft");
export const previewVersion = previewOf("version");
