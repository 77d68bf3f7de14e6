// One campaign's page: where it stands, a page of its members, its reports; and what can be done to
// it (send, remind, close, reopen, compile), each a form posting back here.
import {
  campaignStatus,
  closeCampaign,
  MEMBER_FILTERS,
  reopenCampaign,
  type CampaignStatus,
  type MemberFilter,
  type MemberQuery,
} from "../../core/campaign-status.ts";
import { closingTimeOf, HEADQUARTERS_TIME_ZONE } from "../../core/closing-time.ts";
import { startJob, type JobRequest } from "../../core/jobs.ts";
import { LANGUAGES, languageList } from "../../core/languages.ts";
import type { Ports } from "../../core/ports.ts";
import { attachment, redirect } from "../../http/responses.ts";
import { reportDownload } from "../campaign-admin.ts";
import { auditLines } from "./audit-lines.ts";
import { field, type ConsolePage, type SignedInRequest } from "./page.ts";

/** The campaign page's member list as asked in its address: ?q=…&filter=…&page=… */
const memberQueryOf = (query: Record<string, string | undefined>): MemberQuery => {
  const filter = MEMBER_FILTERS.find((f) => f === query.filter) ?? "all";
  const page = Number.parseInt(query.page ?? "", 10);
  return { search: (query.q ?? "").slice(0, 100), filter, page: Number.isFinite(page) ? page : 1 };
};

export const campaignHref = (id: string, query: { q?: string; filter?: MemberFilter; page?: number }) => {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.filter && query.filter !== "all") params.set("filter", query.filter);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return `/console/campaigns/${encodeURIComponent(id)}${search ? `?${search}` : ""}`;
};

/** The filters, each with its count, and the links to the pages around this one. */
const memberLinks = (id: string, { page, filters }: CampaignStatus) => {
  const q = page.search;
  return {
    filterLinks: MEMBER_FILTERS.map((filter) => ({
      filter,
      count: filters[filter],
      href: campaignHref(id, { q, filter }),
      current: filter === page.filter,
    })),
    shownFrom: page.matching ? (page.number - 1) * page.perPage + 1 : 0,
    shownTo: Math.min(page.number * page.perPage, page.matching),
    pager: page.pages > 1,
    ...(page.number > 1
      ? { previousHref: campaignHref(id, { q, filter: page.filter, page: page.number - 1 }) }
      : {}),
    ...(page.number < page.pages
      ? { nextHref: campaignHref(id, { q, filter: page.filter, page: page.number + 1 }) }
      : {}),
  };
};

export const campaignPage: ConsolePage = {
  answer: async (r) => {
    const id = r.params.campaignId ?? "";
    const status = await campaignStatus(r.ports, id, memberQueryOf(r.query));
    return r.render("campaign", {
      ...status,
      ...memberLinks(id, status),
      audit: auditLines(r, status.audit),
      titleText: status.campaign.title[r.lang],
      isOpen: status.state === "open",
      reportFiles: status.reports.map((report) => ({
        ...report,
        links: Object.values(report.files).map((key) => ({
          file: key.split("/").pop(),
          type: key.split(".").pop(),
        })),
      })),
    });
  },
};

export const reportFile: ConsolePage = {
  answer: async (r) => {
    const download = await reportDownload(r.ports, r.params.campaignId ?? "", r.params.file ?? "");
    return "url" in download ? redirect(download.url) : attachment(download.bytes, download.file);
  },
};

/** The zone a campaign's deadlines are kept in; a missing campaign is the use case's to report. */
export const timeZoneOf = async (ports: Ports, campaignId: string) =>
  (await ports.repository.getCampaign(campaignId))?.timeZone ?? HEADQUARTERS_TIME_ZONE;

/** Sending, reminding and compiling are jobs: the page that follows shows their progress. */
const jobAction = (job: (r: SignedInRequest, campaignId: string) => JobRequest): ConsolePage => ({
  answer: async (r) => {
    const campaignId = r.params.campaignId ?? "";
    const request = job(r, campaignId);
    const started = await startJob(r.ports, request, r.session.email);
    r.did({ action: request.kind, campaignId });
    return redirect(`/console/jobs/${started.id}`);
  },
});

export const startSending = jobAction((_, campaignId) => ({ kind: "send", campaignId }));
export const startReminding = jobAction((_, campaignId) => ({ kind: "remind", campaignId }));
export const startCompiling = jobAction((r, campaignId) => ({
  kind: "compile",
  campaignId,
  // "all" (the default) or one language.
  languages: languageList(field(r.form, "lang") === "all" ? undefined : field(r.form, "lang")) ?? [
    ...LANGUAGES,
  ],
  statementUrl: `${r.config.publicBaseUrl}/accessibility`,
}));

export const closeNow: ConsolePage = {
  answer: async (r) => {
    const campaignId = r.params.campaignId ?? "";
    await closeCampaign(r.ports, campaignId);
    r.did({ action: "close", campaignId });
    return redirect(`/console/campaigns/${campaignId}`);
  },
};

export const reopen: ConsolePage = {
  answer: async (r) => {
    const campaignId = r.params.campaignId ?? "";
    const closes = field(r.form, "closesAt");
    const closesAt = closes ? closingTimeOf(closes, await timeZoneOf(r.ports, campaignId)) : undefined;
    await reopenCampaign(r.ports, campaignId, closesAt);
    r.did({ action: "reopen", campaignId });
    return redirect(`/console/campaigns/${campaignId}`);
  },
};
