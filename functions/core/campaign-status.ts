// Where a campaign stands, member by member: who was reached, who saved a draft, who submitted,
// with counts by group and subregion, the reports compiled and the Secretariat's actions.
import { campaignState, type Campaign, type CampaignState } from "./campaign.ts";
import type { Member } from "./directory.ts";
import { BadRequest, NotFound } from "./errors.ts";
import { nextReminder, unreachable } from "./escalation.ts";
import type { Invitation } from "./invitations.ts";
import {
  AUDIT_SHOWN,
  type AuditEntry,
  type AuditStore,
  type CampaignStore,
  type DirectoryStore,
  type InvitationStore,
  type Ports,
  type ReportRecord,
  type ReportStore,
  type ResponseStore,
} from "./ports.ts";
import type { RespondentGroup } from "./questionnaire/definition.ts";
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
  if (response) return "draft";
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
  { code, member, contacts, response: r, state }: Entry,
  kept: Pick<ResponseVersion, "version">[],
): MemberStatus => {
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
  };
};

/**
 * Where a campaign stands, with one page of its members. Each list is read once and matched by key,
 * so the work grows with the campaign, not with its square (10,000 members: issue 18).
 */
export const campaignStatus = async (
  ports: {
    repository: AuditStore & CampaignStore & DirectoryStore & InvitationStore & ReportStore & ResponseStore;
  } & Pick<Ports, "clock">,
  campaignId: string,
  query: MemberQuery = {},
): Promise<CampaignStatus> => {
  const { repository } = ports;
  const campaign = await repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  const [members, invitations, responses, versions, reports, audit] = await Promise.all([
    repository.listMembers(),
    repository.listInvitations(campaignId),
    repository.listResponses(campaignId),
    repository.listKeptVersions(campaignId),
    repository.listReports(campaignId),
    repository.listAudit(campaignId, AUDIT_SHOWN),
  ]);
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
    members: shown.map((e) => memberRow(e, keptOf.get(e.code) ?? [])),
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
