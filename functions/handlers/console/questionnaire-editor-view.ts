// What the questionnaire editor's pages share: addresses, the draft's texts and settings as controls,
// the checks' messages placed at their question, conditions, and the editor page itself.
import { ConsultaError, NotFound } from "../../core/errors.ts";
import { LANGUAGE_NAMES, LANGUAGES, type Language } from "../../core/languages.ts";
import type { QuestionnaireDraft } from "../../core/ports.ts";
import { checkDraft, type DraftCheck, type Place } from "../../core/questionnaire-editor/checks.ts";
import type { DraftDefinition, DraftQuestion, Texts } from "../../core/questionnaire-editor/draft.ts";
import { conditionForm, type Posted } from "../../core/questionnaire-editor/edits.ts";
import {
  FIELD_KINDS,
  KIND_SETTINGS,
  QUESTION_KINDS,
  settingsForm,
  type FormProblem,
} from "../../core/questionnaire-editor/kind-settings.ts";
import { RESPONDENT_GROUPS, type DefinitionError } from "../../core/questionnaire/definition.ts";
import { type Reply, type SignedInRequest } from "./page.ts";

export const base = (id: string) => `/console/questionnaires/${encodeURIComponent(id)}`;
export const draftUrl = (id: string, version: number, query: Record<string, string | undefined> = {}) => {
  const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
  return `${base(id)}/drafts/${version}${q.size ? `?${q}` : ""}`;
};

export const versionParam = (r: SignedInRequest) => {
  const version = Number(r.params.version);
  if (!Number.isInteger(version) || version < 1) throw new NotFound("not_found", "No such version");
  return version;
};

/** A string of the page's language, or `fallback` when there is none (a kind added since). */
export const tOr = (r: SignedInRequest, key: string, fallback: string) => {
  try {
    return r.ports.views.translate(r.lang, key);
  } catch {
    return fallback;
  }
};

/** A definition's problem in the page's language; the loader's English where it has no code. */
export const definitionProblemText = (r: SignedInRequest, problem: Omit<DefinitionError, "path">) => {
  if (!problem.code) return problem.message;
  try {
    return r.ports.views.translate(r.lang, `editor.definition.${problem.code}`, problem.params);
  } catch {
    return problem.message;
  }
};

export const textIn = (texts: Texts | undefined, lang: Language) =>
  texts?.[lang] ?? LANGUAGES.map((l) => texts?.[l]).find(Boolean) ?? "";

/** A published version asked for as a draft: said in the person's language, with the way to copy it. */
export const refusedDraft = (r: SignedInRequest, error: unknown) => {
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
export const unlessPublished = async <T>(
  r: SignedInRequest,
  work: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reply: Reply }> => {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    return { ok: false, reply: refusedDraft(r, error) };
  }
};

export type Shown = {
  section?: string | undefined;
  question?: string | undefined;
  field?: string | undefined;
  /** What was posted, shown back as typed, with what was wrong beside each field. */
  posted?: Posted;
  problems?: FormProblem[];
  conflict?: boolean;
  saved?: boolean;
};

export const languageCells = (
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

export const rowsOf = (v: unknown): Record<string, unknown>[] =>
  (Array.isArray(v) ? v : v && typeof v === "object" ? Object.values(v) : []) as Record<string, unknown>[];

/** One kind's settings as controls, from the question as stored or as posted. */
export const settingViews = (
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

export const placeText = (r: SignedInRequest, def: DraftDefinition, place: Place) => {
  const section = def.sections.find((s) => s.id === place.sectionId);
  const parts = [
    section ? textIn(section.title, r.lang) || section.id : undefined,
    place.questionId,
    place.fieldId,
    place.at || undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(" › ") : tOr(r, "editor.questionnaire-texts", "Questionnaire");
};

export const placeUrl = (draft: QuestionnaireDraft, place: Place) =>
  draftUrl(draft.questionnaireId, draft.version, {
    section: place.sectionId,
    question: place.questionId,
    field: place.fieldId,
  });

export const checkView = (r: SignedInRequest, draft: QuestionnaireDraft, check: DraftCheck) => ({
  problems: check.problems.map((p) => ({
    where: placeText(r, draft.definition, p),
    message: definitionProblemText(r, p),
    url: placeUrl(draft, p),
  })),
  missing: check.missing.map((m) => ({
    where: placeText(r, draft.definition, m),
    languages: m.languages.map((l) => LANGUAGE_NAMES[l]).join(", "),
    url: placeUrl(draft, m),
  })),
});

export const groupChoices = (r: SignedInRequest, picked: string[]) =>
  RESPONDENT_GROUPS.map((g) => ({
    value: g,
    text: tOr(r, `editor.group.${g}`, g),
    checked: picked.includes(g),
  }));

export const conditionView = (r: SignedInRequest, def: DraftDefinition, values: Posted, ownId?: string) => {
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

export const record = (v: unknown): Posted =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Posted) : {};

/** The editor: the draft's texts and sections, and the section or question the address names. */
export const editorPage = (r: SignedInRequest, draft: QuestionnaireDraft, shown: Shown, status = 200) => {
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
