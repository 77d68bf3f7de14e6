// Where a campaign stands, member by member: who was reached, who saved a draft, who submitted,
// with counts by group and subregion, the reports compiled and the Secretariat's actions.
import { campaignState, type Campaign, type CampaignState } from "./campaign.ts";
import type { Member } from "./directory.ts";
import { BadRequest, NotFound } from "./errors.ts";
import { nextReminder, unreachable } from "./escalation.ts";
import type { Invitation } from "./invitations.ts";
import type { AuditEntry, Ports, ReportRecord } from "./ports.ts";
import type { RespondentGroup } from "./questionnaire/definition.ts";
import { forEachConcurrently } from "./concurrently.ts";
import { submissionNumber } from "./responses.ts";

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

export type CampaignStatus = {
  campaign: Campaign;
  state: CampaignState;
  members: MemberStatus[];
  byGroup: Tally[];
  bySubregion: Tally[];
  reports: ReportRecord[];
  audit: AuditEntry[];
  nextReminder: { step: string; at: string } | undefined;
};

const memberState = (contacts: Invitation[], response: MemberStatus["response"]): MemberState => {
  if (response?.status === "submitted" || response?.submittedAt) return "submitted";
  if (response) return "draft";
  if (contacts.some((c) => c.state === "sent")) return "sent";
  if (contacts.length && contacts.every((c) => c.state === "bounced" || c.state === "complained"))
    return "bounced";
  if (contacts.some((c) => c.state === "failed")) return "failed";
  return "not-sent";
};

const tally = (members: MemberStatus[], keyOf: (m: MemberStatus) => string | undefined): Tally[] => {
  const out = new Map<string, Tally>();
  for (const m of members) {
    const key = keyOf(m);
    if (!key) continue;
    const t = out.get(key) ?? { key, invited: 0, reached: 0, drafts: 0, submitted: 0 };
    t.invited++;
    if (m.state !== "not-sent" && m.state !== "failed" && m.state !== "bounced") t.reached++;
    if (m.state === "draft") t.drafts++;
    if (m.state === "submitted") t.submitted++;
    out.set(key, t);
  }
  return [...out.values()];
};

export const campaignStatus = async (
  ports: Pick<Ports, "repository" | "clock">,
  campaignId: string,
): Promise<CampaignStatus> => {
  const { repository } = ports;
  const campaign = await repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  const [members, invitations, responses, reports, audit] = await Promise.all([
    repository.listMembers(),
    repository.listInvitations(campaignId),
    repository.listResponses(campaignId),
    repository.listReports(campaignId),
    repository.listAudit(campaignId),
  ]);
  const byCode = new Map<string, Member>(members.map((m) => [m.code, m]));
  // What the Secretariat calls a submission is its number among the member's submissions, not the
  // stored version, which counts drafts too.
  const numbers = new Map<string, number>();
  await forEachConcurrently(
    responses.filter((r) => r.submittedVersion),
    8,
    async ({ memberCode, submittedVersion = 0 }) => {
      const kept = await repository.listResponseVersions(campaignId, memberCode);
      numbers.set(memberCode, submissionNumber(kept, submittedVersion));
    },
  );
  const rows: MemberStatus[] = campaign.invited.flatMap((code) => {
    const member = byCode.get(code);
    if (!member) return [];
    const contacts = invitations.filter((i) => i.memberCode === code);
    const r = responses.find((x) => x.memberCode === code);
    const response: MemberStatus["response"] = r
      ? {
          status: r.status,
          updatedAt: r.updatedAt,
          updatedBy: r.updatedBy.name,
          ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}),
          ...(r.submittedVersion ? { version: numbers.get(code) ?? r.submittedVersion } : {}),
          ...(r.reopenedUntil ? { reopenedUntil: r.reopenedUntil, reopenReason: r.reopenReason } : {}),
        }
      : undefined;
    return [
      {
        code,
        name: member.name.en,
        group: member.group,
        subregion: member.subregion,
        state: memberState(contacts, response),
        contacts: contacts.map(({ tokenHashes: _t, ...c }) => ({
          ...c,
          // A contributor is known to the invitation only, not to the directory.
          name: c.name ?? member.contacts.find((x) => x.id === c.contactId)?.name ?? c.email,
          isContributor: c.role === "contributor",
        })),
        ...(response ? { response } : {}),
        ...(member.alternateContact &&
        unreachable(contacts) &&
        !contacts.some((c) => c.contactId === member.alternateContact?.id)
          ? { escalate: { name: member.alternateContact.name, email: member.alternateContact.email } }
          : {}),
      },
    ];
  });
  return {
    campaign,
    state: campaignState(campaign, ports.clock.now()),
    members: rows,
    byGroup: tally(rows, (m) => m.group),
    bySubregion: tally(rows, (m) => m.subregion),
    reports,
    audit,
    nextReminder:
      campaignState(campaign, ports.clock.now()) === "open"
        ? nextReminder(campaign, ports.clock.now())
        : undefined,
  };
};

export const closeCampaign = async (ports: Pick<Ports, "repository">, campaignId: string) => {
  if (!(await ports.repository.getCampaign(campaignId)))
    throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  await ports.repository.setCampaignStatus(campaignId, "closed");
};

/** Reopens a campaign; when its closing date has passed, a new one must be given. */
export const reopenCampaign = async (
  ports: Pick<Ports, "repository" | "clock">,
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
