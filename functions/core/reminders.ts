// Reminders: each step of a campaign's plan is sent once to every reachable contact of members who
// have not submitted; "remind now" does the same on the Secretariat's word.
import { campaignState, reminderSteps, stepReaches, type Campaign, type ReminderStep } from "./campaign.ts";
import { forEachConcurrently } from "./concurrently.ts";
import { Gone, NotFound } from "./errors.ts";
import { isReachable, newEmail, type EmailJob, type Invitation } from "./invitations.ts";
import type {
  CampaignStore,
  DirectoryStore,
  EmailStore,
  InvitationStore,
  Ports,
  ResponseStore,
} from "./ports.ts";
import { RESPONDENT_GROUPS, type RespondentGroup } from "./questionnaire/respondent-group.ts";
import { sliceOf, type Slice, type SliceEnd } from "./slice.ts";

/** Email records written at once while reminding: DynamoDB takes them in parallel, 16 keeps it gentle. */
export const REMINDER_WRITES_AT_ONCE = 16;
const DAY = 24 * 3600 * 1000;

/** The step's name in its email records: "d10" for ten days before closing. */
export const stepName = (step: ReminderStep) => `d${step.days}`;

/** When a step of the plan goes: so many days before closing. */
export const stepTime = (campaign: Campaign, step: ReminderStep) =>
  Date.parse(campaign.closesAt) - step.days * DAY;

/**
 * The steps due now, each with the groups it goes to: for each group, the latest step whose time has
 * come. Steps already past when the campaign opened are not sent in a burst; only the most recent counts.
 */
export const dueReminderSteps = (
  campaign: Campaign,
  now: Date,
): { step: string; groups: RespondentGroup[] }[] => {
  const opened = Date.parse(campaign.opensAt);
  const due = reminderSteps(campaign).filter((s) => {
    const at = stepTime(campaign, s);
    return at <= now.getTime() && at >= opened;
  });
  const out = new Map<string, RespondentGroup[]>();
  for (const group of RESPONDENT_GROUPS) {
    // Steps come most days first: the last one reaching the group is its latest.
    const latest = due.filter((s) => stepReaches(s, group)).at(-1);
    if (latest) out.set(stepName(latest), [...(out.get(stepName(latest)) ?? []), group]);
  }
  return [...out].map(([step, groups]) => ({ step, groups }));
};

/** The step due now for every group, as it was before steps had groups. */
export const dueReminderStep = (campaign: Campaign, now: Date): string | undefined =>
  dueReminderSteps(campaign, now).at(-1)?.step;

/** When the next step of the plan reaching a member of this group goes, if any is left. */
export const nextReminderFor = (
  campaign: Campaign,
  group: RespondentGroup | undefined,
  now: Date,
): { step: string; at: string } | undefined => {
  const next = reminderSteps(campaign)
    .filter((s) => !group || stepReaches(s, group))
    .map((s) => ({ step: stepName(s), at: stepTime(campaign, s) }))
    .filter((r) => r.at > now.getTime() && r.at >= Date.parse(campaign.opensAt))
    .sort((a, b) => a.at - b.at)[0];
  return next ? { step: next.step, at: new Date(next.at).toISOString() } : undefined;
};

export type ReminderSummary = { step: string; queued: number } & Partial<SliceEnd>;

type ReminderPorts = {
  repository: CampaignStore & DirectoryStore & EmailStore & InvitationStore & ResponseStore;
} & Pick<Ports, "queue" | "clock">;

/** The signatories' invitations a reminder goes to: reached, not submitted, not unsubscribed, of these groups. */
export const remindable = (
  invitations: Invitation[],
  submitted: ReadonlySet<string>,
  groupOf?: (memberCode: string) => RespondentGroup | undefined,
  groups?: readonly RespondentGroup[],
) =>
  invitations.filter(
    (inv) =>
      // Contributors answer to their focal point, not to the Secretariat: reminders go to signatories.
      (inv.role ?? "signatory") === "signatory" &&
      inv.state === "sent" &&
      isReachable(inv) &&
      !submitted.has(inv.memberCode) &&
      !inv.unsubscribedAt && // they asked for no more reminders
      (!groups || groups.includes(groupOf?.(inv.memberCode) ?? ("" as RespondentGroup))),
  );

const remind = async (
  ports: { repository: DirectoryStore & EmailStore & InvitationStore & ResponseStore } & Pick<
    Ports,
    "queue" | "clock"
  >,
  campaign: Campaign,
  step: string,
  slice?: Slice,
  groups?: readonly RespondentGroup[],
): Promise<ReminderSummary> => {
  const { repository, clock } = ports;
  const [every, responses, members] = await Promise.all([
    repository.listInvitations(campaign.id),
    repository.listResponses(campaign.id),
    // Only a step for some groups needs to know each member's group.
    groups ? repository.listMembers() : Promise.resolve([]),
  ]);
  const groupOf = new Map(members.map((m) => [m.code, m.group]));
  const submitted = new Set(responses.filter((r) => r.submittedVersion).map((r) => r.memberCode));
  const { items: invitations, end } = sliceOf(every, (i) => `${i.memberCode}/${i.contactId}`, slice);
  const now = clock.now();
  const due: EmailJob[] = remindable(invitations, submitted, (code) => groupOf.get(code), groups).map(
    (inv) => ({
      campaignId: campaign.id,
      memberCode: inv.memberCode,
      contactId: inv.contactId,
      kind: "reminder",
      n: step,
    }),
  );
  // The record is the once-only guard: a step already recorded for this contact is not sent again.
  // Written a few at a time, not one awaited write after another: 10,000 of those outlast a Lambda.
  const created = new Set<EmailJob>();
  await forEachConcurrently(due, REMINDER_WRITES_AT_ONCE, async (job) => {
    if (await repository.createEmail(newEmail(job, now))) created.add(job);
  });
  const jobs = due.filter((job) => created.has(job));
  await ports.queue.enqueue(jobs);
  return { step, queued: jobs.length, ...(slice ? end : {}) };
};

/** The scheduled run: every open campaign whose next step has come. */
export const sendDueReminders = async (ports: ReminderPorts): Promise<ReminderSummary[]> => {
  const now = ports.clock.now();
  const out: ReminderSummary[] = [];
  for (const campaign of await ports.repository.listCampaigns()) {
    if (campaignState(campaign, now) !== "open") continue;
    for (const { step, groups } of dueReminderSteps(campaign, now))
      out.push(
        await remind(
          ports,
          campaign,
          step,
          undefined,
          groups.length < RESPONDENT_GROUPS.length ? groups : undefined,
        ),
      );
  }
  return out;
};

/** The step "remind now" sends at `now`: at most one an hour, so a double click sends nothing twice. */
export const remindNowStep = (now: Date) => `now-${now.toISOString().slice(0, 13)}`;

/**
 * "Remind now". A job names its step when it is asked for, so its chunks send the same step however
 * long it runs, and gives each chunk its slice of the invitations.
 */
export const remindNow = async (
  ports: ReminderPorts,
  campaignId: string,
  chunk: { step?: string; slice?: Slice } = {},
) => {
  const campaign = await ports.repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  const now = ports.clock.now();
  if (campaignState(campaign, now) !== "open") throw new Gone("campaign_closed", "The campaign is not open");
  return remind(ports, campaign, chunk.step ?? remindNowStep(now), chunk.slice);
};
