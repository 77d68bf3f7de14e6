// /console: the Secretariat's signed-in web console. Server-rendered pages over the same core calls
// as the admin API; every state-changing form carries a CSRF token and leaves an audit line.
import * as z from "zod";
import { CampaignInput, openCampaign } from "../core/campaign.ts";
import { closingTimeOf, HEADQUARTERS_TIME_ZONE } from "../core/closing-time.ts";
import {
  campaignStatus,
  closeCampaign,
  MEMBER_FILTERS,
  reopenCampaign,
  type CampaignStatus,
  type MemberFilter,
  type MemberQuery,
} from "../core/campaign-status.ts";
import { replaceContactLink, revokeContactLink } from "../core/contact-links.ts";
import type { Contact, Member } from "../core/directory.ts";
import { exportDirectory, previewDirectoryImport } from "../core/directory-admin.ts";
import { BadRequest, ConsultaError, Forbidden, NotFound } from "../core/errors.ts";
import { isFinished, jobView, startJob, watchJob, type Job } from "../core/jobs.ts";
import type { Language } from "../core/languages.ts";
import type { Ports } from "../core/ports.ts";
import { inviteAlternateContact, reopenMemberAnswer } from "../core/escalation.ts";
import {
  contactsVersion,
  editMemberContacts,
  type ContactProblem,
  type ContactRow,
} from "../core/member-contacts.ts";
import { verifyReceipt } from "../core/receipts.ts";
import {
  completeSignIn,
  csrfMatches,
  endSession,
  readSession,
  requestSignIn,
  SESSION_HOURS,
  type SignedInSession,
} from "../core/secretariat-auth.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { multipartBody } from "../http/multipart.ts";
import { formBody, header, requestLanguage, validated, type HttpEvent } from "../http/request.ts";
import { decodeSegment } from "../http/routes.ts";
import { countMetric } from "../adapters/telemetry.ts";
import { SIGN_IN_REFUSED } from "../http/metric-names.ts";
import { htmlResponse, redirect } from "../http/responses.ts";
import { contentTypeOf, reportDownload } from "./campaign-admin.ts";
import { sqsEmailQueue } from "../adapters/sqs-email-queue.ts";
import { sqsJobQueue } from "../adapters/sqs-job-queue.ts";
import { s3BlobStore } from "../adapters/s3-blob-store.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

const COOKIE = "consulta_session";

const cookieOf = (event: HttpEvent) =>
  (event.cookies ?? (header(event, "cookie") ?? "").split(";"))
    .map((c) => c.trim().split("="))
    .find(([name]) => name === COOKIE)?.[1];

const sessionCookie = (value: string, maxAge: number) =>
  `${COOKIE}=${value}; Path=/console; HttpOnly; Secure; SameSite=Strict; Max-Age=${maxAge}`;

/** A page path inside /console, split into its parts. */
const partsOf = (event: HttpEvent) =>
  event.rawPath
    .replace(/^\/console\/?/, "")
    .split("/")
    .filter(Boolean)
    .map((p) => decodeSegment(p) ?? p); // a malformed escape names no page: left as is, it finds none

const attachment = (bytes: Uint8Array, file: string) => ({
  statusCode: 200,
  headers: {
    "content-type": contentTypeOf(file),
    "content-disposition": `attachment; filename="${file}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  },
  body: Buffer.from(bytes).toString("base64"),
  isBase64Encoded: true,
});

const ContactsForm = z.object({
  contacts: z
    .array(
      z.object({
        id: z.string().optional(),
        name: z.string(),
        email: z.string(),
        role: z.string(),
        language: z.string(),
      }),
    )
    .default([]),
});

export const createConsoleHandler = (runtime: Runtime) =>
  httpHandler(runtime, async (event, ports, config) => {
    const method = event.requestContext.http.method;
    const parts = partsOf(event);
    const lang: Language = requestLanguage(event) === "es" ? "es" : "en";
    const settings = {
      allowlist: config.allowlist,
      sessionSecret: await runtime.secrets().sessionSecret(),
    };
    const page = (template: string, context: object, status = 200, headers: Record<string, string> = {}) =>
      htmlResponse(status, ports.views.render(`web/console/${template}`, { lang, ...context }), headers);

    // Signing in: the only pages open without a session.
    if (parts[0] === "sign-in") {
      const token = parts[1];
      if (!token && method === "GET") return page("sign-in", {});
      if (!token && method === "POST") {
        const form = formBody(event, config.maxBodyBytes);
        const refusal = await requestSignIn(ports, settings, {
          email: String(form.email ?? ""),
          client: event.requestContext.http.sourceIp,
          lang,
        });
        // Which limit refused goes with the metric; never the address or the client.
        if (refusal) countMetric(SIGN_IN_REFUSED, { limit: refusal.refused });
        // The same page whether or not the address is allowed: nobody learns who is.
        return page("sign-in-sent", {});
      }
      // A GET only shows a button: mail scanners that follow links must not spend the link.
      if (token && method === "GET") return page("sign-in-confirm", {});
      if (token && method === "POST") {
        const session = await completeSignIn(ports, settings, token);
        await ports.repository.putAudit({
          at: ports.clock.now().toISOString(),
          actor: session.email,
          action: "signed in",
        });
        return redirect("/console", { "set-cookie": sessionCookie(session.cookie, SESSION_HOURS * 3600) });
      }
    }

    const session = await readSession(ports, settings, cookieOf(event));
    if (!session) {
      if (method === "GET") return redirect("/console/sign-in");
      throw new ConsultaError(401, "session_expired", "Your session has ended; sign in again");
    }
    let form: Record<string, unknown> = {};
    if (method === "POST") {
      const isUpload = (header(event, "content-type") ?? "").startsWith("multipart/form-data");
      const upload = isUpload ? await multipartBody(event, config.maxBodyBytes) : undefined;
      form = upload ? { ...upload.fields, upload: upload.files[0] } : formBody(event, config.maxBodyBytes);
      if (!csrfMatches(session, form.csrf))
        throw new Forbidden("csrf_failed", "This form has expired; reload the page and try again");
    }
    const audit = (action: string, campaignId?: string, target?: string) =>
      ports.repository.putAudit({
        at: ports.clock.now().toISOString(),
        actor: session.email,
        action,
        ...(campaignId ? { campaignId } : {}),
        ...(target ? { target } : {}),
      });
    const base = { signedInAs: session.email, csrf: session.csrf };
    return route(ports, {
      method,
      query: event.queryStringParameters ?? {},
      parts,
      form,
      session,
      audit,
      page: (t, c, s) => page(t, { ...base, ...c }, s),
      lang,
      publicBaseUrl: config.publicBaseUrl,
    });
  });

/** The campaign page's member list as asked in its address: ?q=…&filter=…&page=… */
const memberQueryOf = (query: Record<string, string | undefined>): MemberQuery => {
  const filter = MEMBER_FILTERS.find((f) => f === query.filter) ?? "all";
  const page = Number.parseInt(query.page ?? "", 10);
  return { search: (query.q ?? "").slice(0, 100), filter, page: Number.isFinite(page) ? page : 1 };
};

const campaignHref = (id: string, query: { q?: string; filter?: MemberFilter; page?: number }) => {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.filter && query.filter !== "all") params.set("filter", query.filter);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return `/console/campaigns/${encodeURIComponent(id)}${search ? `?${search}` : ""}`;
};

/** After acting on one member, back to the list showing that member (it may be on any page). */
const memberHref = (id: string, memberCode: string) =>
  `${campaignHref(id, { q: memberCode })}#member-${encodeURIComponent(memberCode)}`;

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

type Context = {
  method: string;
  query: Record<string, string | undefined>;
  parts: string[];
  form: Record<string, unknown>;
  session: SignedInSession;
  lang: Language;
  audit: (action: string, campaignId?: string, target?: string) => Promise<void>;
  page: (template: string, context: object, status?: number) => ReturnType<typeof htmlResponse>;
  /** Where the compiled report links to the accessibility statement. */
  publicBaseUrl: string;
};

/** The zone a campaign's deadlines are kept in; a missing campaign is the use case's to report. */
const timeZoneOf = async (ports: Ports, campaignId: string) =>
  (await ports.repository.getCampaign(campaignId))?.timeZone ?? HEADQUARTERS_TIME_ZONE;

const route = async (ports: Ports, c: Context) => {
  const { method, parts, form, page, audit } = c;
  const [first, id, second, ...rest] = parts;

  /**
   * A member's contacts: the rows as stored or as typed (one empty row to add a contact), what was
   * wrong with them, or, after a conflict, what is stored now. Saving again saves over what it shows.
   */
  const memberPage = (
    member: Member,
    rows: (ContactRow | Contact)[],
    outcome: { conflict?: boolean; problems?: ContactProblem[] } = {},
    status = 200,
  ) => {
    const shown = rows.map((r) => ({ ...r, language: r.language ?? "" }));
    const last = shown.at(-1);
    if (!last || last.name.trim() || last.email.trim()) {
      shown.push({ id: "", name: "", email: "", role: "", language: "" });
    }
    return page(
      "member",
      {
        member,
        nameText: member.name[c.lang],
        version: contactsVersion(member.contacts),
        rows: shown,
        ...(outcome.conflict ? { conflict: true, current: member.contacts } : {}),
        ...(outcome.problems
          ? {
              problems: outcome.problems.map((p) => ({
                ...p,
                anchor: `c${p.row - 1}-${p.field === "row" ? "name" : p.field}`,
              })),
            }
          : {}),
      },
      status,
    );
  };

  if (first === "sign-out" && method === "POST") {
    await endSession(ports, c.session);
    await audit("signed out");
    return redirect("/console/sign-in", { "set-cookie": sessionCookie("", 0) });
  }

  if (!first && method === "GET") {
    const campaigns = await ports.repository.listCampaigns();
    return page("campaigns", { campaigns: campaigns.map((x) => ({ ...x, titleText: x.title[c.lang] })) });
  }

  if (first === "campaigns" && !id && method === "POST") {
    const invite = String(form.invite ?? "")
      .split(/[\s,;]+/)
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean);
    const closes = String(form.closesAt ?? "");
    const parsed = CampaignInput.safeParse({
      questionnaireId: String(form.questionnaireId ?? ""),
      closesAt: closingTimeOf(closes, HEADQUARTERS_TIME_ZONE),
      ...(form.meeting ? { meeting: String(form.meeting) } : {}),
      ...(invite.length ? { invite } : {}),
    });
    if (!parsed.success)
      throw new BadRequest("invalid_campaign", "Give a questionnaire and a closing date (YYYY-MM-DD)");
    const campaign = await openCampaign(ports, parsed.data);
    await audit("created the campaign", campaign.id);
    return redirect(`/console/campaigns/${campaign.id}`);
  }

  if (first === "campaigns" && id) {
    if (method === "GET" && second === "reports" && rest[0]) {
      const download = await reportDownload(ports, id, rest[0]);
      return "url" in download ? redirect(download.url) : attachment(download.bytes, download.file);
    }
    if (method === "GET" && !second) {
      const query = memberQueryOf(c.query);
      const status = await campaignStatus(ports, id, query);
      return page("campaign", {
        ...status,
        ...memberLinks(id, status),
        titleText: status.campaign.title[c.lang],
        isOpen: status.state === "open",
        reportFiles: status.reports.map((r) => ({
          ...r,
          links: Object.values(r.files).map((key) => ({
            file: key.split("/").pop(),
            type: key.split(".").pop(),
          })),
        })),
      });
    }
    if (method === "POST" && second === "members" && rest.length === 2) {
      const [memberCode = "", action] = rest;
      if (action === "invite-alternate") {
        await inviteAlternateContact(ports, id, memberCode);
        await audit("invited the alternate contact", id, memberCode);
      } else if (action === "reopen") {
        const until = String(form.until ?? "");
        const reason = String(form.reason ?? "");
        await reopenMemberAnswer(ports, {
          campaignId: id,
          memberCode,
          until: closingTimeOf(until, await timeZoneOf(ports, id)),
          reason,
          by: c.session.email,
        });
        await ports.repository.putAudit({
          at: ports.clock.now().toISOString(),
          actor: c.session.email,
          action: "reopened the answer",
          campaignId: id,
          target: memberCode,
          detail: reason.slice(0, 500),
        });
      } else throw new NotFound("not_found", "No such action");
      return redirect(memberHref(id, memberCode));
    }
    if (method === "POST" && second === "contacts" && rest.length === 3) {
      const [memberCode = "", contactId = "", action] = rest;
      const key = { campaignId: id, memberCode, contactId };
      if (action === "replace") await replaceContactLink(ports, key);
      else if (action === "revoke") await revokeContactLink(ports, key);
      else throw new NotFound("not_found", "No such action");
      await audit(
        action === "replace" ? "sent a new link" : "revoked the link",
        id,
        `${memberCode}/${contactId}`,
      );
      return redirect(memberHref(id, memberCode));
    }
    if (method === "POST" && second) {
      // Sending, reminding and compiling are jobs: the page that follows shows them progress.
      let job: Job | undefined;
      switch (second) {
        case "send":
        case "remind":
          job = await startJob(ports, { kind: second, campaignId: id }, c.session.email);
          break;
        case "close":
          await closeCampaign(ports, id);
          break;
        case "reopen": {
          const closes = String(form.closesAt ?? "");
          await reopenCampaign(
            ports,
            id,
            closes ? closingTimeOf(closes, await timeZoneOf(ports, id)) : undefined,
          );
          break;
        }
        case "compile": {
          const lang = form.lang === "en" ? "en" : "es";
          const statementUrl = `${c.publicBaseUrl}/accessibility`;
          job = await startJob(
            ports,
            { kind: "compile", campaignId: id, lang, statementUrl },
            c.session.email,
          );
          break;
        }
        default:
          throw new NotFound("not_found", "No such action");
      }
      await audit(second, id);
      return redirect(job ? `/console/jobs/${job.id}` : `/console/campaigns/${id}`);
    }
  }

  if (first === "jobs" && id && !second && method === "GET")
    return jobPage(ports, c, await watchJob(ports, id));

  if (first === "receipts" && method === "GET") {
    const code = typeof c.query.code === "string" ? c.query.code : "";
    if (!code) return page("receipt", {});
    try {
      const { version, intact, number } = await verifyReceipt(ports, code);
      return page("receipt", { code, found: true, intact, version, number });
    } catch (error) {
      if (error instanceof NotFound) return page("receipt", { code, found: false }, 404);
      throw error;
    }
  }

  if (first === "members") {
    if (method === "GET" && !id) {
      const [members, log] = await Promise.all([
        ports.repository.listMembers(),
        ports.repository.listAudit(),
      ]);
      return page("members", {
        members: members.map((m) => ({ ...m, nameText: m.name[c.lang] })),
        audit: log,
      });
    }
    if (method === "GET" && (id === "export.csv" || id === "export.xlsx")) {
      const format = id === "export.csv" ? "csv" : "xlsx";
      const { bytes } = await exportDirectory(ports, format);
      return attachment(bytes, `directory.${format}`);
    }
    if (method === "POST" && id === "import" && !second) {
      const upload = form.upload as { filename: string; bytes: Uint8Array } | undefined;
      if (!upload || !upload.bytes.length)
        throw new BadRequest("no_file", "Choose the spreadsheet to import");
      const preview = await previewDirectoryImport(ports, { name: upload.filename, bytes: upload.bytes });
      return page("import-preview", {
        ...preview,
        filename: upload.filename,
        problems: preview.plan.rows.filter((r) => r.status !== "ok" || r.message),
      });
    }
    if (method === "POST" && id === "import" && second) {
      // The job writes the audit line, with what it imported, once it has.
      const job = await startJob(ports, { kind: "import-apply", importId: second }, c.session.email);
      return redirect(`/console/jobs/${job.id}`);
    }
    if (id && method === "GET") {
      const member = await ports.repository.getMember(id);
      if (!member) throw new NotFound("not_found", `No member ${id}`);
      return memberPage(member, member.contacts);
    }
    if (id && method === "POST") {
      // The page always posts its rows (at least the empty one): none at all is a broken form, and
      // taking it at its word would remove every contact.
      if (form.contacts === undefined)
        throw new BadRequest("no_contact_rows", "The form sent no contact rows; nothing was changed");
      // A posted form of the wrong shape is the sender's mistake: a 422 naming the field, not a 500.
      const rows = validated(ContactsForm, {
        contacts: Object.values((form.contacts as object) ?? {}),
      }).contacts.map((r) => ({ ...r, id: r.id ?? "" }));
      const edit = await editMemberContacts(ports, id, rows, String(form.version ?? ""));
      if (edit.outcome === "conflict") return memberPage(edit.member, rows, { conflict: true }, 409);
      if (edit.outcome === "invalid") {
        return memberPage(edit.member, rows, { problems: edit.problems }, 422);
      }
      await audit("edited contacts", undefined, id);
      return redirect("/console/members");
    }
  }
  throw new NotFound("not_found", "There is nothing at this address");
};

/**
 * A job's page: while it runs, how far it has got, refreshed every two seconds without any script;
 * once finished, what it did (or why it stopped), and the way back.
 */
const jobPage = (ports: Ports, c: Context, job: Job) => {
  const t = (key: string, params?: Record<string, unknown>) => ports.views.translate(c.lang, key, params);
  const number = new Intl.NumberFormat(c.lang);
  const counts = Object.fromEntries(
    Object.entries({ ...job.progress, ...job.result }).map(([k, v]) => [
      k,
      typeof v === "number" ? number.format(v) : v,
    ]),
  );
  const running = !isFinished(job);
  return c.page("job", {
    job: jobView(job),
    heading: t(`console.job.title.${job.kind}`),
    running,
    ...(running ? { refreshSeconds: 2 } : {}),
    done: job.progress.done,
    total: job.progress.total,
    progressText: t(`console.job.progress.${job.kind}`, counts),
    ...(job.status === "done" ? { doneText: t(`console.job.result.${job.kind}`, counts) } : {}),
    ...(job.status === "failed" ? { failedText: job.error?.message ?? "" } : {}),
    backHref: job.campaignId ? `/console/campaigns/${job.campaignId}` : "/console/members",
    backText: t(job.campaignId ? "console.job.back-campaign" : "console.job.back-directory"),
  });
};

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = {
  queue: sqsEmailQueue,
  jobs: sqsJobQueue,
  blobs: s3BlobStore,
  secrets: secretsManagerSecrets,
};

export const handler = createConsoleHandler(lambdaRuntime(needs));
