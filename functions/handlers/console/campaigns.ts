// The console's home: the campaigns, and the form that sets a new one up (questionnaire version, opening
// and closing time in a named zone, reminder plan by group, invitees by group and subregion).
import { CampaignInput, openCampaign, type Campaign, type ReminderStep } from "../../core/campaign.ts";
import { HEADQUARTERS_TIME_ZONE, isDay, isTimeOfDay, typedTime } from "../../core/closing-time.ts";
import { SUBREGIONS } from "../../core/directory.ts";
import { ConsultaError } from "../../core/errors.ts";
import type { Ports } from "../../core/ports.ts";
import { RESPONDENT_GROUPS } from "../../core/questionnaire/respondent-group.ts";
import { LANGUAGES } from "../../core/languages.ts";
import { redirect } from "../../http/responses.ts";
import { field, type ConsolePage, type SignedInRequest } from "./page.ts";

/** The questionnaire a new campaign is offered first: the one content/ ships. */
const SHIPPED_QUESTIONNAIRE = "iacml-planning";
/** Rows of the reminder plan the form offers; an empty row is no step. */
const PLAN_ROWS = 5;
const DEFAULT_PLAN = [14, 7, 2];

/** A field that may be sent once (a string) or several times (checkboxes: an array). */
const list = (form: Record<string, unknown>, name: string): string[] => {
  const value = form[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" && value ? [value] : [];
};

const zones = () => [...Intl.supportedValuesOf("timeZone"), "UTC"];

/**
 * Every stored version, newest first: the store's list of versions, and for versions stored before it
 * kept one, the versions of the questionnaires campaigns have used and of the shipped one.
 */
const questionnaireChoices = async (ports: Ports, campaigns: Campaign[], lang: SignedInRequest["lang"]) => {
  const listed = await ports.repository.listQuestionnaireVersions();
  const seen = new Set(listed.map((v) => `${v.id}@${v.version}`));
  const out = listed.map((v) => ({ id: v.id, version: v.version, title: v.title[lang] }));
  const ids = [...new Set([SHIPPED_QUESTIONNAIRE, ...campaigns.map((c) => c.questionnaireId)])];
  for (const id of ids) {
    const latest = await ports.repository.getQuestionnaire(id);
    for (let version = latest?.version ?? 0; version >= 1; version--) {
      if (seen.has(`${id}@${version}`)) continue;
      const q = version === latest?.version ? latest : await ports.repository.getQuestionnaire(id, version);
      if (q) out.push({ id, version, title: q.title[lang] });
    }
  }
  return out
    .sort((a, b) => a.id.localeCompare(b.id) || b.version - a.version)
    .map((v) => ({ value: `${v.id}@${v.version}`, label: `${v.title} (${v.id}, v${v.version})` }));
};

type SetUpForm = {
  questionnaire: string;
  titles: Record<string, string>;
  meeting: string;
  opensDate: string;
  opensTime: string;
  closesDate: string;
  closesTime: string;
  timeZone: string;
  steps: { days: string; groups: string[] }[];
  groups: string[];
  subregions: string[];
  invite: string;
  /** An earlier campaign whose submitted answers start each member's draft; empty for none. */
  prefillFrom: string;
};

const blankForm = (): SetUpForm => ({
  questionnaire: "",
  titles: {},
  meeting: "",
  opensDate: "",
  opensTime: "",
  closesDate: "",
  closesTime: "17:00",
  timeZone: HEADQUARTERS_TIME_ZONE,
  steps: Array.from({ length: PLAN_ROWS }, (_, i) => ({
    days: DEFAULT_PLAN[i] === undefined ? "" : String(DEFAULT_PLAN[i]),
    groups: [...RESPONDENT_GROUPS],
  })),
  groups: [...RESPONDENT_GROUPS],
  subregions: [...SUBREGIONS],
  invite: "",
  prefillFrom: "",
});

const typedForm = (form: Record<string, unknown>): SetUpForm => {
  const steps = Array.isArray(form.steps) ? (form.steps as unknown[]) : [];
  return {
    questionnaire: field(form, "questionnaire"),
    titles: Object.fromEntries(LANGUAGES.map((l) => [l, field(form, `title-${l}`).trim()])),
    meeting: field(form, "meeting").trim(),
    opensDate: field(form, "opensDate").trim(),
    opensTime: field(form, "opensTime").trim(),
    closesDate: field(form, "closesDate").trim(),
    closesTime: field(form, "closesTime").trim(),
    timeZone: field(form, "timeZone").trim(),
    steps: Array.from({ length: PLAN_ROWS }, (_, i) => {
      const row = (steps[i] ?? {}) as Record<string, unknown>;
      return { days: field(row, "days").trim(), groups: list(row, "groups") };
    }),
    groups: list(form, "groups"),
    subregions: list(form, "subregions"),
    invite: field(form, "invite"),
    prefillFrom: field(form, "prefillFrom").trim(),
  };
};

/** The form's values as the campaign's input, or the problems beside each field (codes of console.setup.error). */
const readForm = (typed: SetUpForm) => {
  const errors: Record<string, string> = {};
  const [questionnaireId = "", version = ""] = typed.questionnaire.split("@");
  if (!questionnaireId) errors.questionnaire = "questionnaire";
  const zoneKnown = zones().includes(typed.timeZone);
  if (!zoneKnown) errors.timeZone = "time-zone";
  const at = (date: string, time: string, name: "opens" | "closes") => {
    if (!isDay(date)) return void (errors[`${name}Date`] = "date");
    if (time && !isTimeOfDay(time)) return void (errors[`${name}Time`] = "time");
    if (!zoneKnown) return undefined;
    try {
      return typedTime(date, time, typed.timeZone);
    } catch {
      errors[`${name}Date`] = "date";
      return undefined;
    }
  };
  const closesAt = at(typed.closesDate, typed.closesTime, "closes");
  const opensAt =
    typed.opensDate || typed.opensTime ? at(typed.opensDate, typed.opensTime || "00:00", "opens") : undefined;
  const steps = typed.steps.flatMap((row, i): (number | ReminderStep)[] => {
    if (!row.days) return [];
    const days = Number(row.days);
    if (!/^\d+$/.test(row.days) || days < 1 || days > 90) return (void (errors[`step-${i}`] = "days"), []);
    if (!row.groups.length) return (void (errors[`step-${i}`] = "step-groups"), []);
    const groups = RESPONDENT_GROUPS.filter((g) => row.groups.includes(g));
    return groups.length === RESPONDENT_GROUPS.length ? [days] : [{ days, groups }];
  });
  const groups = RESPONDENT_GROUPS.filter((g) => typed.groups.includes(g));
  const subregions = SUBREGIONS.filter((s) => typed.subregions.includes(s));
  const invite = typed.invite
    .split(/[\s,;]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (!invite.length && !groups.length) errors.groups = "groups";
  const title = Object.values(typed.titles).some(Boolean) ? typed.titles : undefined;
  return {
    errors,
    input: {
      questionnaireId,
      ...(/^\d+$/.test(version) ? { questionnaireVersion: Number(version) } : {}),
      ...(closesAt ? { closesAt } : {}),
      ...(opensAt ? { opensAt } : {}),
      timeZone: typed.timeZone,
      ...(typed.meeting ? { meeting: typed.meeting } : {}),
      reminderPlan: steps,
      ...(invite.length ? { invite } : {}),
      ...(!invite.length && groups.length < RESPONDENT_GROUPS.length ? { inviteGroups: groups } : {}),
      ...(!invite.length && subregions.length && subregions.length < SUBREGIONS.length
        ? { inviteSubregions: subregions }
        : {}),
      ...(typed.prefillFrom ? { prefillFrom: typed.prefillFrom } : {}),
    },
    title,
  };
};

const renderPage = async (
  r: SignedInRequest,
  typed: SetUpForm,
  errors: Record<string, string> = {},
  status = 200,
) => {
  const campaigns = await r.ports.repository.listCampaigns();
  const choices = await questionnaireChoices(r.ports, campaigns, r.lang);
  const chosen = typed.questionnaire || choices[0]?.value;
  const translate = (key: string) => r.ports.views.translate(r.lang, key);
  return r.render(
    "campaigns",
    {
      campaigns: campaigns.map((x) => ({ ...x, titleText: x.title[r.lang] })),
      form: typed,
      errors,
      hasErrors: Object.keys(errors).length > 0,
      errorList: Object.entries(errors).map(([name, code]) => ({
        anchor: name.startsWith("step-") ? `${name}-days` : name,
        text: translate(`console.setup.error.${code}`),
      })),
      questionnaires: choices.map((c) => ({ ...c, selected: c.value === chosen })),
      // Newest first: the last cycle is the one a new campaign usually prefills from.
      prefillChoices: [...campaigns]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((x) => ({
          id: x.id,
          title: x.title[r.lang],
          closesAt: x.closesAt,
          timeZone: x.timeZone,
          selected: x.id === typed.prefillFrom,
        })),
      titleFields: LANGUAGES.map((l) => ({ lang: l, value: typed.titles[l] ?? "" })),
      zones: zones().map((z) => ({ zone: z, selected: z === typed.timeZone })),
      groupBoxes: RESPONDENT_GROUPS.map((g) => ({ group: g, checked: typed.groups.includes(g) })),
      subregionBoxes: SUBREGIONS.map((s) => ({ subregion: s, checked: typed.subregions.includes(s) })),
      steps: typed.steps.map((row, i) => ({
        i,
        days: row.days,
        error: errors[`step-${i}`],
        boxes: RESPONDENT_GROUPS.map((g) => ({ group: g, checked: row.groups.includes(g) })),
      })),
    },
    status,
  );
};

export const campaignsPage: ConsolePage = { answer: (r) => renderPage(r, blankForm()) };

/** What the campaign's own checks refuse, beside the field it concerns. */
const FIELD_OF: Record<string, [string, string]> = {
  closes_before_opens: ["closesDate", "closes-before-opens"],
  nobody_invited: ["groups", "nobody-invited"],
  unknown_members: ["invite", "unknown-members"],
  questionnaire_not_found: ["questionnaire", "questionnaire"],
  prefill_campaign_not_found: ["prefillFrom", "prefill-from"],
};

export const createCampaign: ConsolePage = {
  answer: async (r) => {
    // The old form posted questionnaireId and a closing day; the new one posts the fields below.
    const typed = typedForm(r.form);
    if (!typed.questionnaire && r.form.questionnaireId)
      typed.questionnaire = field(r.form, "questionnaireId");
    if (!typed.closesDate && r.form.closesAt) typed.closesDate = field(r.form, "closesAt");
    if (!r.form.closesTime && r.form.closesAt) typed.closesTime = "";
    if (!r.form.timeZone) typed.timeZone = HEADQUARTERS_TIME_ZONE;
    if (!r.form.groups && !r.form.steps) {
      typed.groups = [...RESPONDENT_GROUPS];
      typed.subregions = [...SUBREGIONS];
      typed.steps = blankForm().steps;
    }
    const { errors, input, title } = readForm(typed);
    if (Object.keys(errors).length) return renderPage(r, typed, errors, 400);
    let titled: Record<string, string> | undefined;
    if (title) {
      // A title left empty in a language keeps the questionnaire's own in that language.
      const q = await r.ports.repository.getQuestionnaire(input.questionnaireId, input.questionnaireVersion);
      if (!q) return renderPage(r, typed, { questionnaire: "questionnaire" }, 400);
      titled = Object.fromEntries(LANGUAGES.map((l) => [l, title[l] || q.title[l]]));
    }
    const parsed = CampaignInput.safeParse({ ...input, ...(titled ? { title: titled } : {}) });
    if (!parsed.success) return renderPage(r, typed, { closesDate: "date" }, 400);
    let campaign: Campaign;
    try {
      campaign = await openCampaign(r.ports, parsed.data);
    } catch (error) {
      const known = error instanceof ConsultaError ? FIELD_OF[error.code] : undefined;
      if (!known) throw error;
      return renderPage(r, typed, { [known[0]]: known[1] }, 400);
    }
    r.did({
      action: "created the campaign",
      campaignId: campaign.id,
      counts: { members: campaign.invited.length },
    });
    return redirect(`/console/campaigns/${campaign.id}?done=created`);
  },
};
