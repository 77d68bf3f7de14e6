// Evidence: what each member asked, offered or pledged in one kept submission, and the links that cite it.
//
// A link names the member, the question, the scored item or the entry of a repeatable group, and the
// submission's version and receipt code: the annex can then cite exactly which text supports an
// activity, and a later submission cannot silently change what was cited.
import { countedAnswers } from "../prefill.ts";
import * as z from "zod";
import { MemberCode } from "../directory.ts";
import type { FieldError } from "../errors.ts";
import type { Answers, GroupItem, Money } from "../questionnaire/answers.ts";
import type { Questionnaire, SimpleQuestion } from "../questionnaire/definition.ts";
import { findRoles, type QuestionOf, type ReportRoles } from "../report/roles.ts";
import type { ResponseVersion } from "../responses.ts";

export const EVIDENCE_ROLES = [
  "topic-score",
  "topic-ranking",
  "activity-proposal",
  "hosting-offer",
  "pledge",
  "in-kind",
  "cooperation-need",
  "cooperation-offer",
] as const;
export const EvidenceRole = z.enum(EVIDENCE_ROLES);
export type EvidenceRole = z.infer<typeof EvidenceRole>;

/** What a member's own outcome lists: what it proposed, offered or pledged, not how it scored topics. */
export const REQUEST_ROLES: readonly EvidenceRole[] = [
  "activity-proposal",
  "hosting-offer",
  "pledge",
  "in-kind",
  "cooperation-need",
  "cooperation-offer",
];

const Ref = z.string().min(1).max(100);

export const Evidence = z
  .strictObject({
    memberCode: MemberCode,
    role: EvidenceRole,
    questionId: Ref,
    /** The scored or ranked item (a topic), for topic scores and rankings. */
    itemId: Ref.optional(),
    /** The entry of a repeatable group, from 1, as the report numbers them. */
    entry: z.int().min(1).max(1000).optional(),
    version: z.int().min(1),
    receiptCode: z.string().min(1).max(40),
  })
  .refine((e) => !(e.itemId !== undefined && e.entry !== undefined), {
    params: { code: "item_or_entry" },
    path: ["entry"],
  });
export type Evidence = z.infer<typeof Evidence>;

/** Which answer a link names, whatever submission it was read from. */
export const answerKey = (e: Pick<Evidence, "memberCode" | "questionId" | "itemId" | "entry">) =>
  `${e.memberCode}/${e.questionId}/${e.itemId ?? ""}/${e.entry ?? ""}`;

/** Which answer of which submission a link names: two links to the same text are one. */
export const evidenceKey = (e: Evidence) => `${answerKey(e)}@${e.version}`;

/** Links in order, each once: the first of any duplicate is kept. */
export const uniqueEvidence = (links: readonly Evidence[]): Evidence[] => {
  const seen = new Set<string>();
  return links.filter((e) => {
    const key = evidenceKey(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** A member's own words in one field of an answer, quoted as written. */
export type Words = { field: string; text: string };

/** One thing a member said in one submission, as a link can cite it. */
export type MemberInput = {
  evidence: Evidence;
  /** The Plan of Action topic it is about, when it names one. */
  topic: string | undefined;
  words: Words[];
  score?: number;
  money?: Money;
  year?: number;
  /** Option ids picked (what a host provides, what is given in kind). */
  picks?: string[];
};

type Group = QuestionOf<"group">;
type FieldOf<T extends SimpleQuestion["type"]> = Extract<SimpleQuestion, { type: T }>;

/** The group where members propose activities: entries with a title and a Plan of Action topic. */
export type ProposalRoles = {
  question: Group;
  topic: FieldOf<"single-choice">;
  title: SimpleQuestion | undefined;
};

export type InputRoles = ReportRoles & { proposals: ProposalRoles | undefined; topicIds: string[] };

const sameIds = (a: { id: string }[], b: { id: string }[]) =>
  a.length === b.length && a.every((item, i) => item.id === b[i]?.id);

/**
 * The report's roles, and the proposals group the report shows as a plain table: a group, neither
 * hosting nor cooperation, whose single-choice field picks one of the priority topics.
 */
export const findInputRoles = (q: Questionnaire): InputRoles => {
  const roles = findRoles(q);
  const topics = roles.priorityScale?.items ?? [];
  const taken = new Set(
    [roles.hostingOffers, roles.cooperation?.needs, roles.cooperation?.offers].flatMap((g) =>
      g ? [g.id] : [],
    ),
  );
  const candidates = q.sections
    .flatMap((s) => s.questions)
    .filter((x): x is Group => x.type === "group" && !taken.has(x.id))
    .flatMap((question) => {
      const topic = question.fields.find(
        (f): f is FieldOf<"single-choice"> =>
          f.type === "single-choice" && topics.length > 0 && sameIds(f.options, topics),
      );
      return topic ? [{ question, topic }] : [];
    });
  const chosen = candidates.find((c) => c.question.id === "activity-proposals") ?? candidates[0];
  const texts = (g: Group) => g.fields.filter((f) => f.type === "short-text" || f.type === "long-text");
  const proposals = chosen && {
    ...chosen,
    title: texts(chosen.question).find((f) => f.id === "title") ?? texts(chosen.question)[0],
  };
  return { ...roles, proposals, topicIds: topics.map((t) => t.id) };
};

const entries = (answers: Answers, id: string | undefined): GroupItem[] => {
  const value = id ? answers[id] : undefined;
  return Array.isArray(value) ? (value as GroupItem[]) : [];
};

const wordsOf = (item: GroupItem, fields: SimpleQuestion[]): Words[] =>
  fields.flatMap((f) => {
    const value = item[f.id];
    return (f.type === "short-text" || f.type === "long-text") && typeof value === "string" && value.trim()
      ? [{ field: f.id, text: value }]
      : [];
  });

const picksOf = (item: GroupItem, fields: SimpleQuestion[]) =>
  fields.flatMap((f) => {
    const value = item[f.id];
    return f.type === "multiple-choice" && Array.isArray(value) ? (value as string[]) : [];
  });

const topicOf = (item: GroupItem, field: SimpleQuestion | undefined) => {
  const value = field ? item[field.id] : undefined;
  return typeof value === "string" ? value : undefined;
};

/**
 * Everything one submission says that a Work Plan can cite, in the questionnaire's order: each
 * scored topic, each ranked topic, each entry of the proposals, hosting and cooperation groups, the
 * pledge and the in-kind offer. The words are the member's own, never rephrased.
 */
export const inputsOf = (submission: ResponseVersion, roles: InputRoles): MemberInput[] => {
  // What the report counts: an answer carried over from last cycle and never confirmed is no input.
  const answers = countedAnswers(submission);
  const out: MemberInput[] = [];
  const link = (role: EvidenceRole, questionId: string, at: { itemId?: string; entry?: number } = {}) =>
    ({
      memberCode: submission.memberCode,
      role,
      questionId,
      ...at,
      version: submission.version,
      receiptCode: submission.receiptCode,
    }) satisfies Evidence;

  if (roles.priorityScale) {
    const scores = answers[roles.priorityScale.id];
    const scored = scores && typeof scores === "object" && !Array.isArray(scores) ? scores : {};
    for (const item of roles.priorityScale.items) {
      const score = (scored as Record<string, unknown>)[item.id];
      if (typeof score === "number")
        out.push({
          evidence: link("topic-score", roles.priorityScale.id, { itemId: item.id }),
          topic: item.id,
          words: [],
          score,
        });
    }
  }
  if (roles.priorityRanking) {
    const picks = answers[roles.priorityRanking.id];
    for (const id of new Set(Array.isArray(picks) ? (picks as string[]) : []))
      out.push({
        evidence: link("topic-ranking", roles.priorityRanking.id, { itemId: id }),
        topic: id,
        words: [],
      });
  }
  const group = (role: EvidenceRole, question: Group | undefined, topic?: SimpleQuestion) => {
    if (!question) return;
    for (const [i, item] of entries(answers, question.id).entries()) {
      const picks = picksOf(item, question.fields);
      out.push({
        evidence: link(role, question.id, { entry: i + 1 }),
        topic: topicOf(item, topic),
        words: wordsOf(item, question.fields),
        ...(picks.length ? { picks } : {}),
      });
    }
  };
  group("activity-proposal", roles.proposals?.question, roles.proposals?.topic);
  group("hosting-offer", roles.hostingOffers);
  for (const { money, year } of roles.pledges) {
    const value = answers[money.id] as Money | undefined;
    if (!value || typeof value.amount !== "number") continue;
    const y = year ? answers[year.id] : undefined;
    out.push({
      evidence: link("pledge", money.id),
      topic: undefined,
      words: [],
      money: { amount: value.amount, currency: value.currency },
      ...(typeof y === "number" ? { year: y } : {}),
    });
  }
  if (roles.inKind) {
    const picks = answers[roles.inKind.offer.id];
    if (Array.isArray(picks) && picks.length) {
      const details = roles.inKind.details ? answers[roles.inKind.details.id] : undefined;
      out.push({
        evidence: link("in-kind", roles.inKind.offer.id),
        topic: undefined,
        words:
          typeof details === "string" && details.trim()
            ? [{ field: roles.inKind.details?.id ?? "", text: details }]
            : [],
        picks: picks as string[],
      });
    }
  }
  group("cooperation-need", roles.cooperation?.needs, roles.cooperation?.needTopic);
  group("cooperation-offer", roles.cooperation?.offers, roles.cooperation?.offerTopic);
  return out;
};

/** Every citable input of the given submissions, by evidence key: what a link may name. */
export const indexInputs = (submissions: readonly ResponseVersion[], roles: InputRoles) => {
  const index = new Map<string, MemberInput>();
  for (const s of submissions)
    for (const input of inputsOf(s, roles)) index.set(evidenceKey(input.evidence), input);
  return index;
};

/**
 * Links that name no kept answer, or name it with another receipt code or role, as field errors at
 * `path`: a link must cite what was submitted, so the annex never cites a text that does not exist.
 */
export const evidenceErrors = (
  links: readonly Evidence[],
  index: ReadonlyMap<string, MemberInput>,
  path: string,
): FieldError[] =>
  links.flatMap((link, i) => {
    const found = index.get(evidenceKey(link));
    if (!found) return [{ path: `${path}.${i}`, code: "evidence_not_found" }];
    if (found.evidence.receiptCode !== link.receiptCode || found.evidence.role !== link.role)
      return [{ path: `${path}.${i}`, code: "evidence_mismatch" }];
    return [];
  });

/** One supporting member of an activity: the submissions cited, each with its receipt code. */
export type Supporter = {
  memberCode: string;
  submissions: { version: number; receiptCode: string }[];
  roles: EvidenceRole[];
  links: number;
};

/**
 * The members whose inputs support an activity, for the annex: in the order the links were made
 * (the console lists them as the Secretariat linked them), each submission and role once.
 */
export const supportersOf = (links: readonly Evidence[]): Supporter[] => {
  const byMember = new Map<string, Supporter>();
  for (const e of links) {
    const s = byMember.get(e.memberCode) ?? {
      memberCode: e.memberCode,
      submissions: [],
      roles: [],
      links: 0,
    };
    if (!s.submissions.some((x) => x.version === e.version))
      s.submissions.push({ version: e.version, receiptCode: e.receiptCode });
    if (!s.roles.includes(e.role)) s.roles.push(e.role);
    s.links++;
    byMember.set(e.memberCode, s);
  }
  return [...byMember.values()];
};
