// What the respondent's page shows: every question as controls holding the current (or typed) values.
import type { FieldError } from "./errors.ts";
import { formatDateTime } from "./format.ts";
import { LANGUAGES, type Language } from "./languages.ts";
import type { Condition, ListItem, Question, SimpleQuestion } from "./questionnaire/definition.ts";
import type { RespondentSession } from "./respond.ts";

export type Notice =
  | { kind: "saved"; at: string }
  | { kind: "submitted"; at: string; version: number }
  | { kind: "errors" }
  | { kind: "conflict"; by?: string; at?: string };

type Values = Record<string, unknown>;

const LANGUAGE_NAMES: Record<Language, string> = {
  es: "Español",
  en: "English",
  fr: "Français",
  pt: "Português",
};

/** True when a condition only depends on the respondent's group, which the server knows for sure. */
const groupOnly = (c: Condition): boolean =>
  "group" in c ||
  ("all" in c && c.all.every(groupOnly)) ||
  ("any" in c && c.any.every(groupOnly)) ||
  ("not" in c && groupOnly(c.not));

const evalGroup = (c: Condition, group: string): boolean => {
  if ("group" in c) return (c.group as string[]).includes(group);
  if ("all" in c) return c.all.every((x) => evalGroup(x, group));
  if ("any" in c) return c.any.some((x) => evalGroup(x, group));
  if ("not" in c) return !evalGroup(c.not, group);
  return true;
};

const str = (v: unknown) => (v === undefined || v === null ? "" : typeof v === "object" ? "" : String(v));

export const buildFormView = (
  session: RespondentSession,
  lang: Language,
  values: Values,
  errors: FieldError[],
  baseVersion: number,
  notice?: Notice,
) => {
  const { campaign, questionnaire, member, contact, response } = session;
  const errorsAt = new Map<string, FieldError[]>();
  for (const e of errors) {
    const id = e.path.split(".")[0] ?? "";
    errorsAt.set(id, [...(errorsAt.get(id) ?? []), e]);
  }
  const when = (tz: string) => (iso: string | undefined) => (iso ? formatDateTime(iso, lang, tz) : undefined);
  const fmt = when(campaign.timeZone);

  const sections = questionnaire.sections
    .filter((s) => !s.when || !groupOnly(s.when) || evalGroup(s.when, member.group))
    .map((s) => ({
      id: s.id,
      title: s.title[lang],
      description: s.description?.[lang],
      questions: s.questions
        .filter((q) => !q.when || !groupOnly(q.when) || evalGroup(q.when, member.group))
        .map((q) =>
          questionView(
            q,
            lang,
            values[q.id],
            errorsAt.get(q.id) ?? [],
            q.id,
            Boolean(q.when && !groupOnly(q.when)),
          ),
        ),
    }));

  return {
    lang,
    languages: LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code], current: code === lang })),
    title: campaign.title[lang],
    questionnaireTitle: questionnaire.title[lang],
    intro: questionnaire.intro?.[lang],
    memberName: member.name[lang],
    contactName: contact.name,
    closesAt: fmt(campaign.closesAt),
    secretariat: campaign.secretariat,
    baseVersion,
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
        }
      : undefined,
    errorSummary: errors.map((e) => ({
      anchor: anchorOf(e.path),
      code: e.code,
      params: e.params ?? {},
      label: labelOfPath(session, e.path, lang),
    })),
    sections,
  };
};

const anchorOf = (path: string) => `q-${path.replace(/\./g, "-")}`;

const labelOfPath = (session: RespondentSession, path: string, lang: Language) => {
  const [id] = path.split(".");
  for (const s of session.questionnaire.sections)
    for (const q of s.questions) if (q.id === id) return q.label[lang];
  return path;
};

const itemsOf = (q: SimpleQuestion): ListItem[] => ("options" in q ? q.options : "items" in q ? q.items : []);

const questionView = (
  q: Question,
  lang: Language,
  value: unknown,
  errors: FieldError[],
  name: string,
  conditional: boolean,
): object => {
  const base = {
    id: q.id,
    anchor: anchorOf(name.replace(/\[(\w+)\]/g, ".$1")),
    name,
    type: q.type,
    label: q.label[lang],
    help: q.help?.[lang],
    required: q.required,
    conditional,
    errors: errors.map((e) => ({ code: e.code, params: e.params ?? {}, path: e.path })),
    hasError: errors.length > 0,
  };
  if (q.type === "group") {
    const rows = Array.isArray(value) ? (value as Values[]) : [];
    // One blank row beyond what is filled in, so a new entry can be typed without JavaScript.
    const shown = Math.min(q.maxItems, rows.length + 1);
    return {
      ...base,
      isGroup: true,
      rows: Array.from({ length: shown }, (_, i) => ({
        number: i + 1,
        itemLabel: q.itemLabel[lang],
        fields: q.fields.map((f) =>
          questionView(
            f,
            lang,
            rows[i]?.[f.id],
            errors.filter((e) => e.path.startsWith(`${q.id}.${i}.${f.id}`)),
            `${name}[${i}][${f.id}]`,
            false,
          ),
        ),
      })),
    };
  }
  return { ...base, ...simpleView(q, lang, value, name) };
};

const simpleView = (q: SimpleQuestion, lang: Language, value: unknown, name: string) => {
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
          options: items.map((i) => ({ id: i.id, label: i.label[lang], selected: picks[k] === i.id })),
        })),
      };
    }
    case "short-text":
    case "long-text":
      return { isText: true, multiline: q.type === "long-text", value: str(value), maxLength: q.maxLength };
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
          value: str(shares[i.id]),
        })),
      };
    }
  }
};
