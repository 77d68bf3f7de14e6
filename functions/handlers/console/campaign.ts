// One campaign's page: where it stands, a page of its members, its reports; and what can be done to
// it (send, remind, close, reopen, compile, extend the deadline): each a confirmation page stating its
// effect in numbers (a GET), whose button posts the action; then the result, with counts.
import { actionEffect, type CampaignAction } from "../../core/campaign-actions.ts";
import {
  campaignStatus,
  closeCampaign,
  extendDeadline,
  MEMBER_FILTERS,
  reopenCampaign,
  type CampaignStatus,
  type MemberFilter,
  type MemberQuery,
} from "../../core/campaign-status.ts";
import { closingTimeOf, HEADQUARTERS_TIME_ZONE, typedTime, wallClock } from "../../core/closing-time.ts";
import { BadRequest, ConsultaError } from "../../core/errors.ts";
import { startJob, type JobRequest } from "../../core/jobs.ts";
import { LANGUAGES, languageList } from "../../core/languages.ts";
import type { Ports } from "../../core/ports.ts";
import { attachment, redirect, storedFile } from "../../http/responses.ts";
import { secretariatFile } from "../../core/attach-files.ts";
import { attachmentHeaders } from "../../core/attachments.ts";
import { reportDownload } from "../campaign-admin.ts";
import { auditLines } from "./audit-lines.ts";
import { field, type ConsolePage, type Reply, type SignedInRequest } from "./page.ts";

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

/** What an action just done says at the top of the campaign page: its audit line's counts, worded. */
const DONE: Record<string, string> = {
  created: "created the campaign",
  close: "close",
  reopen: "reopen",
  extend: "extend",
  revoke: "revoked the link",
};

const doneText = (r: SignedInRequest, status: CampaignStatus) => {
  const action = DONE[r.query.done ?? ""];
  const line = action
    ? status.audit.find((a) => a.action === action && a.actor === r.session.email)
    : undefined;
  if (!line) return undefined;
  const closes = wallClock(status.campaign.closesAt, status.campaign.timeZone);
  return r.ports.views.translate(r.lang, `console.done.${r.query.done}`, {
    ...line.counts,
    date: `${closes.date} ${closes.time}`,
    zone: status.campaign.timeZone,
  });
};

/** A reminder step as the Secretariat names it: "10 days before closing", "remind now", "deadline extended". */
const stepText = (r: SignedInRequest, step: string) => {
  const days = /^d(\d+)$/.exec(step)?.[1];
  const t = (key: string, params?: Record<string, unknown>) => r.ports.views.translate(r.lang, key, params);
  if (days) return t("console.step.days", { days });
  return t(step.startsWith("extended-") ? "console.step.extended" : "console.step.now");
};

export const campaignPage: ConsolePage = {
  answer: async (r) => {
    const id = r.params.campaignId ?? "";
    const status = await campaignStatus(r.ports, id, memberQueryOf(r.query));
    const done = doneText(r, status);
    const prefillFrom = status.campaign.prefillFrom;
    const earlier = prefillFrom ? await r.ports.repository.getCampaign(prefillFrom) : undefined;
    return r.render("campaign", {
      ...status,
      ...memberLinks(id, status),
      // Every time on the page as the campaign's clock reads it.
      timeZone: status.campaign.timeZone,
      ...(done ? { doneText: done } : {}),
      ...(r.query.job ? { doneJob: `/console/jobs/${encodeURIComponent(r.query.job)}` } : {}),
      members: status.members.map((m) => ({
        ...m,
        reminders: m.reminders.map((line) => ({ ...line, stepText: stepText(r, line.step) })),
      })),
      audit: auditLines(r, status.audit),
      titleText: status.campaign.title[r.lang],
      prefill: prefillFrom && { id: prefillFrom, title: earlier?.title[r.lang] ?? prefillFrom },
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

/** A member's attached file, linked from the report: always a download (core/attachments.ts). */
export const memberAttachment: ConsolePage = {
  answer: async (r) => {
    const found = await secretariatFile(
      r.ports,
      r.params.campaignId ?? "",
      r.params.member ?? "",
      r.params.file ?? "",
    );
    return storedFile(found.bytes, attachmentHeaders(found.ref));
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

/** The counts an action's confirmation states, measured again when it is done, for its result. */
const countsOf = async (r: SignedInRequest, campaignId: string, action: CampaignAction) =>
  (await actionEffect(r.ports, campaignId, action)).counts;

export const closeNow: ConsolePage = {
  answer: async (r) => {
    const campaignId = r.params.campaignId ?? "";
    const counts = await countsOf(r, campaignId, "close");
    await closeCampaign(r.ports, campaignId);
    r.did({
      action: "close",
      campaignId,
      counts: { notSubmitted: counts.notSubmitted ?? 0, submitted: counts.submitted ?? 0 },
    });
    return redirect(`/console/campaigns/${campaignId}?done=close`);
  },
};

/** A new closing time typed as a day and a time in the campaign's zone; a day alone ends at 23:59. */
const typedClosing = (r: SignedInRequest, timeZone: string) => {
  const date = field(r.form, "closesDate") || field(r.form, "closesAt");
  const time = field(r.form, "closesTime");
  if (!date) return undefined;
  return time ? typedTime(date, time, timeZone) : closingTimeOf(date, timeZone);
};

export const reopen: ConsolePage = {
  answer: async (r) => {
    const campaignId = r.params.campaignId ?? "";
    const reopened = await refusedAsConfirmation(r, "reopen", async () =>
      reopenCampaign(r.ports, campaignId, typedClosing(r, await timeZoneOf(r.ports, campaignId))),
    );
    if ("refused" in reopened) return reopened.refused;
    const counts = await countsOf(r, campaignId, "reopen");
    r.did({ action: "reopen", campaignId, counts: { notSubmitted: counts.notSubmitted ?? 0 } });
    return redirect(`/console/campaigns/${campaignId}?done=reopen`);
  },
};

export const extend: ConsolePage = {
  answer: async (r) => {
    const campaignId = r.params.campaignId ?? "";
    const outcome = await refusedAsConfirmation(r, "extend", async () => {
      const at = typedClosing(r, await timeZoneOf(r.ports, campaignId));
      if (!at) throw new BadRequest("closing_date_needed", "Give the new closing date and time");
      return extendDeadline(r.ports, campaignId, at);
    });
    if ("refused" in outcome) return outcome.refused;
    const extended = outcome.done;
    let job = "";
    let notified = 0;
    if (r.form.notify) {
      // Told through a reminder step of its own: once per contact for this extension, with the new time.
      const started = await startJob(
        r.ports,
        { kind: "remind", campaignId, step: `extended-${extended.closesAt}` },
        r.session.email,
      );
      job = `&job=${encodeURIComponent(started.id)}`;
      notified = (await countsOf(r, campaignId, "extend")).contacts ?? 0;
    }
    r.did({
      action: "extend",
      campaignId,
      detail: `${extended.previous} → ${extended.closesAt}`,
      counts: { notSubmitted: extended.notSubmitted, notified },
    });
    return redirect(`/console/campaigns/${campaignId}?done=extend${job}`);
  },
};

/**
 * A refusal the person can correct (a date in the past, one not later than now) comes back as the
 * confirmation page, the typed date kept and the reason beside it; anything else goes on as an error.
 */
const refusedAsConfirmation = async <T>(
  r: SignedInRequest,
  action: "reopen" | "extend",
  act: () => Promise<T>,
): Promise<{ done: T } | { refused: Reply }> => {
  try {
    return { done: await act() };
  } catch (error) {
    if (!(error instanceof ConsultaError) || error.status !== 400) throw error;
    return { refused: await confirmationPage(r, action, error.code, 400) };
  }
};

/** The words and fields of each action's confirmation. */
const CONFIRM_FIELDS: Record<CampaignAction, { closing?: boolean; notify?: boolean; language?: boolean }> = {
  send: {},
  remind: {},
  close: {},
  reopen: { closing: true },
  compile: { language: true },
  extend: { closing: true, notify: true },
};

const confirmationPage = async (
  r: SignedInRequest,
  action: CampaignAction,
  errorCode?: string,
  status = 200,
): Promise<Reply> => {
  const campaignId = r.params.campaignId ?? "";
  const effect = await actionEffect(r.ports, campaignId, action);
  const { campaign } = effect;
  const t = (key: string, params?: Record<string, unknown>) => r.ports.views.translate(r.lang, key, params);
  const number = new Intl.NumberFormat(r.lang);
  const counts = Object.fromEntries(Object.entries(effect.counts).map(([k, v]) => [k, number.format(v)]));
  const now = wallClock(campaign.closesAt, campaign.timeZone);
  const fields = CONFIRM_FIELDS[action];
  return r.render(
    "confirm",
    {
      timeZone: campaign.timeZone,
      heading: t(`console.confirm.title.${action}`),
      titleText: campaign.title[r.lang],
      effectText: t(`console.confirm.effect.${action}`, counts),
      ...(effect.counts.prefills !== undefined
        ? { prefillText: t("console.confirm.effect.prefill", counts) }
        : {}),
      // Sending nothing is said plainly, and its button is still there: a resend picks up failures.
      closesNow: campaign.closesAt,
      postTo: `/console/campaigns/${encodeURIComponent(campaignId)}/${action}`,
      backHref: `/console/campaigns/${encodeURIComponent(campaignId)}`,
      confirmText: t(`console.confirm.button.${action}`, counts),
      ...fields,
      closesDate: field(r.form, "closesDate") || (action === "extend" ? now.date : ""),
      closesTime: field(r.form, "closesTime") || now.time,
      ...(errorCode ? { error: t(`console.confirm.error.${errorCode}`) } : {}),
    },
    status,
  );
};

/** GET on an action's address: what it would do, in numbers, and the button that does it. */
export const confirmAction = (action: CampaignAction): ConsolePage => ({
  answer: (r) => confirmationPage(r, action),
});
