// POST /api/questionnaires: stores a questionnaire definition after validating it. The translators'
// workbook of a version: GET …/{version}/translations downloads it; POST it back ({ filename,
// contentBase64 }) for what it would change, or with "apply": true to publish it as the next version.
// The editor's steps for the CLI, as the console takes them: GET /api/questionnaires lists versions
// and drafts; POST …/{version}/copy starts the next version's draft; GET/PUT …/drafts/{version}
// reads or replaces it (over the revision it was read at); POST …/drafts/{version}/publish.
import * as z from "zod";
import { Conflict, ValidationFailed } from "../core/errors.ts";
import {
  copyVersion,
  listQuestionnaires,
  openDraft,
  publishDraft,
  publishPlan,
  replaceDraft,
} from "../core/questionnaire-editor.ts";
import { placeName, type DraftCheck } from "../core/questionnaire-editor/checks.ts";
import type { DraftDefinition } from "../core/questionnaire-editor/draft.ts";
import {
  exportTranslations,
  previewTranslations,
  publishTranslations,
  versionNumber,
} from "../core/questionnaire-translations.ts";
import { loadQuestionnaire } from "../core/questionnaire/definition.ts";
import type { Ports } from "../core/ports.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { validated, type HttpEvent } from "../http/request.ts";
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

/** A draft as the CLI writes it back: the revision it read, and a definition publishing will check. */
const ReplacedDraft = z.strictObject({
  revision: z.number().int().min(1),
  definition: z.looseObject({ sections: z.array(z.looseObject({})) }),
});
const Revision = z.strictObject({ revision: z.number().int().min(1) });

/** Someone else saved the draft since it was read: the reply carries what is stored now. */
const staleDraft = (revision: number) =>
  new Conflict(
    "draft_conflict",
    `The draft was changed since it was read (it is now at revision ${revision}); read it again and redo the change`,
  );

/** The editor's admin API: the steps the console's questionnaire pages take, for the CLI. */
const editorRoute = async (event: HttpEvent, ports: Ports, body: unknown) => {
  const params = event.pathParameters ?? {};
  const id = params.questionnaireId ?? "";
  const version = () => versionNumber(params.version);
  switch (event.routeKey) {
    case "GET /api/questionnaires":
      return jsonResponse(200, { questionnaires: await listQuestionnaires(ports) });
    case "POST /api/questionnaires/{questionnaireId}/{version}/copy": {
      const draft = await copyVersion(ports, id, version(), "admin API");
      return jsonResponse(201, { draft });
    }
    case "GET /api/questionnaires/{questionnaireId}/drafts/{version}": {
      const draft = await openDraft(ports, id, version());
      const { problems, missing, publishable } = publishPlan(draft);
      return jsonResponse(200, { draft, check: { problems, missing, publishable } });
    }
    case "PUT /api/questionnaires/{questionnaireId}/drafts/{version}": {
      const put = validated(ReplacedDraft, body);
      const outcome = await replaceDraft(
        ports,
        id,
        version(),
        put.revision,
        put.definition as DraftDefinition,
        "admin API",
      );
      if (outcome.outcome === "conflict") throw staleDraft(outcome.draft.revision);
      if (outcome.outcome === "invalid") throw draftProblems(outcome.problems);
      return jsonResponse(200, { draft: outcome.draft, missing: outcome.missing });
    }
    case "POST /api/questionnaires/{questionnaireId}/drafts/{version}/publish": {
      const { revision } = validated(Revision, body);
      const outcome = await publishDraft(ports, id, version(), revision);
      if (outcome.outcome === "conflict") throw staleDraft(outcome.draft.revision);
      if (outcome.outcome === "invalid") throw draftProblems(outcome.check.problems, outcome.check.missing);
      return jsonResponse(201, { id, version: outcome.version });
    }
    default:
      return undefined;
  }
};

/** Each problem where it is: the question's (or section's) place, so a terminal can point at it. */
const draftProblems = (problems: DraftCheck["problems"], missing: DraftCheck["missing"] = []) =>
  new ValidationFailed([
    ...problems.map((p) => ({
      path: p.path,
      code: "invalid",
      params: { at: placeName(p), message: `${placeName(p)}: ${p.message}` },
    })),
    ...missing.map((m) => ({
      path: m.path,
      code: "translation_missing",
      params: { at: placeName(m), message: `${placeName(m)}: no text in ${m.languages.join(", ")}` },
    })),
  ]);

export const createPutQuestionnaireHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports, _config, { body }) => {
      const edited = await editorRoute(event, ports, body);
      if (edited) return edited;
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
