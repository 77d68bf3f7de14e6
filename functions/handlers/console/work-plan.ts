// A campaign's Work Plan in the console: candidates to accept, edit, merge or discard, the activities
// with their funding and evidence, the free sections, the budget, the pledges, adoption and the log.
//
// Plain forms, no script: each form names the revision the page showed, so a change based on an older
// page is refused (409) and shown beside the plan as it is now; a mistake is named beside its field,
// in the console's language, with what was typed shown back (400). Nothing is written in either case.
import { ConsultaError, NotFound, ValidationFailed, type FieldError } from "../../core/errors.ts";
import { LANGUAGE_NAMES, LANGUAGES, type Language } from "../../core/languages.ts";
import { buildBudget, type Budget } from "../../core/work-plan/budget.ts";
import type { Candidate } from "../../core/work-plan/candidates.ts";
import { candidateById, editCandidate, openCandidates } from "../../core/work-plan/candidate-choices.ts";
import { answerKey, evidenceKey, findInputRoles, supportersOf } from "../../core/work-plan/evidence.ts";
import { workPlanInputs, type PlanInputs } from "../../core/work-plan/inputs.ts";
import { uncitedRequests } from "../../core/work-plan/outcome.ts";
import {
  addActivity,
  confirmPledge,
  editActivity,
  moveActivity,
  removeActivity,
  setFreeSections,
  setPending,
  setRialFundAvailable,
  unlinkEvidence,
} from "../../core/work-plan/plan-changes.ts";
import {
  ACTIVITY_KINDS,
  ActivityInput,
  freeText,
  FUNDING_SOURCES,
  Money,
  parseInput,
  readIn,
  TO_BE_DEFINED,
  type Activity,
  type FreeText,
  type Money as MoneyValue,
  type WorkPlan,
} from "../../core/work-plan/work-plan.ts";
import {
  acceptCandidateInPlan,
  adoptWorkPlan,
  createWorkPlan,
  discardCandidateInPlan,
  linkEvidenceInPlan,
  startNextDraft,
  updateWorkPlan,
  type Edit,
} from "../../core/work-plan/work-plans.ts";
import { redirect } from "../../http/responses.ts";
import { field, type ConsolePage, type Reply, type SignedInRequest } from "./page.ts";

const AREA = "work-plan-console";
const ACTIVITY_FIELDS = ["kind", "title", "description", "place", "date", "starts", "hosts", "responsible"];

/** The codes this page words; any other reads as "not valid". */
const CODES = new Set([
  "required",
  "too_long",
  "too_many",
  "too_few",
  "too_high",
  "too_low",
  "not_a_number",
  "invalid_choice",
  "duplicate",
  "invalid",
  "unknown_member",
  "unknown_topic",
  "too_many_decimals",
  "project_only",
  "evidence_not_found",
  "evidence_mismatch",
  "work_plan_too_large",
  "pledge_not_found",
  "request_not_found",
  "currency",
]);

const hrefOf = (campaignId: string, suffix = "") =>
  `/console/campaigns/${encodeURIComponent(campaignId)}/work-plan${suffix}`;

const ports = (r: SignedInRequest) => ({ repository: r.ports.repository, clock: r.ports.clock });

const loadInputs = (r: SignedInRequest, campaignId: string, plan: WorkPlan | undefined) =>
  workPlanInputs(
    { repository: r.ports.repository },
    campaignId,
    {
      lang: r.lang,
      t: (key) => r.ports.views.translate(r.lang, key),
      now: r.ports.clock.now(),
    },
    plan?.activities.flatMap((a) => a.evidence) ?? [],
  );

/** What a form typed, as the page shows it back: every value a string, lists as lists. */
type Typed = Record<string, unknown>;

/** The form a failed post came from, shown back as typed with its field messages. */
type Outcome = {
  status: number;
  message?: string;
  /** Which form: `activity:<id>` (`activity:new` for one written by hand), `sections`, `rial-fund`. */
  form?: string;
  typed?: Typed;
  errors?: Record<string, string>;
};

const text = (t: FreeText | undefined, lang: Language) => (t ? readIn(t, lang).text : "");
/** The text as written, which the form edits: translations follow the original, never the other way. */
const originalOf = (t: FreeText | "to-be-defined" | undefined) =>
  t && t !== TO_BE_DEFINED ? (t.texts[t.original] ?? "") : "";

const money = (lang: Language, m: MoneyValue) =>
  new Intl.NumberFormat(lang, { style: "currency", currency: m.currency, currencyDisplay: "code" }).format(
    m.amount,
  );
const amounts = (lang: Language, list: MoneyValue[]) => list.map((m) => money(lang, m)).join(" · ");

/** The activity form's fields (`activity[...]`), as posted. */
const formOfActivity = (r: SignedInRequest): Typed => {
  const posted = r.form.activity;
  return posted && typeof posted === "object" && !Array.isArray(posted) ? (posted as Typed) : {};
};
/** A posted list of rows (`name[0][field]`), each field as text: anything else a form cannot send reads as empty. */
const rowsOf = (value: unknown): Record<string, string>[] =>
  (value && typeof value === "object" ? Object.values(value) : []).map((row: unknown) =>
    Object.fromEntries(
      Object.entries(row && typeof row === "object" ? row : {}).map(([k, v]) => [
        k,
        typeof v === "string" ? v : "",
      ]),
    ),
  );
/** A posted list or map of plain values (`name[]`, `name[key]`), as text. */
const valuesOf = (value: unknown): string[] =>
  (value && typeof value === "object" ? Object.values(value) : []).filter(
    (v): v is string => typeof v === "string",
  );
const entriesOf = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(value && typeof value === "object" ? value : {}).filter(
      (e): e is [string, string] => typeof e[1] === "string",
    ),
  );

/** An activity's fields as its form shows them: from the plan, or as typed. */
const activityForm = (a: Activity | undefined, typed: Typed | undefined) => {
  const value = (name: string, stored: string) =>
    typed ? (typeof typed[name] === "string" ? (typed[name] as string) : "") : stored;
  const funding = typed
    ? rowsOf(typed.funding)
    : (a?.funding ?? []).map((l) => ({
        source: l.source,
        project: l.project ?? "",
        memberCode: l.memberCode ?? "",
        amount: l.money ? String(l.money.amount) : "",
        currency: l.money?.currency ?? "",
      }));
  const serves = typed ? valuesOf(typed.serves) : (a?.serves ?? []);
  return {
    kind: value("kind", a?.kind ?? ""),
    title: value("title", originalOf(a?.title)),
    description: value("description", originalOf(a?.description)),
    place: value("place", originalOf(a?.place)),
    date: value("date", originalOf(a?.date)),
    starts: value("starts", a?.starts ?? ""),
    hosts: value("hosts", (a?.hosts ?? []).join(" ")),
    responsible: value("responsible", (a?.responsible ?? []).join(" ")),
    funding: [
      ...funding,
      ...(funding.some((l) => !l.amount && !l.project && !l.memberCode && !l.source) ? [] : [{}]),
    ].map((l: Record<string, string | undefined>) => ({
      source: l.source ?? "",
      project: l.project ?? "",
      memberCode: l.memberCode ?? "",
      amount: l.amount ?? "",
      currency: l.currency ?? "",
    })),
    serves,
  };
};

/** The page: the plan as stored, and the form a failed post came from as it was typed. */
const workPlanPage = (
  r: SignedInRequest,
  inputs: PlanInputs,
  plan: WorkPlan | undefined,
  editions: Awaited<ReturnType<SignedInRequest["ports"]["repository"]["listWorkPlanEditions"]>>,
  outcome: Outcome = { status: 200 },
): Reply => {
  const lang = r.lang;
  const t = (key: string, params?: Record<string, unknown>) =>
    r.ports.views.translate(lang, `${AREA}.${key}`, params);
  const campaignId = inputs.campaign.id;
  const memberName = new Map(inputs.members.map((m) => [m.code, m.name[lang]]));
  const named = (code: string) => `${memberName.get(code) ?? code} (${code})`;
  const topics = findInputRoles(inputs.questionnaire).priorityScale?.items ?? [];
  const topicLabel = new Map(topics.map((item) => [item.id, item.label[lang]]));
  const draft = plan?.status === "draft";
  const errorsFor = (form: string) => (outcome.form === form ? (outcome.errors ?? {}) : {});
  const typedFor = (form: string) => (outcome.form === form ? outcome.typed : undefined);
  const kinds = (selected: string) =>
    ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`), selected: k === selected }));
  const sources = (selected: string) =>
    FUNDING_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`), selected: s === selected }));
  const topicChoices = (chosen: readonly string[]) =>
    topics.map((item) => ({ id: item.id, label: item.label[lang], checked: chosen.includes(item.id) }));

  const candidateView = (c: Candidate) => ({
    id: c.id,
    title: text(c.title, lang),
    rule: t(`rule.${c.rule}`),
    kinds: kinds(c.kind ?? "other"),
    serves: c.serves.map((id) => topicLabel.get(id) ?? id),
    standings: c.standings.map((s) =>
      t("standing", {
        group: r.ports.views.translate(lang, `group.${s.group}`),
        rank: s.rank,
        average: s.average.toFixed(2),
        count: s.count,
      }),
    ),
    hosts: c.hosts.map(named),
    quotes: c.quotes.slice(0, 6).map((q) => ({ member: named(q.memberCode), text: q.text, lang: q.lang })),
    supporters: supportersOf(c.evidence).map((s) => ({
      member: named(s.memberCode),
      receipts: s.submissions.map((x) => `${x.receiptCode} (v${x.version})`).join(", "),
    })),
  });

  const budget: Budget | undefined = plan && buildBudget(plan, inputs.report.contributions.pledges);
  // What members asked or offered that no activity cites: the Secretariat may keep it under
  // consideration, which the member's link then says instead of "not retained".
  const pending = new Set(plan?.pending ?? []);
  const requests = uncitedRequests(
    plan,
    inputs.submissions,
    findInputRoles(inputs.questionnaire),
    inputs.earlier,
  ).map((i) => ({
    key: answerKey(i.evidence),
    member: named(i.evidence.memberCode),
    role: t(`role.${i.evidence.role}`),
    topic: i.topic ? (topicLabel.get(i.topic) ?? "") : "",
    words: i.words.map((w) => w.text).join(" · "),
    pending: pending.has(answerKey(i.evidence)),
  }));
  const activityView = (a: Activity, number: number) => {
    const formId = `activity:${a.id}`;
    return {
      id: a.id,
      number,
      title: text(a.title, lang),
      kindLabel: t(`kind.${a.kind}`),
      description: text(a.description, lang),
      place: a.place === TO_BE_DEFINED ? t("to-be-defined") : text(a.place, lang),
      date: a.date === TO_BE_DEFINED ? t("to-be-defined") : text(a.date, lang),
      hosts: a.hosts.map(named).join(", "),
      responsible: a.responsible.map(named).join(", "),
      serves: a.serves.map((id) => topicLabel.get(id) ?? id),
      funding: a.funding.map((l) => ({
        source: l.source === "project" ? (l.project ?? "") : t(`source.${l.source}`),
        amount: l.money ? money(lang, l.money) : t("in-kind"),
        member: l.memberCode ? named(l.memberCode) : "",
      })),
      first: number === 1,
      last: number === plan?.activities.length,
      up: number - 2,
      down: number,
      evidence: supportersOf(a.evidence).map((s) => ({
        memberCode: s.memberCode,
        member: named(s.memberCode),
        receipts: s.submissions.map((x) => ({ code: x.receiptCode, version: x.version })),
        roles: s.roles.map((role) => t(`role.${role}`)).join(", "),
      })),
      form: formView(formId, a),
    };
  };
  const formView = (formId: string, a: Activity | undefined) => {
    const values = activityForm(a, typedFor(formId));
    const errors = errorsFor(formId);
    return {
      formId,
      prefix: formId.replace(":", "-"),
      activityId: a?.id ?? "",
      values,
      errors,
      hasErrors: Object.keys(errors).length > 0,
      kinds: kinds(values.kind),
      topics: topicChoices(values.serves),
      funding: values.funding.map((l, i) => ({
        ...l,
        i,
        n: i + 1,
        sources: [{ value: "", label: "—", selected: !l.source }, ...sources(l.source)],
        errors: {
          source: errors[`funding-${i}-source`],
          project: errors[`funding-${i}-project`],
          memberCode: errors[`funding-${i}-memberCode`],
          amount: errors[`funding-${i}-amount`],
          currency: errors[`funding-${i}-currency`],
        },
      })),
    };
  };

  const sectionsTyped = typedFor("sections");
  const contributionRows = sectionsTyped
    ? rowsOf(sectionsTyped.contributions)
    : (plan?.organisationContributions ?? []).map((c) => ({
        organisation: originalOf(c.organisation),
        text: originalOf(c.text),
      }));
  const fundTyped = typedFor("rial-fund");
  const fundRows = fundTyped
    ? rowsOf(fundTyped.fund)
    : (plan?.rialFundAvailable ?? []).map((m) => ({ amount: String(m.amount), currency: m.currency }));

  return r.render(
    "work-plan",
    {
      pageTitle: t("title"),
      campaignId,
      campaignTitle: inputs.campaign.title[lang],
      href: hrefOf(campaignId),
      campaignHref: `/console/campaigns/${encodeURIComponent(campaignId)}`,
      message: outcome.message,
      plan: plan && {
        edition: plan.edition,
        rev: plan.rev,
        draft,
        adopted: plan.status === "adopted",
        statusLabel: t(`status.${plan.status}`),
        basedOn: plan.basedOn,
        adoptedAt: plan.adoptedAt,
        adoptedBy: plan.adoptedBy,
        activities: plan.activities.map((a, i) => activityView(a, i + 1)),
        newActivity: formView("activity:new", undefined),
        initiatives: sectionsTyped
          ? String(sectionsTyped.initiatives ?? "")
          : plan.supportingInitiatives.map((i) => originalOf(i.text)).join("\n"),
        initiativesShown: plan.supportingInitiatives.map((i) => text(i.text, lang)),
        contributions: [...contributionRows, { organisation: "", text: "" }].map((c, i) => ({
          i,
          organisation: c.organisation ?? "",
          text: c.text ?? "",
        })),
        contributionsShown: plan.organisationContributions.map((c) => ({
          organisation: text(c.organisation, lang),
          text: text(c.text, lang),
        })),
        sectionsErrors: errorsFor("sections"),
        fund: [...fundRows, { amount: "", currency: "" }].map((m, i) => ({
          i,
          amount: m.amount ?? "",
          currency: m.currency ?? "",
          errors: {
            amount: errorsFor("rial-fund")[`fund-${i}-amount`],
            currency: errorsFor("rial-fund")[`fund-${i}-currency`],
          },
        })),
        fundErrors: errorsFor("rial-fund"),
        changes: [...plan.changes].reverse().map((c) => ({
          ...c,
          action: t(`change.${c.action}`),
        })),
      },
      editions: editions.map((e) => ({
        ...e,
        statusLabel: t(`status.${e.status}`),
        href: hrefOf(campaignId, `?edition=${e.edition}`),
        current: e.edition === plan?.edition,
      })),
      candidates:
        plan && draft
          ? openCandidates(inputs.candidates, plan).map(candidateView)
          : plan
            ? []
            : inputs.candidates.map(candidateView),
      requests: draft ? requests : [],
      allCandidates: inputs.candidates.map((c) => ({ id: c.id, title: text(c.title, lang) })),
      budget: budget && {
        columns: budget.columns.map((c) =>
          c.source === "project" ? (c.project ?? "") : t(`source.${c.source}`),
        ),
        rows: budget.rows.map((row) => ({
          number: row.number,
          title: text(row.title, lang),
          cells: row.cells.map((cell) => ({
            amounts: amounts(lang, cell.amounts),
            inKind: cell.inKind.length > 0 && cell.amounts.length === 0,
          })),
        })),
        totals: budget.totals.map((list) => amounts(lang, list)),
        total: amounts(lang, budget.total),
        rialFund: budget.rialFund.map((b) => ({
          currency: b.currency,
          available:
            b.available === undefined ? "—" : money(lang, { amount: b.available, currency: b.currency }),
          allocated: money(lang, { amount: b.allocated, currency: b.currency }),
          remaining:
            b.remaining === undefined ? "—" : money(lang, { amount: b.remaining, currency: b.currency }),
          overAllocated: b.overAllocated,
        })),
        pledges: budget.pledges.map((p) => ({
          member: named(p.memberCode),
          memberCode: p.memberCode,
          questionId: p.questionId,
          amount: money(lang, p.money),
          year: p.year,
          confirmed: p.status === "confirmed",
          statusLabel: t(`pledge.${p.status}`),
        })),
        pledgeTotals: budget.pledgeTotals.map((p) => ({
          statusLabel: t(`pledge.${p.status}`),
          amount: money(lang, p),
          count: p.count,
        })),
      },
      documents: LANGUAGES.map((l) => ({
        name: LANGUAGE_NAMES[l],
        lang: l,
        docx: hrefOf(campaignId, `/document?lang=${l}&format=docx`),
        html: hrefOf(campaignId, `/document?lang=${l}&format=html`),
      })),
    },
    outcome.status,
  );
};

const editionOf = (query: Record<string, string | undefined>) => {
  const n = Number.parseInt(query.edition ?? "", 10);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

const showPage = async (r: SignedInRequest, outcome?: Outcome, edition?: number) => {
  const campaignId = r.params.campaignId ?? "";
  const [plan, editions] = await Promise.all([
    r.ports.repository.getWorkPlan(campaignId, edition),
    r.ports.repository.listWorkPlanEditions(campaignId),
  ]);
  if (edition !== undefined && !plan)
    throw new NotFound("work_plan_not_found", `This campaign's Work Plan has no edition ${edition}`);
  const inputs = await loadInputs(r, campaignId, plan);
  return workPlanPage(r, inputs, plan, editions, outcome);
};

export const workPlanPageRoute: ConsolePage = {
  answer: (r) => showPage(r, undefined, editionOf(r.query)),
};

// --- Reading the forms -------------------------------------------------------------------------------

const codes = (value: string) =>
  value
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);

/** A typed text over the stored one: unchanged, it keeps its translations; changed, it is the new original. */
const typedText = (stored: FreeText | undefined, typed: string, lang: Language): FreeText | undefined => {
  const value = typed.trim();
  if (!value) return undefined;
  if (stored && stored.texts[stored.original] === value) return stored;
  return freeText(stored?.original ?? lang, value);
};

const amountOf = (raw: string | undefined, path: string, errors: FieldError[]) => {
  const value = (raw ?? "").trim().replace(/\s/g, "");
  if (!value) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) {
    errors.push({ path, code: "not_a_number" });
    return Number.NaN;
  }
  return n;
};

/** The posted activity form as an activity's fields, or field errors at `activity.<field>`. */
const readActivity = (
  form: Typed,
  stored: Activity | undefined,
  lang: Language,
  context: PlanInputs["context"],
) => {
  const s = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");
  const errors: FieldError[] = [];
  const funding = rowsOf(form.funding)
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => [l.source, l.project, l.memberCode, l.amount, l.currency].some((v) => v?.trim()))
    .map(({ l, i }) => {
      const amount = amountOf(l.amount, `activity.funding.${i}.money.amount`, errors);
      const currency = (l.currency ?? "").trim().toUpperCase();
      if (amount !== undefined && !currency)
        errors.push({ path: `activity.funding.${i}.money.currency`, code: "required" });
      return {
        index: i,
        line: {
          source: l.source ?? "",
          ...(l.project?.trim() ? { project: l.project.trim() } : {}),
          ...(l.memberCode?.trim() ? { memberCode: l.memberCode.trim().toUpperCase() } : {}),
          ...(amount !== undefined && !Number.isNaN(amount) ? { money: { amount, currency } } : {}),
        },
      };
    });
  const place = typedText(stored?.place === TO_BE_DEFINED ? undefined : stored?.place, s("place"), lang);
  const date = typedText(stored?.date === TO_BE_DEFINED ? undefined : stored?.date, s("date"), lang);
  const description = typedText(stored?.description, s("description"), lang);
  const input = {
    kind: s("kind"),
    title: typedText(stored?.title, s("title"), lang),
    ...(description ? { description } : {}),
    place: place ?? TO_BE_DEFINED,
    date: date ?? TO_BE_DEFINED,
    ...(s("starts").trim() ? { starts: s("starts").trim() } : {}),
    hosts: codes(s("hosts")),
    responsible: codes(s("responsible")),
    funding: funding.map((f) => f.line),
    serves: valuesOf(form.serves),
  };
  // Funding lines are numbered as the form numbers its rows, empty rows left out.
  const rowOf = (path: string) =>
    path.replace(
      /^activity\.funding\.(\d+)/,
      (_, n: string) => `activity.funding.${funding[Number(n)]?.index ?? n}`,
    );
  // Every mistake at once: a code naming no member is told beside its field with the form's other mistakes.
  for (const name of ["hosts", "responsible"] as const)
    input[name].forEach((code, i) => {
      if (!context.memberCodes.has(code))
        errors.push({ path: `activity.${name}.${i}`, code: "unknown_member" });
    });
  funding.forEach(({ line, index }) => {
    if (line.memberCode && !context.memberCodes.has(line.memberCode))
      errors.push({ path: `activity.funding.${index}.memberCode`, code: "unknown_member" });
  });
  let parsed: ReturnType<typeof ActivityInput.parse> | undefined;
  try {
    parsed = parseInput(ActivityInput, input, "activity");
  } catch (error) {
    if (!(error instanceof ValidationFailed)) throw error;
    errors.push(...error.fieldErrors.map((e) => ({ ...e, path: rowOf(e.path) })));
  }
  if (errors.length || !parsed) throw new ValidationFailed(errors);
  return parsed;
};

/** Where a field error is shown: the form field it names. */
const fieldOf = (path: string): string => {
  const p = path.replace(/^activities\.\d+\./, "activity.");
  const funding = /^activity\.funding\.(\d+)(?:\.(\w+))?(?:\.(\w+))?/.exec(p);
  if (funding) {
    const [, i, part = "source", sub] = funding;
    const name = part === "money" ? (sub === "currency" ? "currency" : "amount") : part;
    return `funding-${i}-${name}`;
  }
  const fund = /^rialFundAvailable\.(\d+)(?:\.(\w+))?/.exec(p);
  if (fund) return `fund-${fund[1]}-${fund[2] === "currency" ? "currency" : "amount"}`;
  if (p === "rialFundAvailable") return "fund-0-currency";
  const [, name = p] = /^activity\.(\w+)/.exec(p) ?? [];
  if (name === "evidence") return "evidence";
  return ACTIVITY_FIELDS.includes(name) || name === "serves" ? name : p.split(".")[0] || "form";
};

const wordsOf = (r: SignedInRequest, errors: FieldError[], where: (path: string) => string = fieldOf) => {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const key = where(e.path);
    if (out[key]) continue;
    out[key] = r.ports.views.translate(r.lang, `${AREA}.errors.${CODES.has(e.code) ? e.code : "invalid"}`, {
      max: "",
      min: "",
      ...(e.params ?? {}),
    });
  }
  return out;
};

const moneyRows = (rows: Record<string, string>[]) => {
  const errors: FieldError[] = [];
  const list = rows
    .map((row, i) => ({ row, i }))
    .filter(({ row }) => row.amount?.trim() || row.currency?.trim())
    .map(({ row, i }) => {
      const amount = amountOf(row.amount, `rialFundAvailable.${i}.amount`, errors);
      if (amount === undefined) errors.push({ path: `rialFundAvailable.${i}.amount`, code: "required" });
      const m = { amount: amount ?? 0, currency: (row.currency ?? "").trim().toUpperCase() };
      const checked = Money.safeParse(m);
      if (!Number.isNaN(m.amount) && !checked.success)
        for (const issue of checked.error.issues)
          errors.push({
            path: `rialFundAvailable.${i}.${String(issue.path[0] ?? "amount")}`,
            code: issue.path[0] === "currency" ? "currency" : "invalid",
          });
      return { m, i };
    });
  const seen = new Map<string, number>();
  for (const { m, i } of list) {
    if (seen.has(m.currency)) errors.push({ path: `rialFundAvailable.${i}.currency`, code: "duplicate" });
    seen.set(m.currency, i);
  }
  if (errors.length) throw new ValidationFailed(errors);
  return list.map(({ m }) => m);
};

// --- Acting on the plan ------------------------------------------------------------------------------

type Action = (r: SignedInRequest, edit: Edit, inputs: PlanInputs, plan: WorkPlan) => Promise<string | void>;

const activityAction: Action = async (r, edit, inputs, plan) => {
  const id = field(r.form, "activityId");
  const stored = id ? plan.activities.find((a) => a.id === id) : undefined;
  if (id && !stored) throw new NotFound("activity_not_found", `The Work Plan has no activity ${id}`);
  const typed = formOfActivity(r);
  const fields = readActivity(typed, stored, r.lang, inputs.context);
  const saved = await updateWorkPlan(ports(r), edit, (p, who) =>
    stored ? editActivity(p, stored.id, fields, who) : addActivity(p, fields, who),
  );
  return `#${stored?.id ?? saved.activities.at(-1)?.id ?? "activities"}`;
};

const candidatesAction: Action = async (r, edit, inputs) => {
  const kinds = entriesOf(r.form.kind);
  const titles = entriesOf(r.form.candidateTitle);
  const accept = field(r.form, "accept");
  const discard = field(r.form, "discard");
  const picked = valuesOf(r.form.pick);
  /** The Secretariat's edit of a candidate: the kind chosen, the title as retyped. */
  const edited = (c: Candidate, from = c.id) => {
    const title = typedText(c.title, titles[from] ?? "", r.lang);
    const changed = title && title !== c.title ? { title } : {};
    return Object.keys(changed).length ? editCandidate(c, changed) : c;
  };
  const kindOf = (id: string) => {
    const k = kinds[id];
    return (ACTIVITY_KINDS as readonly string[]).includes(k ?? "") ? (k as Activity["kind"]) : undefined;
  };
  if (discard) {
    await discardCandidateInPlan(ports(r), edit, candidateById(inputs.candidates, discard));
    return "#candidates";
  }
  const ids = accept ? [accept] : picked;
  if (!ids.length) throw new ValidationFailed([{ path: "candidates", code: "required" }]);
  if (!accept && ids.length < 2)
    throw new ValidationFailed([{ path: "candidates", code: "too_few", params: { min: 2 } }]);
  const first = ids[0] ?? "";
  const candidate = edited(candidateById(inputs.candidates, ids.join("+")), first);
  const kind = kindOf(first);
  const saved = await acceptCandidateInPlan(ports(r), edit, candidate, kind ? { kind } : {});
  return `#${saved.activities.at(-1)?.id ?? "activities"}`;
};

const sectionsAction: Action = async (r, edit, _inputs, plan) => {
  const lines = field(r.form, "initiatives")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const stored = new Map(plan.supportingInitiatives.map((i) => [originalOf(i.text), i]));
  const supportingInitiatives = lines.map((l) => stored.get(l) ?? { text: freeText(r.lang, l) });
  const storedContributions = plan.organisationContributions;
  const errors: FieldError[] = [];
  const rows = rowsOf(r.form.contributions);
  const organisationContributions = rows
    .map((row, i) => ({ row, i }))
    .filter(({ row }) => row.organisation?.trim() || row.text?.trim())
    .flatMap(({ row, i }) => {
      const before = storedContributions.find((c) => originalOf(c.organisation) === row.organisation?.trim());
      const organisation = typedText(before?.organisation, row.organisation ?? "", r.lang);
      const said = typedText(before?.text, row.text ?? "", r.lang);
      if (!organisation) errors.push({ path: `contributions.${i}.organisation`, code: "required" });
      if (!said) errors.push({ path: `contributions.${i}.text`, code: "required" });
      return organisation && said ? [{ organisation, text: said }] : [];
    });
  if (errors.length) throw new ValidationFailed(errors);
  await updateWorkPlan(ports(r), edit, (p, who) =>
    setFreeSections(p, { supportingInitiatives, organisationContributions }, who),
  );
  return "#sections";
};

const sectionField = (path: string) => {
  const m = /^contributions\.(\d+)\.(\w+)/.exec(path);
  return m ? `contribution-${m[1]}-${m[2]}` : "initiatives";
};

const ACTIONS: Record<string, Action> = {
  activity: activityAction,
  candidates: candidatesAction,
  sections: sectionsAction,
  "remove-activity": async (r, edit) => {
    await updateWorkPlan(ports(r), edit, (p, who) => removeActivity(p, field(r.form, "activityId"), who));
    return "#activities";
  },
  pending: async (r, edit) => {
    const key = field(r.form, "key");
    await updateWorkPlan(ports(r), edit, (p, who) =>
      setPending(p, [key], field(r.form, "pending") === "yes", who),
    );
    return "#requests";
  },
  "move-activity": async (r, edit) => {
    const id = field(r.form, "activityId");
    const position = Number.parseInt(field(r.form, "position"), 10);
    if (!Number.isInteger(position)) throw new ValidationFailed([{ path: "position", code: "invalid" }]);
    await updateWorkPlan(ports(r), edit, (p, who) => moveActivity(p, id, position, who));
    return `#${id}`;
  },
  "unlink-evidence": async (r, edit, _inputs, plan) => {
    const id = field(r.form, "activityId");
    const member = field(r.form, "memberCode");
    const keys = (plan.activities.find((a) => a.id === id)?.evidence ?? [])
      .filter((e) => e.memberCode === member)
      .map(evidenceKey);
    await updateWorkPlan(ports(r), edit, (p, who) => unlinkEvidence(p, id, keys, who));
    return `#${id}`;
  },
  "link-evidence": async (r, edit, inputs) => {
    const candidate = candidateById(inputs.candidates, field(r.form, "candidate"));
    const id = field(r.form, "activityId");
    await linkEvidenceInPlan(ports(r), edit, id, candidate.evidence);
    return `#${id}`;
  },
  "rial-fund": async (r, edit) => {
    const available = moneyRows(rowsOf(r.form.fund));
    await updateWorkPlan(ports(r), edit, (p, who) => setRialFundAvailable(p, available, who));
    return "#budget";
  },
  pledge: async (r, edit) => {
    const pledge = { memberCode: field(r.form, "memberCode"), questionId: field(r.form, "questionId") };
    await updateWorkPlan(ports(r), edit, (p, who) =>
      confirmPledge(p, pledge, field(r.form, "confirmed") === "yes", who),
    );
    return "#pledges";
  },
  adopt: async (r, edit) => {
    await adoptWorkPlan(ports(r), edit);
  },
};

/** Which form a failed post came from, so that form shows what was typed and its messages. */
const formOf = (r: SignedInRequest, action: string) =>
  action === "activity"
    ? `activity:${field(r.form, "activityId") || "new"}`
    : action === "rial-fund" || action === "sections"
      ? action
      : undefined;

const typedOf = (r: SignedInRequest, action: string): Typed | undefined =>
  action === "activity"
    ? formOfActivity(r)
    : action === "sections" || action === "rial-fund"
      ? r.form
      : undefined;

export const changeWorkPlan: ConsolePage = {
  answer: async (r) => {
    const campaignId = r.params.campaignId ?? "";
    const action = field(r.form, "action");
    const by = r.session.email;
    if (action === "create") {
      try {
        await createWorkPlan(ports(r), campaignId, by);
      } catch (error) {
        if (error instanceof ConsultaError && error.status === 409)
          return showPage(r, { status: 409, message: messageOf(r, error) });
        throw error;
      }
      r.did({ action: "created the Work Plan", target: campaignId });
      return redirect(hrefOf(campaignId));
    }
    if (action === "next-draft") {
      try {
        await startNextDraft(ports(r), campaignId, by);
      } catch (error) {
        if (error instanceof ConsultaError && error.status === 409)
          return showPage(r, { status: 409, message: messageOf(r, error) });
        throw error;
      }
      r.did({ action: "started a new Work Plan draft", target: campaignId });
      return redirect(hrefOf(campaignId));
    }
    const run = ACTIONS[action];
    if (!run) throw new ValidationFailed([{ path: "action", code: "invalid_choice" }]);
    const plan = await r.ports.repository.getWorkPlan(campaignId);
    if (!plan) throw new NotFound("work_plan_not_found", "This campaign has no Work Plan yet");
    const inputs = await loadInputs(r, campaignId, plan);
    const baseRev = Number.parseInt(field(r.form, "rev"), 10);
    const edit: Edit = {
      campaignId,
      baseRev: Number.isInteger(baseRev) ? baseRev : 0,
      by,
      context: inputs.context,
    };
    try {
      const anchor = await run(r, edit, inputs, plan);
      r.did({ action: `work plan: ${action}`, target: campaignId });
      return redirect(`${hrefOf(campaignId)}${anchor ?? ""}`);
    } catch (error) {
      if (!(error instanceof ConsultaError) || error.status >= 500 || error.status === 404) throw error;
      const form = formOf(r, action);
      const fresh = (await r.ports.repository.getWorkPlan(campaignId)) ?? plan;
      const editions = await r.ports.repository.listWorkPlanEditions(campaignId);
      if (error instanceof ValidationFailed) {
        const errors = wordsOf(r, error.fieldErrors, action === "sections" ? sectionField : fieldOf);
        return workPlanPage(r, inputs, fresh, editions, {
          status: 400,
          message: r.ports.views.translate(r.lang, `${AREA}.invalid`),
          form: form ?? "candidates",
          typed: typedOf(r, action),
          errors,
        });
      }
      return workPlanPage(r, inputs, fresh, editions, {
        status: error.status === 409 ? 409 : 400,
        message: messageOf(r, error),
        form,
        typed: typedOf(r, action),
      });
    }
  },
};

const MESSAGES = new Set([
  "work_plan_changed",
  "work_plan_adopted",
  "work_plan_exists",
  "work_plan_draft_exists",
  "candidate_taken",
  "candidate_not_found",
]);

const messageOf = (r: SignedInRequest, error: ConsultaError) =>
  r.ports.views.translate(
    r.lang,
    `${AREA}.conflict.${MESSAGES.has(error.code) ? error.code : "other"}`,
    error.details as Record<string, unknown>,
  );
