// "What became of your inputs": a member's own requests and their fate, as its form link shows them.
//
// Read from the plan last adopted (a draft amending it does not count until adopted) and the member's
// own submissions only, through outcome.ts: nothing of another member's answers can reach the page.
import { countedAnswers } from "../prefill.ts";
import { formatMoney, formatters } from "../format.ts";
import type { Language } from "../languages.ts";
import type { Ports } from "../ports.ts";
import type { ListItem, Questionnaire } from "../questionnaire/definition.ts";
import type { Translate } from "../report/model.ts";
import { fill } from "../report/strings.ts";
import type { ResponseVersion } from "../responses.ts";
import { findInputRoles } from "./evidence.ts";
import { memberOutcome, type RequestOutcome } from "./outcome.ts";
import { readPlanTranslations, showText, type PlanTranslations } from "./plan-translations.ts";
import type { WorkPlanStore } from "./ports.ts";
import type { WorkPlan } from "./work-plan.ts";

export type OutcomeRow = { request: string; status: string; kind: RequestOutcome["status"] };

export type OutcomesView = { title: string; intro: string; nothing?: string; rows: OutcomeRow[] };

/** Long answers are cut here: the row names the request, the receipt holds all of it. */
const SHOWN_CHARACTERS = 300;

const cut = (text: string) =>
  text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS - 1).trimEnd()}…` : text;

/** Each choice's label in `lang`, by id: what a host provides or what is given in kind, as the form words it. */
const optionLabels = (q: Questionnaire, lang: Language) => {
  const labels = new Map<string, string>();
  const add = (x: object) => {
    if ("options" in x && Array.isArray(x.options))
      for (const o of x.options as ListItem[]) labels.set(o.id, o.label[lang]);
  };
  for (const section of q.sections)
    for (const question of section.questions) {
      add(question);
      if (question.type === "group") question.fields.forEach(add);
    }
  return labels;
};

/** What a request said, in the member's own words (or its amount), after what kind of request it is. */
const requestText = (r: RequestOutcome, lang: Language, t: Translate, labels: Map<string, string>) => {
  const role = t(`work-plan.role.${r.role}`);
  const label = r.entry ? `${role} ${r.entry}` : role;
  const said = r.money
    ? `${formatMoney(r.money.amount, r.money.currency, lang)}${r.year ? ` (${r.year})` : ""}`
    : r.words.length
      ? r.words.map((w) => w.text).join(" — ")
      : (r.picks ?? []).map((id) => labels.get(id) ?? id).join(", ");
  const first = label.charAt(0).toLocaleUpperCase(lang) + label.slice(1);
  return said ? fill(t("work-plan.outcomes.said"), { request: first, words: cut(said) }) : first;
};

/**
 * The section's words for one member: undefined until a plan is adopted, or when the member never
 * submitted. `versions` are the member's own, as its link lists them; the latest is the one counted.
 */
export const buildOutcomesView = (
  plan: WorkPlan | undefined,
  questionnaire: Questionnaire,
  versions: readonly ResponseVersion[],
  lang: Language,
  t: Translate,
  translations: PlanTranslations,
  timeZone: string,
): OutcomesView | undefined => {
  if (!plan || plan.status !== "adopted" || !plan.adoptedAt) return undefined;
  const latest = versions.reduce<ResponseVersion | undefined>(
    (a, v) => (!a || v.version > a.version ? v : a),
    undefined,
  );
  if (!latest) return undefined;
  // Only what the report counted: an answer carried over from last cycle and never confirmed was no request.
  const counted = { ...latest, answers: countedAnswers(latest) };
  const outcome = memberOutcome(plan, counted, findInputRoles(questionnaire), versions);
  const merged = new Set(plan.activities.filter((a) => a.fromCandidates.length > 1).map((a) => a.id));
  // A title in another language says so, as the document does: machine-translated, or not translated.
  const titleOf = (a: RequestOutcome["activities"][number]) => {
    const shown = showText(a.title, lang, translations, t);
    return shown.note ? `${shown.text} — ${shown.note}` : shown.text;
  };
  const statusOf = (r: RequestOutcome) =>
    r.status === "in-activity"
      ? r.activities
          .map((a) =>
            fill(t(merged.has(a.id) ? "work-plan.outcomes.merged" : "work-plan.outcomes.in-activity"), {
              number: a.number,
              title: titleOf(a),
            }),
          )
          .join("; ")
      : t(`work-plan.outcomes.${r.status}`);
  const labels = optionLabels(questionnaire, lang);
  const rows = outcome.requests.map((r) => ({
    request: requestText(r, lang, t, labels),
    status: statusOf(r),
    kind: r.status,
  }));
  return {
    title: t("work-plan.outcomes.title"),
    intro: fill(t("work-plan.outcomes.intro"), {
      date: formatters(lang, timeZone).dateTime(plan.adoptedAt),
      version: latest.version,
      code: latest.receiptCode,
    }),
    ...(rows.length ? {} : { nothing: t("work-plan.outcomes.nothing") }),
    rows,
  };
};

/** The plan a member's outcomes come from: the newest edition if adopted, else the one its draft amends. */
export const lastAdoptedPlan = (
  ports: { repository: WorkPlanStore },
  campaignId: string,
): Promise<WorkPlan | undefined> => ports.repository.getAdoptedWorkPlan(campaignId);

/**
 * The section for a member's form link, in its language: one read of the plan; the titles' cached
 * translations read only once a plan is adopted (never translated here: a form page waits for no engine).
 */
export const memberOutcomesView = async (
  ports: { repository: WorkPlanStore } & Pick<Ports, "views"> & Partial<Pick<Ports, "translations">>,
  campaign: { id: string; timeZone: string },
  questionnaire: Questionnaire,
  versions: readonly ResponseVersion[],
  lang: Language,
): Promise<OutcomesView | undefined> => {
  if (!versions.length) return undefined;
  const plan = await lastAdoptedPlan(ports, campaign.id);
  if (!plan || plan.status !== "adopted") return undefined;
  const translations = await readPlanTranslations(
    plan.activities.map((a) => a.title),
    lang,
    campaign.id,
    ports.translations ? { translations: ports.translations } : {},
  );
  const t = (key: string) => ports.views.translate(lang, key);
  return buildOutcomesView(plan, questionnaire, versions, lang, t, translations, campaign.timeZone);
};
