// The Secretariat's choices among the candidates: edit one, merge two, accept one into the plan as an
// activity, or discard it; a candidate already taken or discarded is not offered again.
import { Conflict, NotFound } from "../errors.ts";
import { answerKey, uniqueEvidence } from "./evidence.ts";
import { TO_BE_DEFINED, type Actor, type WorkPlan } from "./work-plan.ts";
import { addActivity, changePlan, type ActivityEdit } from "./plan-changes.ts";
import { unique, type Candidate, type Quote } from "./candidates.ts";

/** Candidates the plan has neither made into an activity nor discarded: what the console still offers. */
export const openCandidates = (candidates: readonly Candidate[], plan: WorkPlan): Candidate[] => {
  const taken = new Set([...plan.discardedCandidates, ...plan.activities.flatMap((a) => a.fromCandidates)]);
  return candidates.filter((c) => !c.sources.some((s) => taken.has(s)));
};

export type CandidateEdit = Partial<
  Pick<Candidate, "title" | "kind" | "serves" | "hosts" | "responsible" | "place" | "date" | "funding">
>;

/** The Secretariat's own version of a candidate: marked edited, its evidence and quotes untouched. */
export const editCandidate = (candidate: Candidate, edit: CandidateEdit): Candidate => ({
  ...candidate,
  ...edit,
  edited: true,
});

const quoteKey = (q: Quote) => `${answerKey(q.evidence)}@${q.evidence.version}#${q.field}`;

/**
 * Two candidates as one: the first's title and place, the union of everything else. Its evidence
 * is every link of both, each once, so the annex cites every member either one rested on.
 */
export const mergeCandidates = (first: Candidate, second: Candidate): Candidate => {
  const seen = new Set<string>();
  return {
    ...first,
    id: `${first.id}+${second.id}`,
    sources: unique([...first.sources, ...second.sources]),
    kind: first.kind ?? second.kind,
    serves: unique([...first.serves, ...second.serves]),
    hosts: unique([...first.hosts, ...second.hosts]),
    responsible: unique([...first.responsible, ...second.responsible]),
    place: first.place ?? second.place,
    date: first.date ?? second.date,
    funding: [...first.funding, ...second.funding],
    standings: [...first.standings, ...second.standings],
    quotes: [...first.quotes, ...second.quotes].filter((q) => {
      const key = quoteKey(q);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
    evidence: uniqueEvidence([...first.evidence, ...second.evidence]),
    edited: first.edited || second.edited,
  };
};

/**
 * The candidate an id names, as the console sends it back: a merged id (`a+b+c`) is merged again
 * from its parts, so the console keeps no candidate of its own between requests.
 */
export const candidateById = (candidates: readonly Candidate[], id: string): Candidate => {
  const parts = id.split("+").map((part) => {
    const found = candidates.find((c) => c.id === part);
    if (!found) throw new NotFound("candidate_not_found", `No candidate ${part} in the compiled inputs`);
    return found;
  });
  const [first, ...rest] = parts as [Candidate, ...Candidate[]];
  return rest.reduce(mergeCandidates, first);
};

const assertOpen = (plan: WorkPlan, candidate: Candidate) => {
  if (!openCandidates([candidate], plan).length)
    throw new Conflict("candidate_taken", `Candidate ${candidate.id} was already accepted or discarded`, {
      candidate: candidate.id,
    });
};

/**
 * A candidate made into an activity, with its evidence and origin. What the rules cannot know
 * (the kind, when none was suggested) comes from `overrides`, else "other"; no description is written.
 */
export const acceptCandidate = (
  plan: WorkPlan,
  candidate: Candidate,
  who: Actor,
  overrides: ActivityEdit = {},
): WorkPlan => {
  assertOpen(plan, candidate);
  return addActivity(
    plan,
    {
      kind: candidate.kind ?? "other",
      title: candidate.title,
      place: candidate.place ?? TO_BE_DEFINED,
      date: candidate.date ?? TO_BE_DEFINED,
      hosts: candidate.hosts,
      responsible: candidate.responsible,
      funding: candidate.funding,
      serves: candidate.serves,
      ...overrides,
      evidence: candidate.evidence,
      fromCandidates: candidate.sources,
    },
    who,
  );
};

export const discardCandidate = (plan: WorkPlan, candidate: Candidate, who: Actor): WorkPlan => {
  assertOpen(plan, candidate);
  return changePlan(
    plan,
    who,
    "candidate-discarded",
    (p) => ({ ...p, discardedCandidates: unique([...p.discardedCandidates, ...candidate.sources]) }),
    candidate.id,
  );
};
