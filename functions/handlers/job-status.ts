// GET /api/jobs/{jobId}: where a send, remind, compile or import stands, and its result once done.
import { jobView, watchJob } from "../core/jobs.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { jsonResponse } from "../http/responses.ts";
import { sqsJobQueue } from "../adapters/sqs-job-queue.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

export const createJobStatusHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports) =>
      jsonResponse(200, { job: jobView(await watchJob(ports, event.pathParameters?.jobId ?? "")) }),
    { admin: true },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { jobs: sqsJobQueue, secrets: secretsManagerSecrets };

export const handler = createJobStatusHandler(lambdaRuntime(needs));
