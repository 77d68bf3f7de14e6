// The Work Plan of one cycle: activities with their funding and evidence, drafted, then adopted for good.
//
// Shaped on the 2018-2020 IACML Work Plan: each activity has a title, a kind, a description, a place
// and a date (or "to be defined"), hosts and responsible members, funding lines by source, and the
// Plan of Action paragraphs it serves; beside them, supporting initiatives and the contributions of
// international organisations. Every change is a pure function from plan to plan, logged in `changes`.
import * as z from "zod";
import { MemberCode } from "../directory.ts";
import { Conflict, ValidationFailed, type FieldError } from "../errors.ts";
import { Language } from "../languages.ts";
import { MAX_NUMBER } from "../questionnaire/answers.ts";
import { answerKey, Evidence, evidenceErrors, type MemberInput } from "./evidence.ts";

/**
 * A text written in one language, translated into others over time: a draft may lack languages,
 * and the original is always kept beside its translations.
 */
export const FreeText = z
  .strictObject({
    original: Language,
    texts: z.partialRecord(Language, z.string().trim().min(1).max(5000)),
  })
  .refine((t) => t.texts[t.original] !== undefined, {
    params: { code: "original_required" },
    path: ["texts"],
  });
export type FreeText = z.infer<typeof FreeText>;

export const freeText = (original: Language, text: string): FreeText => ({
  original,
  texts: { [original]: text },
});

/**
 * A free text as a reader of `lang` gets it: their language when translated, else the original,
 * flagged so the document can say it is shown as written.
 */
export const readIn = (
  text: FreeText,
  lang: Language,
): { text: string; lang: Language; original: boolean } => {
  const translated = text.texts[lang];
  return translated !== undefined
    ? { text: translated, lang, original: lang === text.original }
    : { text: text.texts[text.original] ?? "", lang: text.original, original: true };
};

export const ACTIVITY_KINDS = [
  "working-group-meeting",
  "rial-workshop",
  "study",
  "virtual-meeting",
  "bilateral-cooperation-call",
  "ministerial-or-preparatory-meeting",
  "other",
] as const;
export const ActivityKind = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const FUNDING_SOURCES = ["rial-fund", "project", "host-in-kind", "oas", "other"] as const;
export const FundingSource = z.enum(FUNDING_SOURCES);
export type FundingSource = z.infer<typeof FundingSource>;

/** Whole cents: money is added in cents so that sums never drift. */
export const Amount = z
  .number()
  .min(0)
  .max(MAX_NUMBER)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { params: { code: "too_many_decimals" } });

export const Money = z.strictObject({ amount: Amount, currency: z.string().regex(/^[A-Z]{3}$/) });
export type Money = z.infer<typeof Money>;

/**
 * One source paying for part of an activity. The RIAL Fund and a named project always say how much;
 * a host in kind, the OAS or another source may give no amount, as the seed's "En especie" column.
 */
export const FundingLine = z
  .strictObject({
    source: FundingSource,
    /** The project's name, e.g. "Proyecto de Canadá para la RIAL": one budget column per project. */
    project: z.string().trim().min(1).max(200).optional(),
    /** The member giving in kind, or paying as host. */
    memberCode: MemberCode.optional(),
    money: Money.optional(),
    note: FreeText.optional(),
  })
  .superRefine((line, ctx) => {
    if (line.source === "project" && !line.project)
      ctx.addIssue({ code: "custom", path: ["project"], params: { code: "required" } });
    if (line.source !== "project" && line.project)
      ctx.addIssue({ code: "custom", path: ["project"], params: { code: "project_only" } });
    if ((line.source === "rial-fund" || line.source === "project") && !line.money)
      ctx.addIssue({ code: "custom", path: ["money"], params: { code: "required" } });
  });
export type FundingLine = z.infer<typeof FundingLine>;

export const TO_BE_DEFINED = "to-be-defined" as const;
const OrToBeDefined = z.union([z.literal(TO_BE_DEFINED), FreeText]);

export const ActivityId = z.string().regex(/^a[1-9][0-9]*$/);

export const Activity = z.strictObject({
  id: ActivityId,
  kind: ActivityKind,
  title: FreeText,
  description: FreeText.optional(),
  place: OrToBeDefined,
  date: OrToBeDefined,
  /** Sorts the calendar: the first day or month the date names, e.g. 2027-05 or 2027-05-06. */
  starts: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    .optional(),
  hosts: z.array(MemberCode).max(40),
  responsible: z.array(MemberCode).max(40),
  funding: z.array(FundingLine).max(50),
  /** Plan of Action topics (paragraphs 6 and 8 of Buenos Aires), as the questionnaire lists them. */
  serves: z.array(z.string().min(1).max(100)).max(40),
  evidence: z.array(Evidence).max(2000),
  /** The candidates it was made from: never proposed again. */
  fromCandidates: z.array(z.string().min(1).max(2000)).max(100),
});
export type Activity = z.infer<typeof Activity>;

/** A bullet of a free section (supporting initiatives), or an organisation's contribution. */
export const Initiative = z.strictObject({ text: FreeText });
export const OrganisationContribution = z.strictObject({ organisation: FreeText, text: FreeText });

export const Change = z.strictObject({
  rev: z.int().min(1),
  at: z.string(),
  by: z.string().min(1).max(320),
  action: z.string().min(1).max(60),
  target: z.string().max(2000).optional(),
  /** What changed, briefly: the fields edited, the links added. */
  detail: z.string().max(2000).optional(),
});
export type Change = z.infer<typeof Change>;

/** A pledge the questionnaire recorded, which the Secretariat has confirmed as received or committed. */
export const PledgeConfirmation = z.strictObject({
  memberCode: MemberCode,
  questionId: z.string().min(1).max(100),
  at: z.string(),
  by: z.string().min(1).max(320),
});
export type PledgeConfirmation = z.infer<typeof PledgeConfirmation>;

export const WorkPlan = z.strictObject({
  campaignId: z.string().min(1),
  /** 1 for the first plan of the cycle; a new draft after adoption is the next edition. */
  edition: z.int().min(1),
  /** Bumped on every write: a write names the revision it was based on. */
  rev: z.int().min(1),
  status: z.enum(["draft", "adopted"]),
  basedOn: z.int().min(1).optional(),
  activities: z.array(Activity).max(200),
  supportingInitiatives: z.array(Initiative).max(100),
  organisationContributions: z.array(OrganisationContribution).max(100),
  /** What the RIAL Fund has available, per currency, as the Secretariat enters it. */
  rialFundAvailable: z.array(Money).max(10),
  pledgeConfirmations: z.array(PledgeConfirmation).max(200),
  discardedCandidates: z.array(z.string().min(1).max(2000)).max(2000),
  /** Requests still under consideration after adoption: their members see "pending", not "not retained". */
  pending: z.array(z.string().min(1).max(300)).max(2000),
  nextActivity: z.int().min(1),
  createdAt: z.string(),
  createdBy: z.string(),
  adoptedAt: z.string().optional(),
  adoptedBy: z.string().optional(),
  changes: z.array(Change),
});
export type WorkPlan = z.infer<typeof WorkPlan>;

/** A new activity as the console sends it: the id, evidence and origin are the plan's to set. */
export const ActivityInput = Activity.omit({ id: true, evidence: true, fromCandidates: true });
/** An edit as the console sends it: only the fields it changes. */
export const ActivityEditInput = ActivityInput.partial();

/** Input checked at the edge: every problem a field error at `path`, in the form's codes. */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown, path: string): z.output<S> => {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ValidationFailed(fieldErrors(parsed.error, path));
  return parsed.data;
};

/** Who did something, and when. */
export type Actor = { by: string; at: string };

export const emptyWorkPlan = (campaignId: string, who: Actor): WorkPlan => ({
  campaignId,
  edition: 1,
  rev: 1,
  status: "draft",
  activities: [],
  supportingInitiatives: [],
  organisationContributions: [],
  rialFundAvailable: [],
  pledgeConfirmations: [],
  discardedCandidates: [],
  pending: [],
  nextActivity: 1,
  createdAt: who.at,
  createdBy: who.by,
  changes: [{ rev: 1, at: who.at, by: who.by, action: "created" }],
});

/** The members, topics and kept answers a plan may name. */
export type PlanContext = {
  memberCodes: ReadonlySet<string>;
  topicIds: ReadonlySet<string>;
  /** Citable inputs by evidence key (evidence.ts indexInputs). */
  inputs: ReadonlyMap<string, MemberInput>;
};

/** Every place where an activity names something that does not exist, as field errors. */
export const activityErrors = (a: Activity, context: PlanContext, path = "activity"): FieldError[] => [
  ...[
    ...a.hosts.map((c, i) => ["hosts", c, i] as const),
    ...a.responsible.map((c, i) => ["responsible", c, i] as const),
  ]
    .filter(([, code]) => !context.memberCodes.has(code))
    .map(([field, , i]) => ({ path: `${path}.${field}.${i}`, code: "unknown_member" })),
  ...a.funding.flatMap((line, i) =>
    line.memberCode && !context.memberCodes.has(line.memberCode)
      ? [{ path: `${path}.funding.${i}.memberCode`, code: "unknown_member" }]
      : [],
  ),
  ...a.serves.flatMap((id, i) =>
    context.topicIds.has(id) ? [] : [{ path: `${path}.serves.${i}`, code: "unknown_topic" }],
  ),
  ...evidenceErrors(a.evidence, context.inputs, `${path}.evidence`),
];

/** Everything a plan names that the campaign does not hold: members, topics, answers, pledges. */
const planErrors = (plan: WorkPlan, context: PlanContext): FieldError[] => {
  const requests = new Set<string>();
  const pledges = new Set<string>();
  for (const input of context.inputs.values()) {
    requests.add(answerKey(input.evidence));
    if (input.evidence.role === "pledge")
      pledges.add(`${input.evidence.memberCode}/${input.evidence.questionId}`);
  }
  return [
    ...plan.activities.flatMap((a, i) => activityErrors(a, context, `activities.${i}`)),
    ...plan.pledgeConfirmations.flatMap((c, i) =>
      pledges.has(`${c.memberCode}/${c.questionId}`)
        ? []
        : [{ path: `pledgeConfirmations.${i}`, code: "pledge_not_found" }],
    ),
    ...plan.pending.flatMap((key, i) =>
      requests.has(key) ? [] : [{ path: `pending.${i}`, code: "request_not_found" }],
    ),
  ];
};

/** A schema's complaints as field errors, in the codes the form's messages already translate. */
export const fieldErrors = (error: z.ZodError, prefix = ""): FieldError[] =>
  error.issues.map((i): FieldError => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join(".");
    const custom = (i as { params?: Record<string, string | number> }).params;
    if (i.code === "custom" && typeof custom?.code === "string") return { path, code: custom.code };
    // Parsed with `reportInput`: a field sent without a value is missing, whatever it should have been.
    if (i.input === undefined) return { path, code: "required" };
    switch (i.code) {
      case "invalid_type":
        return { path, code: "invalid" };
      case "too_big":
        return {
          path,
          code: i.origin === "string" ? "too_long" : i.origin === "array" ? "too_many" : "too_high",
          params: { max: Number(i.maximum) },
        };
      case "too_small":
        return i.origin === "string" && Number(i.minimum) === 1
          ? { path, code: "required" }
          : { path, code: i.origin === "array" ? "too_few" : "too_low", params: { min: Number(i.minimum) } };
      case "invalid_value":
      case "invalid_union":
        return { path, code: "invalid_choice" };
      default:
        return { path, code: "invalid" };
    }
  });

/**
 * A stored plan is one DynamoDB item (400 KB at most): a plan that would not fit is refused while
 * it is edited, with room left for the item's keys and attribute names.
 */
export const WORK_PLAN_MAX_BYTES = 350_000;

/** A plan read back or about to be written, checked against its schema and its context. */
export const checkWorkPlan = (plan: WorkPlan, context?: PlanContext): WorkPlan => {
  const parsed = WorkPlan.safeParse(plan, { reportInput: true });
  if (!parsed.success) throw new ValidationFailed(fieldErrors(parsed.error));
  const errors = context ? planErrors(parsed.data, context) : [];
  const bytes = Buffer.byteLength(JSON.stringify(parsed.data));
  if (bytes > WORK_PLAN_MAX_BYTES)
    errors.push({ path: "", code: "work_plan_too_large", params: { max: WORK_PLAN_MAX_BYTES, bytes } });
  if (errors.length) throw new ValidationFailed(errors);
  return parsed.data;
};

/** Refuses any change to an adopted plan: it is the record of what the meeting decided. */
export const assertDraft = (plan: WorkPlan) => {
  if (plan.status !== "draft")
    throw new Conflict(
      "work_plan_adopted",
      `Edition ${plan.edition} of this Work Plan is adopted and cannot change`,
      {
        edition: plan.edition,
      },
    );
};
