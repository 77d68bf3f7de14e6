// POST /api/questionnaires: stores a questionnaire definition after validating it. The translators'
// workbook of a version: GET …/{version}/translations downloads it; POST it back ({ filename,
// contentBase64 }) for what it would change, or with "apply": true to publish it as the next version.
import * as z from "zod";
import { ValidationFailed } from "../core/errors.ts";
import {
  exportTranslations,
  previewTranslations,
  publishTranslations,
  versionNumber,
} from "../core/questionnaire-translations.ts";
import { loadQuestionnaire } from "../core/questionnaire/definition.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { validated } from "../http/request.ts";
import { attachment, jsonResponse } from "../http/responses.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

const ReturnedWorkbook = z.strictObject({
  filename: z.string().min(1).max(200),
  contentBase64: z.base64(),
  apply: z.boolean().optional(),
});

/** A workbook whose ids do not match: the refusal names them, in the message a terminal shows too. */
const refusedWorkbook = (error: ValidationFailed, version: string) => {
  const lists = error.details as { unknown?: string[]; missing?: string[]; repeated?: string[] };
  const named = (["unknown", "missing", "repeated"] as const)
    .filter((k) => lists[k]?.length)
    .map((k) => `${k}: ${(lists[k] ?? []).join(", ")}`);
  const code = error.fieldErrors[0]?.code ?? "validation_failed";
  const message =
    code === "translations_no_header"
      ? 'The file has no header row with "id" and the language columns (es, en, fr, pt)'
      : `The file's ids do not match ${version} (${named.join("; ")}); nothing was changed`;
  return jsonResponse(422, { error: { code, message, fields: error.fieldErrors, ...lists } });
};

export const createPutQuestionnaireHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports, _config, { body }) => {
      const params = event.pathParameters ?? {};
      if (event.routeKey === "GET /api/questionnaires/{questionnaireId}/{version}/translations") {
        const workbook = await exportTranslations(
          ports,
          params.questionnaireId ?? "",
          versionNumber(params.version),
        );
        return attachment(workbook.bytes, workbook.filename);
      }
      if (event.routeKey === "POST /api/questionnaires/{questionnaireId}/{version}/translations") {
        const returned = validated(ReturnedWorkbook, body);
        const file = { filename: returned.filename, bytes: Buffer.from(returned.contentBase64, "base64") };
        const id = params.questionnaireId ?? "";
        const version = versionNumber(params.version);
        try {
          if (!returned.apply) {
            const { next: _next, ...preview } = await previewTranslations(ports, id, version, file);
            return jsonResponse(200, { ...preview, published: null });
          }
          const outcome = await publishTranslations(ports, id, version, file);
          return jsonResponse(outcome.published ? 201 : 200, {
            ...outcome,
            published: outcome.published ?? null,
          });
        } catch (error) {
          if (error instanceof ValidationFailed) return refusedWorkbook(error, `${id} v${version}`);
          throw error;
        }
      }
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
    // The workbook's download has no body.
    { admin: true, body: { accepts: ["json"], optional: true } },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { secrets: secretsManagerSecrets };

export const handler = createPutQuestionnaireHandler(lambdaRuntime(needs));
