// GET /api/campaigns: every campaign, newest first.
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { jsonResponse } from "../http/responses.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

export const createListCampaignsHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (_event, ports) => jsonResponse(200, { campaigns: await ports.repository.listCampaigns() }),
    {
      admin: true,
    },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { secrets: secretsManagerSecrets };

export const handler = createListCampaignsHandler(lambdaRuntime(needs));
