// POST /api/campaigns/{campaignId}/send: records a job inviting every invited contact not yet invited,
// and answers 202 with it; the run-job worker does the sending (GET /api/jobs/{id} follows it).
import { jobView, startJob } from "../core/jobs.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { accepted } from "../http/responses.ts";
import { sqsJobQueue } from "../adapters/sqs-job-queue.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

export const createSendInvitationsHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports) => {
      const campaignId = event.pathParameters?.campaignId ?? "";
      const job = await startJob(ports, { kind: "send", campaignId }, "admin API");
      return accepted(`/api/jobs/${job.id}`, { job: jobView(job) });
    },
    { admin: true },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { jobs: sqsJobQueue, secrets: secretsManagerSecrets };

export const handler = createSendInvitationsHandler(lambdaRuntime(needs));
