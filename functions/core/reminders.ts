// Reminders: each step of a campaign's plan is sent once to every reachable contact of members who
// have not submitted; "remind now" does the same on the Secretariat's word.
import { campaignState, type Campaign } from "./campaign.ts";
import { forEachConcurrently } from "./concurrently.ts";
import { Gone, NotFound } from "./errors.ts";
import { isReachable, newEmail, type EmailJob } from "./invitations.ts";
import type { CampaignStore, EmailStore, InvitationStore, Ports, ResponseStore } from "./ports.ts";
import { sliceOf, type Slice, type SliceEnd } from "./slice.ts";

export const DEFAULT_REMINDER_PLAN = [14, 7, 2];
/** Email records written at once while reminding: DynamoDB takes them in parallel, 16 keeps it gentle. */
export const REMINDER_WRITES_AT_ONCE = 16;
const DAY = 24 * 3600 * 1000;

/**
 * The step due now: the latest whose time has come. Steps already past when the campaign opened
 * are not sent in a burst; only the most recent one counts.
 */
export const dueReminderStep = (campaign: Campaign, now: Date): string | undefined => {
  const closes = Date.parse(campaign.closesAt);
  const opened = Date.parse(campaign.opensAt);
  const due = (campaign.reminderPlan ?? DEFAULT_REMINDER_PLAN)
    .filter((days) => closes - days * DAY <= now.getTime() && closes - days * DAY >= opened)
    .sort((a, b) => a - b);
  return due.length ? `d${due[0]}` : undefined;
};

export type ReminderSummary = { step: string; queued: number } & Partial<SliceEnd>;

const remind = async (
  ports: { repository: EmailStore & InvitationStore & ResponseStore } & Pick<Ports, "queue" | "clock">,
  campaign: Campaign,
  step: string,
  slice?: Slice,
): Promise<ReminderSummary> => {
  const { repository, clock } = ports;
  const [every, responses] = await Promise.all([
    repository.listInvitations(campaign.id),
    repository.listResponses(campaign.id),
  ]);
  const submitted = new Set(responses.filter((r) => r.submittedVersion).map((r) => r.memberCode));
  const { items: invitations, end } = sliceOf(every, (i) => `${i.memberCode}/${i.contactId}`, slice);
  const now = clock.now();
  const due: EmailJob[] = [];
  for (const inv of invitations) {
    // Contributors answer to their focal point, not to the Secretariat: reminders go to signatories.
    if ((inv.role ?? "signatory") !== "signatory") continue;
    if (inv.state !== "sent" || !isReachable(inv) || submitted.has(inv.memberCode)) continue;
    if (inv.unsubscribedAt) continue; // they asked for no more reminders
    due.push({
      campaignId: campaign.id,
      memberCode: inv.memberCode,
      contactId: inv.contactId,
      kind: "reminder",
      n: step,
    });
  }
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
export const sendDueReminders = async (
  ports: { repository: CampaignStore & EmailStore & InvitationStore & ResponseStore } & Pick<
    Ports,
    "queue" | "clock"
  >,
): Promise<ReminderSummary[]> => {
  const now = ports.clock.now();
  const out: ReminderSummary[] = [];
  for (const campaign of await ports.repository.listCampaigns()) {
    if (campaignState(campaign, now) !== "open") continue;
    const step = dueReminderStep(campaign, now);
    if (step) out.push(await remind(ports, campaign, step));
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
  ports: { repository: CampaignStore & EmailStore & InvitationStore & ResponseStore } & Pick<
    Ports,
    "queue" | "clock"
  >,
  campaignId: string,
  chunk: { step?: string; slice?: Slice } = {},
) => {
  const campaign = await ports.repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  const now = ports.clock.now();
  if (campaignState(campaign, now) !== "open") throw new Gone("campaign_closed", "The campaign is not open");
  return remind(ports, campaign, chunk.step ?? remindNowStep(now), chunk.slice);
};
