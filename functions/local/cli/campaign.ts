// consulta campaign: create, list and follow campaigns; send, remind, close, reopen, extend, with --dry-run.
import { HEADQUARTERS_TIME_ZONE } from "../../core/closing-time.ts";
import { MAX_MEMBERS_PER_PAGE, type CampaignStatus } from "../../core/campaign-status.ts";
import type { Campaign } from "../../core/campaign.ts";
import type { Invitation } from "../../core/invitations.ts";
import type { SendSummary } from "../../core/send-invitations.ts";
import type { AdminClient, JobView } from "../demo.ts";
import { jobStarted, listOf, need, print, startedJob, timeIn, UsageError, type Options } from "./options.ts";
import { agreeing, counted } from "./counts.ts";

/** The reminder plan from --reminders 10,3,1 and --reminders-to government: every step to those groups. */
export const reminderPlanOf = (o: Options) => {
  if (!o.reminders) return undefined;
  const days = listOf(o.reminders).map((d) => {
    if (!/^\d+$/.test(d)) throw new UsageError(`--reminders takes days like 10,3,1, not "${d}"`);
    return Number(d);
  });
  const groups = listOf(o["reminders-to"]);
  return days.map((d) => (groups.length ? { days: d, groups } : d));
};

/** What a bulk action would do, as the console's confirmation says it. */
export const effectText = (action: string, c: Record<string, number>) => {
  switch (action) {
    case "send":
      return (
        `Would send ${counted(c.invitations, "invitation")} to ${counted(c.members, "member")} (${c.invited} invited in all).` +
        (c.prefills === undefined
          ? ""
          : ` The drafts of up to ${counted(c.prefills, "member")} would start with their answers to the earlier campaign.`)
      );
    case "remind":
      return `Would send ${counted(c.reminders, "reminder")} to ${counted(c.members, "member")} who ${agreeing(c.members, "has", "have")} not submitted.`;
    case "extend":
      return `${c.notSubmitted} of ${counted(c.invited, "member")} ${agreeing(c.notSubmitted, "has", "have")} not submitted; --notify would email ${counted(c.contacts, "contact")} of ${counted(c.members, "member")}.`;
    case "compile":
      return `The report would count ${counted(c.submitted, "submitted answer")} of ${counted(c.invited, "member")} invited.`;
    default:
      return `${c.notSubmitted} of ${counted(c.invited, "member")} ${agreeing(c.notSubmitted, "has", "have")} not submitted (${c.drafts} ${agreeing(c.drafts, "has", "have")} a draft).`;
  }
};

export const dryRun = async (api: AdminClient, id: string, action: string, o: Options) => {
  const effect = await api<{ action: string; counts: Record<string, number> }>(
    "GET",
    `/api/campaigns/${encodeURIComponent(id)}/effects/${action}`,
  );
  print(effect, o.json, () => effectText(action, effect.counts));
  return 0;
};

export const sendReport = (out: SendSummary) =>
  [
    `Invitations: ${out.created} new, ${out.queued} queued, ${out.alreadySent} already sent.`,
    ...(out.prefilled === undefined ? [] : [`Drafts prefilled with last cycle's answers: ${out.prefilled}.`]),
    ...(out.inFlight
      ? [
          `${out.inFlight} still being delivered (a worker holds them until ${out.inFlightUntil ?? "its lease ends"}); ` +
            `if that delivery stopped, they are picked up again after it without pressing anything ` +
            `(the scheduled job: every minute locally, hourly on AWS).`,
        ]
      : []),
  ].join("\n");

/** A campaign's settings, for the zone its times are typed in. */
const campaignOf = async (api: AdminClient, id: string) =>
  (await api<CampaignStatus>("GET", `/api/campaigns/${encodeURIComponent(id)}?perPage=1`)).campaign;

export const campaign = async (
  api: AdminClient,
  sub: string | undefined,
  args: string[],
  o: Options,
): Promise<number> => {
  switch (sub) {
    case "create": {
      if (!o.questionnaire) throw new UsageError("--questionnaire ID is required");
      const [questionnaireId = "", version] = o.questionnaire.split("@");
      const timeZone = o["time-zone"] ?? HEADQUARTERS_TIME_ZONE;
      const plan = reminderPlanOf(o);
      const groups = listOf(o.groups);
      const subregions = listOf(o.subregions);
      const created = await api<Campaign>("POST", "/api/campaigns", {
        questionnaireId,
        ...(version ? { questionnaireVersion: Number(version) } : {}),
        closesAt: timeIn(o.closes, "--closes", timeZone),
        ...(o.opens ? { opensAt: timeIn(o.opens, "--opens", timeZone) } : {}),
        timeZone,
        ...(o.title ? { title: { es: o.title, en: o.title, fr: o.title, pt: o.title } } : {}),
        ...(plan ? { reminderPlan: plan } : {}),
        ...(groups.length ? { inviteGroups: groups } : {}),
        ...(subregions.length ? { inviteSubregions: subregions } : {}),
        ...(o.invite
          ? {
              invite: o.invite
                .split(/[\s,;]+/)
                .filter(Boolean)
                .map((c) => c.toUpperCase()),
            }
          : {}),
        ...(o.meeting ? { meeting: o.meeting } : {}),
        ...(o["prefill-from"] ? { prefillFrom: o["prefill-from"] } : {}),
      });
      print(
        created,
        o.json,
        () =>
          `Created campaign ${created.id}: ${counted(created.invited.length, "member")} invited, closes ${created.closesAt} (${created.timeZone}).` +
          (created.prefillFrom
            ? `\nEach member's draft starts with its latest answers to ${created.prefillFrom} when its invitation is sent.`
            : ""),
      );
      return 0;
    }
    case "list": {
      const { campaigns } = await api<{ campaigns: Campaign[] }>("GET", "/api/campaigns");
      print(
        campaigns,
        o.json,
        () =>
          campaigns
            .map(
              (c) =>
                `${c.id}  ${c.status.padEnd(6)}  closes ${c.closesAt}  ${String(c.invited.length).padStart(3)} invited  ${c.title.en}`,
            )
            .join("\n") || "No campaign yet.",
      );
      return 0;
    }
    case "status": {
      const [id = ""] = need(args, 1, "the campaign ID");
      // The API gives members a page at a time; the CLI lists them all.
      const s = await api<CampaignStatus>("GET", `/api/campaigns/${id}?perPage=${MAX_MEMBERS_PER_PAGE}`);
      for (let page = 2; page <= s.page.pages; page++) {
        const next = await api<CampaignStatus>(
          "GET",
          `/api/campaigns/${id}?perPage=${MAX_MEMBERS_PER_PAGE}&page=${page}`,
        );
        s.members.push(...next.members);
      }
      print(s, o.json, () =>
        [
          `${s.campaign.title.en} (${s.state}), closes ${s.campaign.closesAt}`,
          ...s.byGroup.map(
            (t) =>
              `  ${t.key.padEnd(12)} invited ${t.invited}, reached ${t.reached}, drafts ${t.drafts}, submitted ${t.submitted}`,
          ),
          ...s.members.map((m) => `  ${m.code.padEnd(7)} ${m.state.padEnd(10)} ${m.name}`),
        ].join("\n"),
      );
      return 0;
    }
    case "send":
    case "remind":
    case "close": {
      const [id = ""] = need(args, 1, "the campaign ID");
      if (o["dry-run"]) return dryRun(api, id, sub, o);
      const out = await api<Record<string, unknown>>("POST", `/api/campaigns/${id}/${sub}`);
      const job = startedJob(out);
      if (job) return jobStarted(job, o);
      print(out, o.json, () =>
        sub === "send"
          ? sendReport(out as SendSummary)
          : sub === "remind"
            ? `Reminders queued: ${String(out.queued)}.`
            : `Campaign ${id} is closed.`,
      );
      return 0;
    }
    case "reopen": {
      const [id = ""] = need(args, 1, "the campaign ID");
      if (o["dry-run"]) return dryRun(api, id, sub, o);
      const zone = o.closes ? (await campaignOf(api, id)).timeZone : HEADQUARTERS_TIME_ZONE;
      await api(
        "POST",
        `/api/campaigns/${id}/reopen`,
        o.closes ? { closesAt: timeIn(o.closes, "--closes", zone) } : {},
      );
      console.log(`Campaign ${id} is open again.`);
      return 0;
    }
    case "extend": {
      const [id = ""] = need(args, 1, "the campaign ID");
      if (o["dry-run"]) return dryRun(api, id, sub, o);
      const { timeZone } = await campaignOf(api, id);
      const out = await api<{ closesAt: string; previous: string; notSubmitted: number; job?: JobView }>(
        "POST",
        `/api/campaigns/${id}/extend`,
        { closesAt: timeIn(o.closes, "--closes", timeZone), notify: o.notify === true },
      );
      print(
        out,
        o.json,
        () =>
          `Campaign ${id} now closes ${out.closesAt} (${timeZone}; was ${out.previous}); ${counted(out.notSubmitted, "member")} ${agreeing(out.notSubmitted, "has", "have")} not submitted.` +
          (out.job ? ` Telling them: job ${out.job.id} (consulta job status ${out.job.id}).` : ""),
      );
      return 0;
    }
    case "delivery": {
      const [id = ""] = need(args, 1, "the campaign ID");
      const { invitations } = await api<{
        invitations: (Invitation & { emails: { kind: string; n: string; status: string }[] })[];
      }>("GET", `/api/campaigns/${id}/invitations`);
      print(invitations, o.json, () =>
        invitations
          .map(
            (i) =>
              `${i.memberCode.padEnd(7)} ${i.contactId.padEnd(14)} ${i.state.padEnd(10)} ${i.email}${i.failureReason ? `  (${i.failureReason})` : ""}  ${i.emails.map((e) => `${e.kind}:${e.n}:${e.status}`).join(" ")}`,
          )
          .join("\n"),
      );
      return 0;
    }
    case "new-link":
    case "revoke-link":
    case "bounce": {
      const [id, member, contact] = need(args, 3, "ID MEMBER CONTACT") as [string, string, string];
      const base = `/api/campaigns/${id}/invitations/${member}/${contact}`;
      const out = await (sub === "bounce"
        ? api<Invitation>("POST", `${base}/events`, {
            type: "bounce",
            detail: "Recorded from the command line",
          })
        : api<Invitation>("POST", `${base}/${sub === "new-link" ? "replace" : "revoke"}`));
      print(out, o.json, () => `${member}/${contact}: ${out.state}`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command: campaign ${sub ?? ""}`);
  }
};
