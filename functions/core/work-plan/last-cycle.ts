// "Last cycle: part of activity 3": beside each question, what became of what the member asked there last time.
//
// The next cycle's form looks back to the campaign it was prefilled from: that campaign's plan last
// adopted, and the member's own latest submission to it, counted as its report counted it. Built from
// the member's own versions alone (outcome.ts), so nothing another member wrote or asked can show.
import type { Campaign } from "../campaign.ts";
import type { Language } from "../languages.ts";
import type { Ports, ResponseStore } from "../ports.ts";
import { countedAnswers } from "../prefill.ts";
import type { Questionnaire } from "../questionnaire/definition.ts";
import type { Translate } from "../report/model.ts";
import { fill } from "../report/strings.ts";
import type { ResponseVersion } from "../responses.ts";
import { findInputRoles } from "./evidence.ts";
import { memberOutcome, outcomesByQuestion, type RequestOutcome } from "./outcome.ts";
import type { WorkPlanStore } from "./ports.ts";
import { readIn, type WorkPlan } from "./work-plan.ts";

/** A piece of a note: an activity's title shown as written carries its own language. */
export type NotePart = { text: string; lang?: Language };

/** One sentence per question id, in the member's language, in parts. */
export type LastCycleNotes = ReadonlyMap<string, NotePart[]>;

// Where a title goes in a filled sentence, until the sentence is cut into parts: a private-use mark.
const MARK = "\u{E000}";
const marked = (i: number) => `${MARK}${i}${MARK}`;
const MARKS = new RegExp(`${MARK}(\\d+)${MARK}`, "u");

/**
 * The notes for one member: none unless `plan` is adopted and the member submitted to its campaign.
 * `versions` are the member's own submissions to that campaign; the latest is the one counted, read
 * with this cycle's questionnaire, whose questions keep their ids from one cycle to the next (as the
 * carried-over answers do): a note sits beside the question of the same id.
 */
export const lastCycleNotes = (
  plan: WorkPlan | undefined,
  questionnaire: Questionnaire,
  versions: readonly ResponseVersion[],
  lang: Language,
  t: Translate,
): LastCycleNotes => {
  const notes = new Map<string, NotePart[]>();
  if (plan?.status !== "adopted") return notes;
  const latest = versions.reduce<ResponseVersion | undefined>(
    (a, v) => (!a || v.version > a.version ? v : a),
    undefined,
  );
  if (!latest) return notes;
  // Only what the report counted: an answer carried over into that cycle and never confirmed was no request.
  const counted = { ...latest, answers: countedAnswers(latest) };
  const outcome = memberOutcome(plan, counted, findInputRoles(questionnaire), versions);
  const merged = new Set(plan.activities.filter((a) => a.fromCandidates.length > 1).map((a) => a.id));
  // The title as the plan itself gives it in this language, else as written: the form reads no translation.
  const titles: { text: string; lang: Language }[] = [];
  const titleOf = (a: RequestOutcome["activities"][number]) => {
    titles.push(readIn(a.title, lang));
    return marked(titles.length - 1);
  };
  const statusOf = (r: RequestOutcome) =>
    r.status === "in-activity"
      ? r.activities
          .map((a) =>
            fill(t(`work-plan.last-cycle.${merged.has(a.id) ? "merged" : "in-activity"}`), {
              number: a.number,
              title: titleOf(a),
            }),
          )
          .join("; ")
      : t(`work-plan.last-cycle.${r.status}`);
  const parts = (sentence: string): NotePart[] =>
    sentence
      .split(MARKS)
      .map((piece, i): NotePart => {
        const title = i % 2 ? titles[Number(piece)] : undefined;
        if (!title) return { text: piece };
        return title.lang === lang ? { text: title.text } : { text: title.text, lang: title.lang };
      })
      .filter((p) => p.text);
  const asked = new Set(questionnaire.sections.flatMap((s) => s.questions.map((q) => q.id)));
  for (const [questionId, requests] of outcomesByQuestion(outcome)) {
    if (!asked.has(questionId)) continue;
    const [only] = requests;
    const sentence =
      requests.length === 1 && only
        ? fill(t("work-plan.last-cycle.one"), { status: statusOf(only) })
        : fill(t("work-plan.last-cycle.several"), {
            statuses: requests
              .map((r) =>
                fill(t("work-plan.last-cycle.entry"), {
                  request: r.entry
                    ? `${t(`work-plan.role.${r.role}`)} ${r.entry}`
                    : t(`work-plan.role.${r.role}`),
                  status: statusOf(r),
                }),
              )
              .join("; "),
          });
    notes.set(questionId, parts(sentence));
  }
  return notes;
};

/**
 * The notes for a member's form, read only when its campaign looks back to an earlier one: two reads
 * at once, that campaign's plan last adopted and the member's own submissions to it.
 */
export const lastCycleNotesFor = async (
  ports: { repository: WorkPlanStore & ResponseStore } & Pick<Ports, "views">,
  campaign: Pick<Campaign, "prefillFrom">,
  memberCode: string,
  questionnaire: Questionnaire,
  lang: Language,
): Promise<LastCycleNotes | undefined> => {
  const earlier = campaign.prefillFrom;
  if (!earlier) return undefined;
  const [plan, versions] = await Promise.all([
    ports.repository.getAdoptedWorkPlan(earlier),
    ports.repository.listResponseVersions(earlier, memberCode),
  ]);
  const notes = lastCycleNotes(plan, questionnaire, versions, lang, (key) =>
    ports.views.translate(lang, key),
  );
  return notes.size ? notes : undefined;
};
