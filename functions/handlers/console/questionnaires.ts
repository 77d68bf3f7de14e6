// The questionnaires' pages: versions and drafts listed, a version copied, and a version or a draft
// previewed as a respondent of a group in a language, read-only.
import { buildFormView } from "../../core/form-view.ts";
import { LANGUAGE_NAMES, LANGUAGES, isLanguage, type Language } from "../../core/languages.ts";
import { copyVersion, listQuestionnaires, previewQuestionnaire } from "../../core/questionnaire-editor.ts";
import { previewSession } from "../../core/questionnaire-editor/preview.ts";
import { RESPONDENT_GROUPS, RespondentGroup } from "../../core/questionnaire/definition.ts";
import { htmlResponse, redirect } from "../../http/responses.ts";
import { type ConsolePage } from "./page.ts";
import {
  base,
  definitionProblemText,
  draftUrl,
  versionParam,
  tOr,
  unlessPublished,
} from "./questionnaire-editor-view.ts";

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

/**
 * The real respondent's form of a draft or version, as a member of a group sees it in a language:
 * every control disabled, no button that saves, nothing behind it.
 */
const previewOf = (from: "draft" | "version"): ConsolePage => ({
  answer: async (r) => {
    const id = r.params.questionnaireId ?? "";
    const version = versionParam(r);
    const group = RespondentGroup.safeParse(r.query.group).data ?? "government";
    // `in`, not `lang`: `?lang=` is the console's own language switch (kept in a cookie).
    const lang: Language = isLanguage(r.query.in) ? r.query.in : r.lang;
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
      return r.render(
        "questionnaire-preview-errors",
        {
          ...choices,
          errors: loaded.error.map((e) => ({ path: e.path, message: definitionProblemText(r, e) })),
        },
        422,
      );
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
