// What the respondent's page shows: every question as controls holding the current (or typed) values.
import type { FieldError } from "./errors.ts";
import { LANGUAGE_NAMES, LANGUAGES, type Language } from "./languages.ts";
import { answerSchema, emptyToUndefined, type Answers } from "./questionnaire/answers.ts";
import {
  allQuestions,
  type Condition,
  type ListItem,
  type Question,
  type Questionnaire,
  type SimpleQuestion,
} from "./questionnaire/definition.ts";
import { anchorOf, controlFor, errorSummary, rowKeys } from "./form-errors.ts";
import { answerBase, type AnswerBase } from "./questionnaire/answer-merge.ts";
import { answerText, type Translate } from "./report/inputs-report.ts";
import type { Invitation } from "./invitations.ts";
import type { RespondentSession } from "./respond.ts";
import { submissionNumber, type ResponseVersion } from "./responses.ts";
import { secretariatIn } from "./campaign.ts";
import { respondentTimes } from "./confirmation-view.ts";
import { ofMemberName } from "./directory.ts";
import { formatters } from "./format.ts";

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

const str = (v: unknown) => (v === undefined || v === null ? "" : typeof v === "object" ? "" : String(v));

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
        })),
    }));

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
    saved: response
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
    sections,
    differences: options.differences ?? [],
  };
};

const itemsOf = (q: SimpleQuestion): ListItem[] => ("options" in q ? q.options : "items" in q ? q.items : []);

/** A question where what this person typed differs from what a colleague saved meanwhile. */
export type Difference = { id: string; label: string; mine: string; theirs: string };

/** An error shown beside its control: the id the control's aria-describedby points to. */
type ShownError = {
  code: string;
  params: Record<string, string | number>;
  messageId: string;
  /** The row or entry the message is about, read out with it: "Proposal 2", a topic. */
  context?: string | undefined;
};

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
  const path = name.replace(/\[([^\]]+)\]/g, ".$1");
  const anchor = anchorOf(path);
  const rows = rowKeys(q);
  const subOf = (e: FieldError) => (e.path === path ? [] : e.path.slice(path.length + 1).split("."));
  // A row's error is shown in its row; a group's entries show their own; the rest at the question.
  const own = errors.filter((e) => {
    const [first] = subOf(e);
    if (first === undefined) return true;
    if (q.type === "group") return !q.fields.some((f) => e.path.startsWith(`${path}.${first}.${f.id}`));
    return !rows?.includes(first);
  });
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
  const base = {
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
  };
  if (q.type === "group") {
    const filled = (Array.isArray(value) ? (value as Values[]) : []).filter(
      (row) =>
        row &&
        typeof row === "object" &&
        Object.values(row).some((v) => str(v) !== "" || Array.isArray(v) || (v && typeof v === "object")),
    );
    // Filled rows, then blank ones (one, or more after "add another"), so nothing needs JavaScript.
    const count = Math.min(q.maxItems, Math.max(filled.length + 1 + extraRows, q.minItems));
    return {
      ...base,
      isGroup: true,
      blankRows: count - filled.length,
      canAdd: count < q.maxItems,
      rows: Array.from({ length: count }, (_, i) => ({
        number: i + 1,
        index: i,
        filled: i < filled.length,
        groupId: q.id,
        itemLabel: q.itemLabel[lang],
        fields: q.fields.map((f) =>
          questionView(
            f,
            lang,
            t,
            filled[i]?.[f.id],
            errors.filter(
              (e) => e.path === `${path}.${i}.${f.id}` || e.path.startsWith(`${path}.${i}.${f.id}.`),
            ),
            `${name}[${i}][${f.id}]`,
            0,
            `${q.itemLabel[lang]} ${i + 1}`,
          ),
        ),
      })),
    };
  }
  return { ...base, ...simpleView(q, lang, value, name, anchor, rowError, t) };
};

const simpleView = (
  q: SimpleQuestion,
  lang: Language,
  value: unknown,
  name: string,
  anchor: string,
  rowError: (key: string, label: string) => ShownError | undefined,
  t: Translate,
) => {
  const items = itemsOf(q);
  switch (q.type) {
    case "single-choice":
      return {
        isSingleChoice: true,
        options: items.map((i) => ({ id: i.id, label: i.label[lang], checked: value === i.id })),
      };
    case "multiple-choice": {
      const picked = Array.isArray(value) ? value : [];
      return {
        isMultipleChoice: true,
        maxPicks: q.maxPicks,
        options: items.map((i) => ({ id: i.id, label: i.label[lang], checked: picked.includes(i.id) })),
      };
    }
    case "scale": {
      const scores = (value && typeof value === "object" ? value : {}) as Values;
      const points = Array.from({ length: q.max - q.min + 1 }, (_, k) => q.min + k);
      return {
        isScale: true,
        minLabel: q.minLabel?.[lang],
        maxLabel: q.maxLabel?.[lang],
        points,
        items: items.map((i) => ({
          id: i.id,
          label: i.label[lang],
          name: `${name}[${i.id}]`,
          controlId: `f-${anchor}-${i.id}`,
          error: rowError(i.id, i.label[lang]),
          points: points.map((p) => ({ value: p, checked: String(scores[i.id]) === String(p) })),
          none: scores[i.id] === undefined || scores[i.id] === "",
        })),
      };
    }
    case "top-n": {
      const picks = Array.isArray(value) ? value : [];
      return {
        isTopN: true,
        selects: Array.from({ length: q.n }, (_, k) => ({
          rank: k + 1,
          name: `${name}[${k}]`,
          error: rowError(String(k), t("form.rank").replace("{rank}", String(k + 1))),
          options: items.map((i) => ({ id: i.id, label: i.label[lang], selected: picks[k] === i.id })),
        })),
      };
    }
    case "short-text":
    case "long-text":
      return {
        isText: true,
        multiline: q.type === "long-text",
        isEmail: q.type === "short-text" && q.format === "email",
        value: str(value),
        maxLength: q.maxLength,
      };
    case "number":
      return { isNumber: true, value: str(value), min: q.min, max: q.max, integer: q.integer };
    case "money": {
      const money = (value && typeof value === "object" ? value : {}) as Values;
      return {
        isMoney: true,
        amount: str(money.amount),
        currencies: q.currencies.map((c) => ({
          code: c,
          selected: money.currency === c || q.currencies.length === 1,
        })),
      };
    }
    case "yes-no":
      return { isYesNo: true, yes: value === true || value === "yes", no: value === false || value === "no" };
    case "allocation": {
      const shares = (value && typeof value === "object" ? value : {}) as Values;
      return {
        isAllocation: true,
        total: q.total,
        items: items.map((i) => ({
          id: i.id,
          label: i.label[lang],
          name: `${name}[${i.id}]`,
          controlId: `f-${anchor}-${i.id}`,
          error: rowError(i.id, i.label[lang]),
          value: str(shares[i.id]),
        })),
      };
    }
  }
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
