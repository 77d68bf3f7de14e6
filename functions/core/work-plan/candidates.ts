// Candidate activities proposed from the compiled inputs by fixed rules, for the Secretariat to weigh.
//
// The rules never write text: a candidate's title is either the questionnaire's own label of a Plan
// of Action topic (in all four languages) or one member's words, attributed; everything else members
// wrote comes as quotes beside it. The same inputs give the same candidates in the same order.
// The Secretariat accepts, edits, merges or discards them (the pure operations below).
import type { Member } from "../directory.ts";
import type { Language, LocalizedText } from "../languages.ts";
import type { Questionnaire, RespondentGroup } from "../questionnaire/definition.ts";
import type { InputsReport } from "../report/model.ts";
import type { ResponseVersion } from "../responses.ts";
import { findInputRoles, inputsOf, type Evidence, type InputRoles, type MemberInput } from "./evidence.ts";
import { freeText, type ActivityKind, type FreeText, type FundingLine } from "./work-plan.ts";

export const CANDIDATE_RULES = ["top-topic", "proposals", "hosting", "cooperation"] as const;
export type CandidateRule = (typeof CANDIDATE_RULES)[number];

/** A member's own words, quoted with who wrote them, in which language, and from which answer. */
export type Quote = {
  memberCode: string;
  member: string;
  lang: Language;
  field: string;
  text: string;
  evidence: Evidence;
};

/** How one respondent group placed a topic: the rule's reason, shown beside the candidate. */
export type GroupStanding = {
  group: RespondentGroup;
  rank: number;
  average: number;
  count: number;
  topCount: number;
};

export type Candidate = {
  /** Stable for the same inputs: `topic:<id>`, `proposals:<topic>`, `host:<member>:<entry>`, … */
  id: string;
  rule: CandidateRule;
  /** The rule-made candidates this one stands for: one, or several once merged. */
  sources: string[];
  /** Where the title comes from: the questionnaire's topic label, or one member's words. */
  titleFrom: { topic: string } | { memberCode: string };
  title: FreeText;
  kind: ActivityKind | undefined;
  serves: string[];
  hosts: string[];
  responsible: string[];
  place: FreeText | undefined;
  date: FreeText | undefined;
  funding: FundingLine[];
  standings: (GroupStanding & { topic: string })[];
  quotes: Quote[];
  evidence: Evidence[];
  edited: boolean;
};

export type CandidateInputs = {
  report: InputsReport;
  questionnaire: Questionnaire;
  /** The kept submissions: those the report counted (same member and version) are read. */
  submissions: readonly ResponseVersion[];
  /** The directory: the language each member writes in, and its name as a place in every language. */
  members: readonly Member[];
};

export type CandidateOptions = { topPerGroup?: number };

type Counted = { submission: ResponseVersion; member: string; group: RespondentGroup; inputs: MemberInput[] };

/**
 * The submissions the report counted, in the report's order (group, then name), each read once.
 * A counted submission missing from the list is a caller's mistake: candidates would cite nothing.
 */
const countedInputs = (input: CandidateInputs, roles: InputRoles): Counted[] => {
  const byKey = new Map(input.submissions.map((s) => [`${s.memberCode}@${s.version}`, s]));
  return input.report.respondents.map((r) => {
    const submission = byKey.get(`${r.code}@${r.version}`);
    if (!submission)
      throw new Error(`Submission ${r.version} of ${r.code}, counted by the report, was not given`);
    return { submission, member: r.member, group: r.group, inputs: inputsOf(submission, roles) };
  });
};

const localized = (label: LocalizedText, original: Language): FreeText => ({ original, texts: { ...label } });

const blank = (
  id: string,
  rule: CandidateRule,
  title: FreeText,
  titleFrom: Candidate["titleFrom"],
): Candidate => ({
  id,
  rule,
  sources: [id],
  titleFrom,
  title,
  kind: undefined,
  serves: [],
  hosts: [],
  responsible: [],
  place: undefined,
  date: undefined,
  funding: [],
  standings: [],
  quotes: [],
  evidence: [],
  edited: false,
});

export const unique = <T>(list: Iterable<T>) => [...new Set(list)];

/** What every rule reads: the counted inputs, the topics in the questionnaire's order, the directory. */
type Rules = ReturnType<typeof ruleContext>;

const ruleContext = (input: CandidateInputs) => {
  const { report } = input;
  const roles = findInputRoles(input.questionnaire);
  const counted = countedInputs(input, roles);
  const directory = new Map(input.members.map((m) => [m.code, m]));
  const langOf = (code: string): Language => directory.get(code)?.language ?? report.lang;
  const topicItems = roles.priorityScale?.items ?? [];
  const topicLabel = new Map(topicItems.map((t) => [t.id, t.label]));
  const topicOrder = new Map(topicItems.map((t, i) => [t.id, i]));
  return {
    report,
    roles,
    counted,
    directory,
    langOf,
    isTopic: (id: string | undefined): id is string => id !== undefined && topicLabel.has(id),
    byTopicOrder: (a: string, b: string) =>
      (topicOrder.get(a) ?? Infinity) - (topicOrder.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0),
    topicTitle: (topic: string) => {
      const label = topicLabel.get(topic);
      return label && localized(label, report.lang);
    },
    quotesOf: (c: Counted, input: MemberInput): Quote[] =>
      input.words.map((w) => ({
        memberCode: c.submission.memberCode,
        member: c.member,
        lang: langOf(c.submission.memberCode),
        field: w.field,
        text: w.text,
        evidence: input.evidence,
      })),
    ofRole: (role: MemberInput["evidence"]["role"]) =>
      counted.flatMap((c) => c.inputs.filter((i) => i.evidence.role === role).map((input) => ({ c, input }))),
  };
};

/**
 * 1. The topics each group placed highest, one candidate per topic whichever groups placed it:
 * first those some group placed first, then second, …; ties in the questionnaire's order.
 */
const topTopics = (rules: Rules, topPerGroup: number): Candidate[] => {
  const standings = new Map<string, GroupStanding[]>();
  for (const { group, answered } of rules.report.groups) {
    if (!answered) continue;
    const ranked = rules.report.topics
      .filter((t) => t.byGroup[group].count > 0)
      .sort(
        (a, b) =>
          (b.byGroup[group].average ?? 0) - (a.byGroup[group].average ?? 0) ||
          b.byGroup[group].topCount - a.byGroup[group].topCount ||
          a.number - b.number,
      )
      .slice(0, topPerGroup);
    for (const [i, t] of ranked.entries()) {
      const { average, count, topCount } = t.byGroup[group];
      standings.set(t.id, [
        ...(standings.get(t.id) ?? []),
        { group, rank: i + 1, average: average ?? 0, count, topCount },
      ]);
    }
  }
  const best = (topic: string) => Math.min(...(standings.get(topic) ?? []).map((s) => s.rank));
  const topics = [...standings.keys()].sort((a, b) => best(a) - best(b) || rules.byTopicOrder(a, b));
  return topics.flatMap((topic) => {
    const title = rules.topicTitle(topic);
    if (!title) return [];
    const groups = standings.get(topic) ?? [];
    const averageOf = new Map(groups.map((g) => [g.group, g.average]));
    const candidate = blank(`topic:${topic}`, "top-topic", title, { topic });
    candidate.serves = [topic];
    candidate.standings = groups.map((g) => ({ ...g, topic }));
    // A member supports the topic when it ranked it among its first, or scored it at or above its
    // group's average: those are the answers that put it at the top (at least one always does).
    candidate.evidence = rules.counted.flatMap((c) => {
      const average = averageOf.get(c.group);
      if (average === undefined) return [];
      return c.inputs
        .filter(
          (i) =>
            i.topic === topic &&
            (i.evidence.role === "topic-ranking" ||
              (i.evidence.role === "topic-score" && (i.score ?? -Infinity) >= average)),
        )
        .map((i) => i.evidence);
    });
    return [candidate];
  });
};

/**
 * 2. Activity proposals, gathered by the topic they name. A topic with one proposal takes its
 * title; with several, the topic's label. A proposal naming no known topic stands alone.
 */
const proposalsByTopic = (rules: Rules): Candidate[] => {
  const proposals = rules.ofRole("activity-proposal");
  const titleField = rules.roles.proposals?.title?.id;
  const ownTitle = ({ c, input }: { c: Counted; input: MemberInput }) => {
    const words = input.words.find((w) => w.field === titleField) ?? input.words[0];
    return words && freeText(rules.langOf(c.submission.memberCode), words.text);
  };
  const topics = unique(proposals.flatMap(({ input }) => (rules.isTopic(input.topic) ? [input.topic] : [])));
  const gathered = topics.sort(rules.byTopicOrder).flatMap((topic) => {
    const mine = proposals.filter(({ input }) => input.topic === topic);
    const single = mine.length === 1 ? mine[0] : undefined;
    const own = single && ownTitle(single);
    const title = own ?? rules.topicTitle(topic);
    if (!title) return [];
    const from = own && single ? { memberCode: single.c.submission.memberCode } : { topic };
    const candidate = blank(`proposals:${topic}`, "proposals", title, from);
    candidate.serves = [topic];
    candidate.responsible = unique(mine.map(({ c }) => c.submission.memberCode));
    candidate.quotes = mine.flatMap(({ c, input }) => rules.quotesOf(c, input));
    candidate.evidence = mine.map(({ input }) => input.evidence);
    return [candidate];
  });
  const alone = proposals
    .filter(({ input }) => !rules.isTopic(input.topic))
    .flatMap((p) => {
      const title = ownTitle(p);
      if (!title) return [];
      const code = p.c.submission.memberCode;
      const candidate = blank(`proposal:${code}:${p.input.evidence.entry ?? 0}`, "proposals", title, {
        memberCode: code,
      });
      candidate.responsible = [code];
      candidate.quotes = rules.quotesOf(p.c, p.input);
      candidate.evidence = [p.input.evidence];
      return [candidate];
    });
  return [...gathered, ...alone];
};

/** 3. Each hosting offer: the event in the host's words, its proposed period, the host in kind. */
const hostingOffers = (rules: Rules): Candidate[] => {
  // The group's first text says what the event is, its second when (as the shipped one has it).
  const [eventField, periodField] = (rules.roles.hostingOffers?.fields ?? [])
    .filter((f) => f.type === "short-text" || f.type === "long-text")
    .map((f) => f.id);
  return rules.ofRole("hosting-offer").flatMap(({ c, input }) => {
    const code = c.submission.memberCode;
    const lang = rules.langOf(code);
    const event = input.words.find((w) => w.field === eventField) ?? input.words[0];
    const period = input.words.find((w) => w.field === periodField && w !== event);
    if (!event) return [];
    const candidate = blank(
      `host:${code}:${input.evidence.entry ?? 0}`,
      "hosting",
      freeText(lang, event.text),
      {
        memberCode: code,
      },
    );
    const name = rules.directory.get(code)?.name;
    candidate.place = name ? localized(name, lang) : undefined;
    candidate.date = period ? freeText(lang, period.text) : undefined;
    candidate.hosts = [code];
    candidate.responsible = [code];
    candidate.funding = [{ source: "host-in-kind", memberCode: code }];
    candidate.quotes = rules.quotesOf(c, input);
    candidate.evidence = [input.evidence];
    return [candidate];
  });
};

/** 4. Needs another member offers to meet, by topic: a bilateral cooperation call between them. */
const matchedNeeds = (rules: Rules): Candidate[] => {
  const needs = rules.ofRole("cooperation-need");
  const offers = rules.ofRole("cooperation-offer");
  const topics = unique(
    [...needs, ...offers].flatMap(({ input }) => (rules.isTopic(input.topic) ? [input.topic] : [])),
  );
  return topics.sort(rules.byTopicOrder).flatMap((topic) => {
    const topicOffers = offers.filter(({ input }) => input.topic === topic);
    const matched = needs.filter(
      ({ c, input }) =>
        input.topic === topic &&
        topicOffers.some((o) => o.c.submission.memberCode !== c.submission.memberCode),
    );
    const title = rules.topicTitle(topic);
    if (!matched.length || !title) return [];
    const needing = new Set(matched.map(({ c }) => c.submission.memberCode));
    // An offer counts when it could serve a need of some other member.
    const serving = topicOffers.filter(
      ({ c }) => needing.size > (needing.has(c.submission.memberCode) ? 1 : 0),
    );
    const candidate = blank(`cooperation:${topic}`, "cooperation", title, { topic });
    candidate.kind = "bilateral-cooperation-call";
    candidate.serves = [topic];
    candidate.responsible = unique(serving.map(({ c }) => c.submission.memberCode));
    candidate.quotes = [...matched, ...serving].flatMap(({ c, input }) => rules.quotesOf(c, input));
    candidate.evidence = [...matched, ...serving].map(({ input }) => input.evidence);
    return [candidate];
  });
};

/**
 * Every candidate the rules find, in a fixed order: top topics per group, proposals by topic,
 * hosting offers, then needs matched with offers; within a rule, the questionnaire's topic order
 * and the report's member order.
 */
export const proposeCandidates = (input: CandidateInputs, options: CandidateOptions = {}): Candidate[] => {
  const rules = ruleContext(input);
  return [
    ...topTopics(rules, options.topPerGroup ?? 3),
    ...proposalsByTopic(rules),
    ...hostingOffers(rules),
    ...matchedNeeds(rules),
  ];
};
