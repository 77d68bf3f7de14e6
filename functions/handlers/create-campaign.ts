// POST /api/campaigns: opens a campaign for a stored questionnaire and a set of members.
import { CampaignInput, planCampaign } from "../core/campaign.ts";
import { NotFound, ValidationFailed } from "../core/errors.ts";
import { httpHandler, lambdaRuntime, type Runtime } from "../http/handler.ts";
import { jsonBody } from "../http/request.ts";
import { jsonResponse } from "../http/responses.ts";

export const createCreateCampaignHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports, config) => {
      const parsed = CampaignInput.safeParse(jsonBody(event, config.maxBodyBytes));
      if (!parsed.success) {
        throw new ValidationFailed(
          parsed.error.issues.map((i) => ({
            path: i.path.join("."),
            code: "invalid",
            params: { message: i.message },
          })),
        );
      }
      const { repository, clock, random } = ports;
      const questionnaire = await repository.getQuestionnaire(parsed.data.questionnaireId);
      if (!questionnaire)
        throw new NotFound("questionnaire_not_found", `No questionnaire ${parsed.data.questionnaireId}`);
      const campaign = planCampaign(
        parsed.data,
        questionnaire,
        await repository.listMembers(),
        random.id(),
        clock.now(),
      );
      await repository.createCampaign(campaign);
      return jsonResponse(201, campaign);
    },
    { admin: true },
  );

export const handler = createCreateCampaignHandler(lambdaRuntime);
