// GET /api/campaigns/{campaignId}: where the campaign stands, a page of its members at a time
// (?q=&filter=&page=&perPage=); POST .../close, .../reopen and .../extend (optionally telling those
// who have not submitted); GET .../effects/{action}: what a bulk action would do, in numbers;
// GET .../reports/{file}: a compiled report (a presigned link in AWS, the bytes locally).
import type { APIGatewayProxyResultV2 } from "aws-lambda";
import * as z from "zod";
import { actionEffect, CAMPAIGN_ACTIONS } from "../core/campaign-actions.ts";
import {
  campaignStatus,
  closeCampaign,
  extendDeadline,
  MAX_MEMBERS_PER_PAGE,
  MEMBER_FILTERS,
  reopenCampaign,
} from "../core/campaign-status.ts";
import { NotFound } from "../core/errors.ts";
import { startJob } from "../core/jobs.ts";
import type { Ports } from "../core/ports.ts";
import {
  httpHandler,
  lambdaRuntime,
  type LambdaNeeds,
  type RequestContext,
  type Runtime,
} from "../http/handler.ts";
import { validated, type HttpEvent } from "../http/request.ts";
import { attachment, jsonResponse } from "../http/responses.ts";
import type { RouteKey } from "../http/routes.ts";
import { s3BlobStore } from "../adapters/s3-blob-store.ts";
import { sqsJobQueue } from "../adapters/sqs-job-queue.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

const Reopen = z.strictObject({ closesAt: z.iso.datetime({ offset: true }).optional() });
const Extend = z.strictObject({
  closesAt: z.iso.datetime({ offset: true }),
  /** Tell the members who have not submitted: a reminder step of its own, as a job. */
  notify: z.boolean().default(false),
});

/** Members come a page at a time: 10,000 of them at 1-2 KB each would pass Lambda's 6 MB response. */
const MembersQuery = z.object({
  q: z.string().max(100).optional(),
  filter: z.enum(MEMBER_FILTERS).optional(),
  page: z.coerce.number().int().min(1).optional(),
  perPage: z.coerce.number().int().min(1).max(MAX_MEMBERS_PER_PAGE).optional(),
});

/** The report file of a campaign, as a download: a short-lived link where the store has one, else the bytes. */
export const reportDownload = async (
  ports: Ports,
  campaignId: string,
  file: string,
): Promise<{ url: string } | { bytes: Uint8Array; file: string }> => {
  const reports = await ports.repository.listReports(campaignId);
  const key = reports.flatMap((r) => Object.values(r.files)).find((k) => k.endsWith(`/${file}`));
  if (!key) throw new NotFound("report_not_found", `No report file ${file}`);
  const url = await ports.blobs.downloadUrl(key, file);
  if (url) return { url };
  const bytes = await ports.blobs.get(key);
  if (!bytes) throw new NotFound("report_not_found", `No report file ${file}`);
  return { bytes, file };
};

type Action = (event: HttpEvent, ports: Ports, context: RequestContext) => Promise<APIGatewayProxyResultV2>;

const campaignIdOf = (event: HttpEvent) => event.pathParameters?.campaignId ?? "";

/** Each of this function's routes in functions/http/routes.ts, and what it does. */
const ACTIONS: Record<RouteKey<"campaign-admin">, Action> = {
  "GET /api/campaigns/{campaignId}": async (event, ports) => {
    const { q, ...query } = validated(MembersQuery, event.queryStringParameters ?? {});
    return jsonResponse(200, await campaignStatus(ports, campaignIdOf(event), { ...query, search: q }));
  },
  "POST /api/campaigns/{campaignId}/close": async (event, ports) => {
    await closeCampaign(ports, campaignIdOf(event));
    return jsonResponse(200, await ports.repository.getCampaign(campaignIdOf(event)));
  },
  "POST /api/campaigns/{campaignId}/reopen": async (event, ports, context) => {
    const { closesAt } = validated(Reopen, context.body ?? {});
    await reopenCampaign(ports, campaignIdOf(event), closesAt);
    return jsonResponse(200, await ports.repository.getCampaign(campaignIdOf(event)));
  },
  "POST /api/campaigns/{campaignId}/extend": async (event, ports, context) => {
    const { closesAt, notify } = validated(Extend, context.body ?? {});
    const campaignId = campaignIdOf(event);
    const extended = await extendDeadline(ports, campaignId, closesAt);
    const job = notify
      ? await startJob(
          ports,
          { kind: "remind", campaignId, step: `extended-${extended.closesAt}` },
          "admin API",
        )
      : undefined;
    return jsonResponse(200, { ...extended, ...(job ? { job: { id: job.id, kind: job.kind } } : {}) });
  },
  "GET /api/campaigns/{campaignId}/effects/{action}": async (event, ports) => {
    const action = CAMPAIGN_ACTIONS.find((a) => a === event.pathParameters?.action);
    if (!action) throw new NotFound("not_found", `No action ${event.pathParameters?.action ?? ""}`);
    const { campaign: _campaign, ...effect } = await actionEffect(ports, campaignIdOf(event), action);
    return jsonResponse(200, effect);
  },
  "GET /api/campaigns/{campaignId}/reports/{file}": async (event, ports) => {
    const download = await reportDownload(ports, campaignIdOf(event), event.pathParameters?.file ?? "");
    if ("url" in download)
      return { statusCode: 302, headers: { location: download.url, "cache-control": "no-store" }, body: "" };
    return attachment(download.bytes, download.file);
  },
};

export const createCampaignAdminHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports, _config, context) => {
      const action = Object.hasOwn(ACTIONS, event.routeKey)
        ? ACTIONS[event.routeKey as RouteKey<"campaign-admin">]
        : undefined;
      if (!action) throw new NotFound("not_found", "There is nothing at this address");
      return action(event, ports, context);
    },
    // A reopen may name its new closing time; without a body it keeps the one it had.
    { admin: true, body: { accepts: ["json"], optional: true } },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { blobs: s3BlobStore, jobs: sqsJobQueue, secrets: secretsManagerSecrets };

export const handler = createCampaignAdminHandler(lambdaRuntime(needs));
