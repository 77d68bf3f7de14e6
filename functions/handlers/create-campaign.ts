// POST /api/campaigns: opens a campaign for a stored questionnaire and a set of members.
import { CampaignInput, openCampaign } from "../core/campaign.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { validated } from "../http/request.ts";
import { jsonResponse } from "../http/responses.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

export const createCreateCampaignHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (_event, ports, _config, { body }) =>
      jsonResponse(201, await openCampaign(ports, validated(CampaignInput, body))),
    { admin: true, body: { accepts: ["json"] } },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { secrets: secretsManagerSecrets };

export const handler = createCreateCampaignHandler(lambdaRuntime(needs));
