// A campaign: one questionnaire sent to a chosen set of members, open between two dates.
import * as z from "zod";
import { HEADQUARTERS_TIME_ZONE } from "./closing-time.ts";
import { BadRequest, ConsultaError, NotFound } from "./errors.ts";
import type { CampaignStore, Clock, DirectoryStore, QuestionnaireStore, Random } from "./ports.ts";
import { LocalizedText, type Language } from "./languages.ts";
import { MemberCode, type Member } from "./directory.ts";

/** The IACML's Technical Secretariat, as each language calls it: the name a campaign has unless given one. */
export const SECRETARIAT_NAME: LocalizedText = {
  es: "Secretaría Técnica de la CIMT",
  en: "Technical Secretariat of the IACML",
  fr: "Secrétariat technique de la CIMT",
  pt: "Secretaria Técnica da CIMT",
};

export const CampaignInput = z.strictObject({
  questionnaireId: z.string().min(1),
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
  reminderPlan: z.array(z.int().min(1).max(90)).max(10).default([14, 7, 2]),
  /** Member codes to invite; by default every member the directory marks `inviteByDefault`. */
  invite: z.array(MemberCode).optional(),
  /** Its name is shown on every page and email: in each language, or as one text for all. */
  secretariat: z
    .strictObject({ name: z.union([z.string().min(1).max(200), LocalizedText]), email: z.email() })
    .default({ name: SECRETARIAT_NAME, email: "secretariat@example.org" }),
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
  reminderPlan: z.array(z.int()).optional(),
  secretariat: z.object({ name: z.union([z.string(), LocalizedText]), email: z.string() }),
  status: z.enum(["open", "closed"]),
  createdAt: z.string(),
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
  const invited = input.invite ?? members.filter((m) => m.inviteByDefault).map((m) => m.code);
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
    reminderPlan: [...new Set(input.reminderPlan)].sort((a, b) => b - a),
    secretariat: input.secretariat,
    status: "open",
    createdAt: now.toISOString(),
  };
};

/** Opens a campaign for the latest version of a stored questionnaire. */
export const openCampaign = async (
  ports: {
    repository: QuestionnaireStore & DirectoryStore & CampaignStore;
    clock: Clock;
    random: Random;
  },
  input: z.output<typeof CampaignInput>,
): Promise<Campaign> => {
  const { repository, clock, random } = ports;
  const questionnaire = await repository.getQuestionnaire(input.questionnaireId);
  if (!questionnaire)
    throw new NotFound("questionnaire_not_found", `No questionnaire ${input.questionnaireId}`);
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
