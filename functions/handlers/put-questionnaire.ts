// POST /api/questionnaires: stores a questionnaire definition after validating it.
import { ValidationFailed } from "../core/errors.ts";
import { loadQuestionnaire } from "../core/questionnaire/definition.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { jsonResponse } from "../http/responses.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

export const createPutQuestionnaireHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (_event, ports, _config, { body }) => {
      const loaded = loadQuestionnaire(body);
      if (!loaded.ok) {
        throw new ValidationFailed(
          loaded.error.map((e) => ({ path: e.path, code: "invalid", params: { message: e.message } })),
        );
      }
      const outcome = await ports.repository.putQuestionnaire(loaded.value);
      return jsonResponse(outcome === "created" ? 201 : 200, {
        id: loaded.value.id,
        version: loaded.value.version,
        outcome,
      });
    },
    { admin: true, body: { accepts: ["json"] } },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { secrets: secretsManagerSecrets };

export const handler = createPutQuestionnaireHandler(lambdaRuntime(needs));
