// POST /api/campaigns/{campaignId}/reports: compiles the Inputs report (Excel, HTML and CSV) now.
import { compileInputsReport } from "../core/compile-inputs-report.ts";
import { BadRequest } from "../core/errors.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { jsonResponse } from "../http/responses.ts";
import { s3BlobStore } from "../adapters/s3-blob-store.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

export const createCompileReportHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports, config) => {
      const lang = event.queryStringParameters?.lang ?? "es";
      if (lang !== "es" && lang !== "en")
        throw new BadRequest("unsupported_language", "The report is compiled in es or en");
      const { report: _report, ...record } = await compileInputsReport(
        ports,
        event.pathParameters?.campaignId ?? "",
        lang,
        `${config.publicBaseUrl}/accessibility`,
      );
      return jsonResponse(201, record);
    },
    { admin: true },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { blobs: s3BlobStore, secrets: secretsManagerSecrets };

export const handler = createCompileReportHandler(lambdaRuntime(needs));
