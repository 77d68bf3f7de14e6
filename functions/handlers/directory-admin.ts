// GET /api/members: the directory; POST /api/members/import: preview a spreadsheet (or, with
// ?apply=ID, apply a preview: a job, 202); GET /api/members/export?format=csv|xlsx.
import * as z from "zod";
import { exportDirectory, previewDirectoryImport } from "../core/directory-admin.ts";
import { jobView, startJob } from "../core/jobs.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { jsonBody, validated } from "../http/request.ts";
import { accepted, jsonResponse } from "../http/responses.ts";
import { sqsJobQueue } from "../adapters/sqs-job-queue.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

const Upload = z.strictObject({ filename: z.string().min(1).max(200), contentBase64: z.base64() });

export const createDirectoryAdminHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports, config) => {
      const method = event.requestContext.http.method;
      if (method === "GET" && event.rawPath.endsWith("/export")) {
        const format = event.queryStringParameters?.format === "xlsx" ? "xlsx" : "csv";
        const { bytes, contentType } = await exportDirectory(ports, format);
        return {
          statusCode: 200,
          headers: {
            "content-type": contentType,
            "content-disposition": `attachment; filename="directory.${format}"`,
          },
          body: Buffer.from(bytes).toString("base64"),
          isBase64Encoded: true,
        };
      }
      if (method === "GET") return jsonResponse(200, { members: await ports.repository.listMembers() });
      const apply = event.queryStringParameters?.apply;
      if (apply) {
        const job = await startJob(ports, { kind: "import-apply", importId: apply }, "admin API");
        return accepted(`/api/jobs/${job.id}`, { job: jobView(job) });
      }
      const upload = validated(Upload, jsonBody(event, config.maxBodyBytes));
      const preview = await previewDirectoryImport(ports, {
        name: upload.filename,
        bytes: Buffer.from(upload.contentBase64, "base64"),
      });
      return jsonResponse(200, preview);
    },
    { admin: true },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { jobs: sqsJobQueue, secrets: secretsManagerSecrets };

export const handler = createDirectoryAdminHandler(lambdaRuntime(needs));
