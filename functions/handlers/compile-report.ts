// POST /api/campaigns/{campaignId}/reports: records a job compiling the Inputs report (Excel, HTML and
// CSV) and answers 202 with it; the run-job worker compiles (GET /api/jobs/{id} follows it).
import { BadRequest } from "../core/errors.ts";
import { jobView, startJob } from "../core/jobs.ts";
import { languageList } from "../core/languages.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { accepted } from "../http/responses.ts";
import { sqsJobQueue } from "../adapters/sqs-job-queue.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

export const createCompileReportHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports, config) => {
      // ?lang=es,fr compiles those; none compiles all four.
      const languages = languageList(event.queryStringParameters?.lang);
      if (!languages)
        throw new BadRequest("unsupported_language", "The report is compiled in es, en, fr or pt");
      const job = await startJob(
        ports,
        {
          kind: "compile",
          campaignId: event.pathParameters?.campaignId ?? "",
          languages,
          statementUrl: `${config.publicBaseUrl}/accessibility`,
        },
        "admin API",
      );
      return accepted(`/api/jobs/${job.id}`, { job: jobView(job) });
    },
    { admin: true },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { jobs: sqsJobQueue, secrets: secretsManagerSecrets };

export const handler = createCompileReportHandler(lambdaRuntime(needs));
