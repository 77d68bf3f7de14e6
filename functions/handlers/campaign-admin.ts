// GET /api/campaigns/{campaignId}: where the campaign stands, a page of its members at a time
// (?q=&filter=&page=&perPage=); POST .../close and .../reopen;
// GET .../reports/{file}: a compiled report (a presigned link in AWS, the bytes locally).
import * as z from "zod";
import {
  campaignStatus,
  closeCampaign,
  MAX_MEMBERS_PER_PAGE,
  MEMBER_FILTERS,
  reopenCampaign,
} from "../core/campaign-status.ts";
import { NotFound } from "../core/errors.ts";
import type { Ports } from "../core/ports.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { jsonBody, validated } from "../http/request.ts";
import { jsonResponse } from "../http/responses.ts";
import { s3BlobStore } from "../adapters/s3-blob-store.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

const Reopen = z.strictObject({ closesAt: z.iso.datetime({ offset: true }).optional() });

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

const CONTENT_TYPES: Record<string, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  html: "text/html; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};
export const contentTypeOf = (file: string) =>
  CONTENT_TYPES[file.split(".").pop() ?? ""] ?? "application/octet-stream";

export const createCampaignAdminHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports, config) => {
      const campaignId = event.pathParameters?.campaignId ?? "";
      const method = event.requestContext.http.method;
      if (method === "GET" && event.pathParameters?.file) {
        const download = await reportDownload(ports, campaignId, event.pathParameters.file);
        if ("url" in download)
          return {
            statusCode: 302,
            headers: { location: download.url, "cache-control": "no-store" },
            body: "",
          };
        return {
          statusCode: 200,
          headers: {
            "content-type": contentTypeOf(download.file),
            "content-disposition": `attachment; filename="${download.file}"`,
            "cache-control": "no-store",
          },
          body: Buffer.from(download.bytes).toString("base64"),
          isBase64Encoded: true,
        };
      }
      if (method === "GET") {
        const { q, ...query } = validated(MembersQuery, event.queryStringParameters ?? {});
        return jsonResponse(200, await campaignStatus(ports, campaignId, { ...query, search: q }));
      }
      if (event.rawPath.endsWith("/close")) {
        await closeCampaign(ports, campaignId);
      } else {
        const { closesAt } = validated(Reopen, event.body ? jsonBody(event, config.maxBodyBytes) : {});
        await reopenCampaign(ports, campaignId, closesAt);
      }
      return jsonResponse(200, await ports.repository.getCampaign(campaignId));
    },
    { admin: true },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { blobs: s3BlobStore, secrets: secretsManagerSecrets };

export const handler = createCampaignAdminHandler(lambdaRuntime(needs));
