// GET /api/campaigns: every campaign, newest first.
import { httpHandler, lambdaRuntime, type Runtime } from "../http/handler.ts";
import { jsonResponse } from "../http/responses.ts";

export const createListCampaignsHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (_event, ports) => jsonResponse(200, { campaigns: await ports.repository.listCampaigns() }),
    {
      admin: true,
    },
  );

export const handler = createListCampaignsHandler(lambdaRuntime);
