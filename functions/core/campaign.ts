// A campaign: one questionnaire sent to a chosen set of members, open between two dates.
import * as z from "zod";
import { HEADQUARTERS_TIME_ZONE } from "./closing-time.ts";
import { BadRequest, ConsultaError, NotFound } from "./errors.ts";
import type { CampaignStore, Clock, DirectoryStore, QuestionnaireStore, Random } from "./ports.ts";
import { LocalizedText, type Language } from "./languages.ts";
import { MemberCode, Subregion, type Member } from "./directory.ts";
import { RespondentGroup } from "./questionnaire/respondent-group.ts";

/** The IACML's Technical Secretariat, as each language calls it: the name a campaign has unless given one. */
export const SECRETARIAT_NAME: LocalizedText = {
  es: "Secretaría Técnica de la CIMT",
  en: "Technical Secretariat of the IACML",
  fr: "Secrétariat technique de la CIMT",
  pt: "Secretaria Técnica da CIMT",
};

/** One step of the reminder plan: so many days before closing, to these groups (all when none named). */
export const ReminderStep = z.strictObject({
  days: z.int().min(1).max(90),
  groups: z.array(RespondentGroup).min(1).optional(),
});
export type ReminderStep = z.infer<typeof ReminderStep>;

export const CampaignInput = z.strictObject({
  questionnaireId: z.string().min(1),
  /** A stored version of the questionnaire; the latest when none is named. */
  questionnaireVersion: z.int().min(1).optional(),
  title: LocalizedText.optional(),
  meeting: z.string().max(300).optional(),
  opensAt: z.iso.datetime({ offset: true }).optional(),
  closesAt: z.iso.datetime({ offset: true }),
  /** Deadlines are shown in this zone; the OAS headquarters' by default. */
  timeZone: z
    .string()
    .refine(
      (tz) => Intl.supportedValuesOf("timeZone").includes(tz) || tz === "UTC",
      "expected an IANA time zone",
    )
    .default(HEADQUARTERS_TIME_ZONE),
  /** Days before closing when reminders go to members who have not submitted. */
  /** Days before closing when reminders go to members who have not submitted: a number goes to every group. */
  reminderPlan: z
    .array(z.union([z.int().min(1).max(90), ReminderStep]))
    .max(10)
    .default([14, 7, 2]),
  /** Member codes to invite; by default every member the directory marks `inviteByDefault`. */
  invite: z.array(MemberCode).optional(),
  /** Without `invite`: only members of these groups (a member without a subregion is in every one). */
  inviteGroups: z.array(RespondentGroup).min(1).optional(),
  inviteSubregions: z.array(Subregion).min(1).optional(),
  /** Its name is shown on every page and email: in each language, or as one text for all. */
  secretariat: z
    .strictObject({ name: z.union([z.string().min(1).max(200), LocalizedText]), email: z.email() })
    .default({ name: SECRETARIAT_NAME, email: "secretariat@example.org" }),
  /** An earlier campaign: each member's draft starts with its latest submission to it (core/prefill.ts). */
  prefillFrom: z.string().min(1).optional(),
});
export type CampaignInput = z.input<typeof CampaignInput>;

export const Campaign = z.object({
  id: z.string(),
  questionnaireId: z.string(),
  questionnaireVersion: z.int(),
  title: LocalizedText,
  meeting: z.string().optional(),
  opensAt: z.string(),
  closesAt: z.string(),
  timeZone: z.string(),
  invited: z.array(MemberCode),
  /** Campaigns opened before steps had groups hold plain numbers of days. */
  reminderPlan: z.array(z.union([z.int(), ReminderStep])).optional(),
  secretariat: z.object({ name: z.union([z.string(), LocalizedText]), email: z.string() }),
  status: z.enum(["open", "closed"]),
  createdAt: z.string(),
  /** The earlier campaign whose submitted answers prefill each member's draft when it is invited. */
  prefillFrom: z.string().optional(),
});
export type Campaign = z.infer<typeof Campaign>;

/** The Secretariat as a page or an email in this language names it. */
export const secretariatIn = (
  secretariat: Campaign["secretariat"],
  lang: Language,
): { name: string; email: string } => {
  // Campaigns opened before the name had languages carry its English default as one text.
  const name = secretariat.name === SECRETARIAT_NAME.en ? SECRETARIAT_NAME : secretariat.name;
  return { name: typeof name === "string" ? name : name[lang], email: secretariat.email };
};

/** The plan as steps, latest first (fewest days), one per number of days; the default for old campaigns. */
export const reminderSteps = (campaign: Pick<Campaign, "reminderPlan">): ReminderStep[] => {
  const steps = (campaign.reminderPlan ?? [14, 7, 2]).map((s) => (typeof s === "number" ? { days: s } : s));
  const seen = new Set<number>();
  return steps.filter((s) => !seen.has(s.days) && seen.add(s.days)).sort((a, b) => b.days - a.days);
};

/** Whether a reminder step goes to a member of this group. */
export const stepReaches = (step: ReminderStep, group: RespondentGroup) =>
  !step.groups || step.groups.includes(group);

/** The members invited by default, narrowed to the groups and subregions chosen. */
export const defaultInvitees = (
  members: Member[],
  choice: { groups?: readonly RespondentGroup[]; subregions?: readonly string[] } = {},
): Member[] =>
  members.filter(
    (m) =>
      m.inviteByDefault &&
      (!choice.groups || choice.groups.includes(m.group)) &&
      (!choice.subregions || !m.subregion || choice.subregions.includes(m.subregion)),
  );

export type CampaignState = "not-open" | "open" | "closed";

export const campaignState = (campaign: Campaign, now: Date): CampaignState => {
  if (campaign.status === "closed" || now.getTime() >= Date.parse(campaign.closesAt)) return "closed";
  if (now.getTime() < Date.parse(campaign.opensAt)) return "not-open";
  return "open";
};

export const planCampaign = (
  input: z.output<typeof CampaignInput>,
  questionnaire: { id: string; version: number; title: LocalizedText },
  members: Member[],
  id: string,
  now: Date,
): Campaign => {
  const known = new Map(members.map((m) => [m.code, m]));
  const invited =
    input.invite ??
    defaultInvitees(members, {
      ...(input.inviteGroups ? { groups: input.inviteGroups } : {}),
      ...(input.inviteSubregions ? { subregions: input.inviteSubregions } : {}),
    }).map((m) => m.code);
  const unknown = invited.filter((code) => !known.has(code));
  if (unknown.length) throw new BadRequest("unknown_members", `Not in the directory: ${unknown.join(", ")}`);
  const opensAt = input.opensAt ?? now.toISOString();
  if (Date.parse(input.closesAt) <= Date.parse(opensAt))
    throw new BadRequest("closes_before_opens", "The closing date must come after the opening date");
  if (!invited.length) throw new ConsultaError(400, "nobody_invited", "A campaign needs at least one member");
  return {
    id,
    questionnaireId: questionnaire.id,
    questionnaireVersion: questionnaire.version,
    title: input.title ?? questionnaire.title,
    ...(input.meeting ? { meeting: input.meeting } : {}),
    opensAt: new Date(opensAt).toISOString(),
    closesAt: new Date(input.closesAt).toISOString(),
    timeZone: input.timeZone,
    invited: [...new Set(invited)],
    // Plain numbers stay numbers: a plan without groups is stored as it always was.
    reminderPlan: reminderSteps({ reminderPlan: input.reminderPlan }).map((step) =>
      step.groups ? step : step.days,
    ),
    secretariat: input.secretariat,
    status: "open",
    createdAt: now.toISOString(),
    ...(input.prefillFrom ? { prefillFrom: input.prefillFrom } : {}),
  };
};

/** Opens a campaign for a stored questionnaire: the version named, or the latest. */
export const openCampaign = async (
  ports: {
    repository: QuestionnaireStore & DirectoryStore & CampaignStore;
    clock: Clock;
    random: Random;
  },
  input: z.output<typeof CampaignInput>,
): Promise<Campaign> => {
  const { repository, clock, random } = ports;
  const questionnaire = await repository.getQuestionnaire(input.questionnaireId, input.questionnaireVersion);
  if (!questionnaire)
    throw new NotFound(
      "questionnaire_not_found",
      `No questionnaire ${input.questionnaireId}${input.questionnaireVersion ? ` v${input.questionnaireVersion}` : ""}`,
    );
  if (input.prefillFrom && !(await repository.getCampaign(input.prefillFrom)))
    throw new BadRequest("prefill_campaign_not_found", `No campaign ${input.prefillFrom} to prefill from`);
  const campaign = planCampaign(
    input,
    questionnaire,
    await repository.listMembers(),
    random.id(),
    clock.now(),
  );
  await repository.createCampaign(campaign);
  return campaign;
};
