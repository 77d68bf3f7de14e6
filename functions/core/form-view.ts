// What the respondent's page shows: every question as controls holding the current (or typed) values.
import type { FieldError } from "./errors.ts";
import { LANGUAGE_NAMES, LANGUAGES, type Language } from "./languages.ts";
import { answerSchema, emptyToUndefined, type Answers } from "./questionnaire/answers.ts";
import {
  allQuestions,
  type Condition,
  type Question,
  type Questionnaire,
} from "./questionnaire/definition.ts";
import type { LastCycleNotes } from "./work-plan/last-cycle.ts";
import { anchorOf, controlFor, errorSummary } from "./form-errors.ts";
import { kindOf } from "./questionnaire/kinds/index.ts";
import type { ShownError } from "./questionnaire/kinds/kind.ts";
import { answerBase, type AnswerBase } from "./questionnaire/answer-merge.ts";
import { answerText, type Translate } from "./report/inputs-report.ts";
import type { Invitation } from "./invitations.ts";
import type { RespondentSession } from "./respond.ts";
import { submissionNumber, type ResponseVersion } from "./responses.ts";
import { secretariatIn } from "./campaign.ts";
import { respondentTimes } from "./confirmation-view.ts";
import { ofMemberName } from "./directory.ts";
import { formatters } from "./format.ts";
import { unconfirmedCarried, untouchedPrefill } from "./prefill.ts";

export type Notice =
  | { kind: "saved"; at: string }
  | { kind: "submitted"; at: string; version: number }
  | { kind: "errors" }
  | { kind: "conflict"; by?: string; at?: string }
  | { kind: "try-again" }
  | { kind: "invited" }
  | { kind: "revoked" }
  | { kind: "invite-errors" }
  /** An action the person may not take, or that no longer applies: said on the form, text kept. */
  | { kind: "refused"; code: string; params?: Record<string, unknown> };

/** A colleague's invitation as typed, shown back with what is wrong beside each field. */
export type InviteInput = { name: string; email: string; sections: string[]; errors: FieldError[] };

/** Known refusals have their own words; anything else, a general one. */
const REFUSALS = new Set([
  "only_signatories_invite",
  "only_signatories_submit",
  "contributor_not_found",
  "too_many_contributors",
  "invitations_rate_limited",
]);

type Values = Record<string, unknown>;

/**
 * A condition with the respondent's group already decided: `true` or `false` when answers cannot
 * change the outcome, otherwise the condition that is left for the answers (and the page's script).
 */
const decideGroup = (c: Condition, group: string): boolean | Condition => {
  if ("group" in c) return (c.group as string[]).includes(group);
  if ("not" in c) {
    const inner = decideGroup(c.not, group);
    return typeof inner === "boolean" ? !inner : { not: inner };
  }
  if ("all" in c || "any" in c) {
    const isAll = "all" in c;
    const parts = (isAll ? c.all : c.any).map((x) => decideGroup(x, group));
    if (parts.some((p) => p === !isAll)) return !isAll; // a false in "all", a true in "any" settles it
    const open = parts.filter((p): p is Condition => typeof p !== "boolean");
    if (!open.length) return isAll;
    if (open.length === 1) return open[0] as Condition;
    return isAll ? { all: open } : { any: open };
  }
  return c;
};

export const buildFormView = (
  session: RespondentSession,
  lang: Language,
  values: Values,
  errors: FieldError[],
  baseVersion: number,
  notice?: Notice,
  options: {
    extraRows?: Record<string, number>;
    differences?: Difference[];
    /** For the pages of a shared answer: who else writes it, what was submitted, a comparison. */
    contributors?: Invitation[];
    versions?: ResponseVersion[];
    comparison?: { from: number; to: number; differences: Difference[] };
    t?: Translate;
    /** What each question held when this person's page was first loaded (see answer-merge.ts). */
    base?: AnswerBase;
    invite?: InviteInput;
    /** Carried-over answers ticked as confirmed on the page being shown again (not saved yet). */
    confirming?: readonly string[];
    /** What became of last cycle's requests, by question (work-plan/last-cycle.ts). */
    lastCycle?: LastCycleNotes;
  } = {},
) => {
  const extraRows = options.extraRows ?? {};
  const t = options.t ?? ((key: string) => key);
  const { campaign, questionnaire, member, contact, response } = session;
  const errorsAt = new Map<string, FieldError[]>();
  for (const e of errors) {
    const id = e.path.split(".")[0] ?? "";
    errorsAt.set(id, [...(errorsAt.get(id) ?? []), e]);
  }
  const times = respondentTimes(session, lang, t);
  const fmt = (iso: string | undefined) => (iso ? times(iso) : undefined);
  const numberOf = (version: number) => submissionNumber(options.versions ?? [], version);
  // Answers carried over from an earlier campaign: each marked, the unconfirmed ones with a box to tick.
  const mark = response?.carriedOver;
  const pending = new Set(unconfirmedCarried(mark));
  const ticked = new Set(options.confirming ?? []);
  const carriedFrom = mark && { campaign: mark.campaignTitle[lang], date: fmt(mark.submittedAt) };
  const carriedOf = (id: string) =>
    mark?.questions.includes(id)
      ? { ...carriedFrom, pending: pending.has(id), ticked: ticked.has(id) }
      : undefined;

  const sections = questionnaire.sections
    .map((s) => ({ s, when: s.when ? decideGroup(s.when, member.group) : true }))
    .filter(({ when }) => when !== false)
    .map(({ s, when }) => ({
      id: s.id,
      title: s.title[lang],
      description: s.description?.[lang],
      whenJson: typeof when === "boolean" ? undefined : JSON.stringify(when),
      // A contributor sees the sections others write as text, and edits only theirs.
      editable: !session.sections || session.sections.includes(s.id),
      readOnlyAnswers: s.questions.flatMap((q) => {
        const value = response?.answers[q.id];
        return value === undefined ? [] : [{ label: q.label[lang], text: answerText(q, value, lang, t) }];
      }),
      questions: s.questions
        .map((q) => ({ q, when: q.when ? decideGroup(q.when, member.group) : true }))
        .filter(({ when }) => when !== false)
        .map(({ q, when }) => ({
          ...questionView(q, lang, t, values[q.id], errorsAt.get(q.id) ?? [], q.id, extraRows[q.id] ?? 0),
          whenJson: typeof when === "boolean" ? undefined : JSON.stringify(when),
          changed: response?.contributions?.[q.id]
            ? { by: response.contributions[q.id]?.by, at: fmt(response.contributions[q.id]?.at) }
            : undefined,
          carried: carriedOf(q.id),
          lastCycle: options.lastCycle?.get(q.id),
        })),
    }));
  // The submit summary: carried-over answers this person could still confirm, and that the report
  // would not count if submitted as they stand.
  const unconfirmed = questionnaire.sections
    .filter((x) => !session.sections || session.sections.includes(x.id))
    .flatMap((x) => x.questions)
    .filter((q) => pending.has(q.id))
    .map((q) => ({ anchor: anchorOf(q.id), label: q.label[lang] }));

  return {
    lang,
    languages: LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code], current: code === lang })),
    title: campaign.title[lang],
    questionnaireTitle: questionnaire.title[lang],
    intro: questionnaire.intro?.[lang],
    memberName: member.name[lang],
    ofMember: ofMemberName(member, lang, t),
    contactName: contact.name,
    closesAt: fmt(campaign.closesAt),
    secretariat: secretariatIn(campaign.secretariat, lang),
    baseVersion,
    base: Object.entries(options.base ?? answerBase(questionnaire, response?.answers ?? {})).map(
      ([id, fingerprint]) => ({ id, fingerprint }),
    ),
    // A form with a file question is posted as multipart, its files with it (attach-files.ts).
    hasFiles: questionnaire.sections.some((s) => s.questions.some((q) => q.type === "file")),
    isSignatory: session.role === "signatory",
    contributors: (options.contributors ?? []).map((c) => ({
      contactId: c.contactId,
      name: c.name,
      email: c.email,
      revoked: c.state === "revoked",
      sections: (c.sections ?? [])
        .map((id) => questionnaire.sections.find((x) => x.id === id)?.title[lang] ?? id)
        .join("; "),
    })),
    sectionChoices: questionnaire.sections.map((x) => ({
      id: x.id,
      title: x.title[lang],
      chosen: options.invite?.sections.includes(x.id) ?? false,
    })),
    invite: options.invite
      ? {
          name: options.invite.name,
          email: options.invite.email,
          nameError: options.invite.errors.find((e) => e.path === "contributor.name")?.code,
          emailError: options.invite.errors.find((e) => e.path === "contributor.email")?.code,
          params: {},
        }
      : undefined,
    versions: (options.versions ?? []).map((v) => ({
      version: v.version,
      number: numberOf(v.version),
      submittedAt: fmt(v.submittedAt),
      submittedBy: v.submittedBy.name,
      receiptCode: v.receiptCode,
    })),
    comparison: options.comparison && {
      ...options.comparison,
      from: numberOf(options.comparison.from),
      to: numberOf(options.comparison.to),
    },
    // A draft only prefilled from an earlier campaign was saved by nobody here.
    saved:
      response && !untouchedPrefill(response)
        ? {
            by: response.updatedBy.name,
            at: fmt(response.updatedAt),
            submittedAt: fmt(response.submittedAt),
            version: response.version,
          }
        : undefined,
    notice: notice
      ? {
          ...notice,
          at: "at" in notice ? fmt(notice.at) : undefined,
          isSaved: notice.kind === "saved",
          isSubmitted: notice.kind === "submitted",
          isErrors: notice.kind === "errors",
          isConflict: notice.kind === "conflict",
          isTryAgain: notice.kind === "try-again",
          isInvited: notice.kind === "invited",
          isRevoked: notice.kind === "revoked",
          isInviteErrors: notice.kind === "invite-errors",
          refusedKey:
            notice.kind === "refused"
              ? `form.refused.${REFUSALS.has(notice.code) ? notice.code : "other"}`
              : undefined,
        }
      : undefined,
    errorSummary: errorSummary(questionnaire, errors, lang, t),
    carried: carriedFrom && { ...carriedFrom, unconfirmed },
    sections,
    differences: options.differences ?? [],
  };
};

/** A question where what this person typed differs from what a colleague saved meanwhile. */
export type Difference = { id: string; label: string; mine: string; theirs: string };

const questionView = (
  q: Question,
  lang: Language,
  t: Translate,
  value: unknown,
  errors: FieldError[],
  name: string,
  extraRows = 0,
  context?: string,
): object => {
  const kind = kindOf(q);
  const path = name.replace(/\[([^\]]+)\]/g, ".$1");
  const anchor = anchorOf(path);
  const subOf = (e: FieldError) => (e.path === path ? [] : e.path.slice(path.length + 1).split("."));
  // A row's error is shown in its row; a group's entries show their own; the rest at the question.
  const own = errors.filter((e) => !kind.ownsRow(q, subOf(e)));
  const shown: ShownError[] = own.map((e, k) => ({
    code: e.code,
    params: e.params ?? {},
    messageId: `e-${anchor}-${k}`,
    context,
  }));
  const rowError = (key: string, label: string): ShownError | undefined => {
    const e = errors.find((x) => subOf(x)[0] === key);
    return e
      ? { code: e.code, params: e.params ?? {}, messageId: `e-${anchor}-row-${key}`, context: label }
      : undefined;
  };
  return {
    id: q.id,
    anchor,
    name,
    type: q.type,
    label: q.label[lang],
    help: q.help?.[lang],
    required: q.required,
    errors: shown,
    hasError: shown.length > 0,
    /** What every control of this question is described by: its messages. */
    describedBy: shown.map((e) => e.messageId).join(" "),
    controlId: controlFor(q, path, []),
    ...kind.view(q, {
      lang,
      t,
      value,
      name,
      anchor,
      path,
      errors,
      extraRows,
      rowError,
      field: (f, fieldValue, fieldErrors, fieldName, fieldContext) =>
        questionView(f, lang, t, fieldValue, fieldErrors, fieldName, 0, fieldContext),
    }),
  };
};

/**
 * Where this person's typed answers differ from what a colleague saved in the meantime, as readable
 * text on both sides, so they can merge by hand and nothing either of them wrote is lost.
 */
export const answerDifferences = (
  q: Questionnaire,
  mine: Record<string, unknown>,
  theirs: Answers,
  lang: Language,
  t: Translate,
): Difference[] =>
  allQuestions(q).flatMap(({ question }) => {
    const typed = emptyToUndefined(mine[question.id]);
    const saved = theirs[question.id];
    if (JSON.stringify(typed ?? null) === JSON.stringify(saved ?? null)) return [];
    const readable = (value: unknown) => {
      if (value === undefined) return "—";
      const valid = answerSchema(question, "draft").safeParse(value);
      return valid.success ? answerText(question, valid.data, lang, t) : JSON.stringify(value);
    };
    return [{ id: question.id, label: question.label[lang], mine: readable(typed), theirs: readable(saved) }];
  });

/** "14:05" in the campaign's time zone: the autosave line. */
export const timeOfDay = (iso: string, lang: Language, timeZone: string) =>
  formatters(lang, timeZone).clock(new Date(iso));
