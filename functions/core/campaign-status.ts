// Where a campaign stands, member by member: who was reached, who saved a draft, who submitted,
// with counts by group and subregion, the reports compiled and the Secretariat's actions.
import { untouchedPrefill } from "./prefill.ts";
import { campaignState, type Campaign, type CampaignState } from "./campaign.ts";
import { closingTimeOf } from "./closing-time.ts";
import type { Member } from "./directory.ts";
import { BadRequest, Gone, NotFound } from "./errors.ts";
import { nextReminder, unreachable } from "./escalation.ts";
import type { EmailRecord, Invitation } from "./invitations.ts";
import {
  AUDIT_SHOWN,
  type AuditEntry,
  type AuditStore,
  type CampaignStore,
  type DirectoryStore,
  type EmailStore,
  type InvitationStore,
  type Ports,
  type ReportRecord,
  type ReportStore,
  type ResponseStore,
} from "./ports.ts";
import type { RespondentGroup } from "./questionnaire/definition.ts";
import { nextReminderFor, remindable } from "./reminders.ts";
import { submissionNumber, type Response, type ResponseVersion } from "./responses.ts";

export type MemberState = "not-sent" | "sent" | "failed" | "bounced" | "draft" | "submitted";

export type MemberStatus = {
  code: string;
  name: string;
  group: RespondentGroup;
  subregion: string | undefined;
  state: MemberState;
  contacts: (Omit<Invitation, "tokenHashes"> & { name: string; isContributor: boolean })[];
  response?: {
    status: "draft" | "submitted";
    updatedAt: string;
    updatedBy: string;
    submittedAt?: string;
    version?: number;
    reopenedUntil?: string;
    reopenReason?: string;
  };
  /** Nobody at the member can be reached, and the directory has an alternate contact to try. */
  escalate?: { name: string; email: string };
  /** The reminders sent or on their way to its contacts, oldest first: one line per step. */
  reminders: { step: string; status: EmailRecord["status"]; contacts: number; at: string }[];
  /** The next step of the plan that will reach it, if it still would (not submitted, reachable). */
  nextReminder?: { step: string; at: string };
};

export type Tally = { key: string; invited: number; reached: number; drafts: number; submitted: number };

/** The members the campaign page lists: all, those without an answer, drafts only, submitted, unreachable. */
export const MEMBER_FILTERS = ["all", "not-answered", "draft", "submitted", "bounced"] as const;
export type MemberFilter = (typeof MEMBER_FILTERS)[number];
export const MEMBERS_PER_PAGE = 50;
/** A page of members stays far under Lambda's 6 MB response (1-2 KB a member). */
export const MAX_MEMBERS_PER_PAGE = 500;

/** Which members to list: a search on name or code, a filter, a page. */
export type MemberQuery = { search?: string; filter?: MemberFilter; page?: number; perPage?: number };

export type MemberPage = {
  number: number;
  pages: number;
  perPage: number;
  /** Members matching the search and filter, on every page. */
  matching: number;
  search: string;
  filter: MemberFilter;
};

export type CampaignStatus = {
  campaign: Campaign;
  state: CampaignState;
  /** One page of the members matching the query, in the campaign's order. */
  members: MemberStatus[];
  page: MemberPage;
  /** How many members each filter lists, under the same search. */
  filters: Record<MemberFilter, number>;
  byGroup: Tally[];
  bySubregion: Tally[];
  reports: ReportRecord[];
  /** The newest lines of the campaign's audit log. */
  audit: AuditEntry[];
  nextReminder: { step: string; at: string } | undefined;
};

const memberState = (contacts: Invitation[], response: Response | undefined): MemberState => {
  if (response?.status === "submitted" || response?.submittedAt) return "submitted";
  // A draft prefilled from an earlier campaign is not the member's own until someone saves it.
  if (response && !untouchedPrefill(response)) return "draft";
  if (contacts.some((c) => c.state === "sent")) return "sent";
  if (contacts.length && contacts.every((c) => c.state === "bounced" || c.state === "complained"))
    return "bounced";
  if (contacts.some((c) => c.state === "failed")) return "failed";
  return "not-sent";
};

const inFilter = (state: MemberState, filter: MemberFilter) => {
  switch (filter) {
    case "all":
      return true;
    case "not-answered":
      return state !== "draft" && state !== "submitted";
    case "bounced":
      return state === "bounced" || state === "failed";
    default:
      return state === filter;
  }
};

/** Accents and case aside, so "peru" finds Perú. */
const folded = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim();

const groupBy = <T>(items: readonly T[], keyOf: (item: T) => string) => {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
};

type Entry = {
  code: string;
  member: Member;
  contacts: Invitation[];
  response?: Response;
  state: MemberState;
  reminders: EmailRecord[];
};

/** A member's reminder emails, one line per step: how many of its contacts, and the furthest state. */
const reminderLines = (emails: EmailRecord[]): MemberStatus["reminders"] => {
  const rank: Record<EmailRecord["status"], number> = {
    cancelled: 0,
    failed: 1,
    pending: 2,
    sending: 3,
    sent: 4,
  };
  const out = new Map<string, MemberStatus["reminders"][number]>();
  for (const e of emails) {
    const at = e.sentAt ?? e.createdAt;
    const line = out.get(e.n);
    if (!line) out.set(e.n, { step: e.n, status: e.status, contacts: 1, at });
    else {
      line.contacts++;
      if (rank[e.status] > rank[line.status]) line.status = e.status;
      if (at < line.at) line.at = at;
    }
  }
  return [...out.values()].sort((a, b) => a.at.localeCompare(b.at));
};

const tally = (entries: Entry[], keyOf: (m: Member) => string | undefined): Tally[] => {
  const out = new Map<string, Tally>();
  for (const { member, state } of entries) {
    const key = keyOf(member);
    if (!key) continue;
    const t = out.get(key) ?? { key, invited: 0, reached: 0, drafts: 0, submitted: 0 };
    t.invited++;
    if (state !== "not-sent" && state !== "failed" && state !== "bounced") t.reached++;
    if (state === "draft") t.drafts++;
    if (state === "submitted") t.submitted++;
    out.set(key, t);
  }
  return [...out.values()];
};

/** The full row of one member: built for the page shown only. */
const memberRow = (
  { code, member, contacts, response: r, state, reminders }: Entry,
  kept: Pick<ResponseVersion, "version">[],
  next: (entry: {
    member: Member;
    contacts: Invitation[];
    submitted: boolean;
  }) => MemberStatus["nextReminder"],
): MemberStatus => {
  const upcoming = next({ member, contacts, submitted: state === "submitted" });
  const contactNames = new Map(member.contacts.map((c) => [c.id, c.name]));
  const response: MemberStatus["response"] = r
    ? {
        status: r.status,
        updatedAt: r.updatedAt,
        updatedBy: r.updatedBy.name,
        ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}),
        // What the Secretariat calls a submission is its number among the member's submissions, not
        // the stored version, which counts drafts too.
        ...(r.submittedVersion ? { version: submissionNumber(kept, r.submittedVersion) } : {}),
        ...(r.reopenedUntil ? { reopenedUntil: r.reopenedUntil, reopenReason: r.reopenReason } : {}),
      }
    : undefined;
  return {
    code,
    name: member.name.en,
    group: member.group,
    subregion: member.subregion,
    state,
    contacts: contacts.map(({ tokenHashes: _t, ...c }) => ({
      ...c,
      // A contributor is known to the invitation only, not to the directory.
      name: c.name ?? contactNames.get(c.contactId) ?? c.email,
      isContributor: c.role === "contributor",
    })),
    ...(response ? { response } : {}),
    ...(member.alternateContact &&
    unreachable(contacts) &&
    !contacts.some((c) => c.contactId === member.alternateContact?.id)
      ? { escalate: { name: member.alternateContact.name, email: member.alternateContact.email } }
      : {}),
    reminders: reminderLines(reminders),
    ...(upcoming ? { nextReminder: upcoming } : {}),
  };
};

/**
 * Where a campaign stands, with one page of its members. Each list is read once and matched by key,
 * so the work grows with the campaign, not with its square (10,000 members: issue 18).
 */
export const campaignStatus = async (
  ports: {
    repository: AuditStore &
      CampaignStore &
      DirectoryStore &
      EmailStore &
      InvitationStore &
      ReportStore &
      ResponseStore;
  } & Pick<Ports, "clock">,
  campaignId: string,
  query: MemberQuery = {},
): Promise<CampaignStatus> => {
  const { repository } = ports;
  const campaign = await repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  const [members, invitations, responses, versions, reports, audit, emails] = await Promise.all([
    repository.listMembers(),
    repository.listInvitations(campaignId),
    repository.listResponses(campaignId),
    repository.listKeptVersions(campaignId),
    repository.listReports(campaignId),
    repository.listAudit(campaignId, AUDIT_SHOWN),
    // For each member's reminder history: read once, matched by member like the other lists.
    repository.listEmails(campaignId),
  ]);
  const remindersOf = groupBy(
    emails.filter((e) => e.kind === "reminder"),
    (e) => e.memberCode,
  );
  const byCode = new Map<string, Member>(members.map((m) => [m.code, m]));
  const invitationsOf = groupBy(invitations, (i) => i.memberCode);
  const responseOf = new Map(responses.map((r) => [r.memberCode, r]));
  const keptOf = groupBy(versions, (v) => v.memberCode);

  const entries: Entry[] = [];
  for (const code of campaign.invited) {
    const member = byCode.get(code);
    if (!member) continue;
    const contacts = invitationsOf.get(code) ?? [];
    const response = responseOf.get(code);
    entries.push({
      code,
      member,
      contacts,
      state: memberState(contacts, response),
      ...(response ? { response } : {}),
      reminders: remindersOf.get(code) ?? [],
    });
  }

  const search = folded(query.search ?? "");
  const searched = search
    ? entries.filter(
        (e) =>
          folded(e.code).includes(search) ||
          Object.values(e.member.name).some((n) => folded(n).includes(search)),
      )
    : entries;
  const filters = Object.fromEntries(MEMBER_FILTERS.map((f) => [f, 0])) as Record<MemberFilter, number>;
  for (const { state } of searched) for (const f of MEMBER_FILTERS) if (inFilter(state, f)) filters[f]++;
  const filter = query.filter ?? "all";
  const matching = filter === "all" ? searched : searched.filter((e) => inFilter(e.state, filter));
  const perPage = Math.min(Math.max(1, Math.floor(query.perPage ?? MEMBERS_PER_PAGE)), MAX_MEMBERS_PER_PAGE);
  const pages = Math.max(1, Math.ceil(matching.length / perPage));
  const number = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pages);
  const shown = matching.slice((number - 1) * perPage, number * perPage);

  const now = ports.clock.now();
  const state = campaignState(campaign, now);
  return {
    campaign,
    state,
    members: shown.map((e) =>
      memberRow(e, keptOf.get(e.code) ?? [], ({ member, contacts, submitted }) =>
        state === "open" && remindable(contacts, new Set(submitted ? [member.code] : [])).length > 0
          ? nextReminderFor(campaign, member.group, now)
          : undefined,
      ),
    ),
    page: { number, pages, perPage, matching: matching.length, search: query.search?.trim() ?? "", filter },
    filters,
    byGroup: tally(entries, (m) => m.group),
    bySubregion: tally(entries, (m) => m.subregion),
    reports,
    audit,
    nextReminder: state === "open" ? nextReminder(campaign, now) : undefined,
  };
};

export const closeCampaign = async (ports: { repository: CampaignStore }, campaignId: string) => {
  if (!(await ports.repository.getCampaign(campaignId)))
    throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  await ports.repository.setCampaignStatus(campaignId, "closed");
};

/** Reopens a campaign; when its closing date has passed, a new one must be given. */
export const reopenCampaign = async (
  ports: { repository: CampaignStore } & Pick<Ports, "clock">,
  campaignId: string,
  closesAt?: string,
) => {
  const campaign = await ports.repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  const closes = closesAt ? new Date(closesAt) : new Date(campaign.closesAt);
  if (Number.isNaN(closes.getTime()) || closes <= ports.clock.now()) {
    throw new BadRequest("closing_date_needed", "To reopen, give a closing date in the future");
  }
  await ports.repository.setCampaignStatus(campaignId, "open", closesAt ? closes.toISOString() : undefined);
};

/** What extending a deadline did: the new closing time, and the members who may still answer. */
export type Extension = { closesAt: string; previous: string; notSubmitted: number };

/**
 * Moves the closing time of an open campaign later; the plan's reminders follow the new deadline.
 * A time earlier than the current one is refused: closing early is "close".
 */
export const extendDeadline = async (
  ports: { repository: CampaignStore & ResponseStore } & Pick<Ports, "clock">,
  campaignId: string,
  closesAt: string,
): Promise<Extension> => {
  const campaign = await ports.repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  if (campaignState(campaign, ports.clock.now()) === "closed")
    throw new Gone("campaign_closed", "The campaign is closed: reopen it with a new closing date");
  const closes = new Date(closingTimeOf(closesAt, campaign.timeZone));
  if (Number.isNaN(closes.getTime()))
    throw new BadRequest("invalid_closing_time", "Give the new closing date and time");
  if (closes.getTime() <= Date.parse(campaign.closesAt))
    throw new BadRequest("extension_not_later", "The new closing time must be later than the current one");
  await ports.repository.setCampaignStatus(campaignId, "open", closes.toISOString());
  const responses = await ports.repository.listResponses(campaignId);
  const submitted = new Set(responses.filter((r) => r.submittedVersion).map((r) => r.memberCode));
  return {
    closesAt: closes.toISOString(),
    previous: campaign.closesAt,
    notSubmitted: campaign.invited.filter((code) => !submitted.has(code)).length,
  };
};
