// The one place errors become HTTP: exposed errors keep their code and message, everything else is a 500
// whose message stays in the log. Tokens never reach the log: only the route key is logged.
import type middy from "@middy/core";
import type { APIGatewayProxyResultV2 } from "aws-lambda";
import { ConsultaError, ValidationFailed } from "../core/errors.ts";
import type { Views } from "../core/ports.ts";
import { rememberedLanguage } from "./console-language.ts";
import { requestLanguage, wantsHtml, type HttpEvent } from "./request.ts";
import { htmlResponse, jsonResponse } from "./responses.ts";
import { logger } from "../adapters/telemetry.ts";

type Secretariat = { name: string; email: string };

export const errorToResponse = (error: unknown, event: HttpEvent, views: Views): APIGatewayProxyResultV2 => {
  const known = error instanceof ConsultaError && error.expose ? error : undefined;
  if (!known) {
    logger.error("unhandled error", {
      route: event.routeKey,
      requestId: event.requestContext?.requestId,
      error: error instanceof Error ? error : String(error),
    });
  }
  const status = known?.status ?? 500;
  const code = known?.code ?? "internal";
  if (!wantsHtml(event)) {
    return jsonResponse(status, {
      error: {
        code,
        message: known?.message ?? "Internal error",
        ...(known instanceof ValidationFailed ? { fields: known.fieldErrors } : {}),
      },
    });
  }
  // The console's remembered language (its cookie is sent only there) before the browser's own.
  const lang = requestLanguage(event, rememberedLanguage(event)) ?? "en";
  const key = `error.${code}`;
  let heading: string;
  let body: string;
  try {
    heading = views.translate(lang, `${key}.heading`);
    body = views.translate(lang, `${key}.body`, known?.details); // e.g. the limit a file went past
  } catch {
    // An exposed error without its own page: a general heading and the error's own message.
    heading = views.translate(lang, known ? "error.request_failed.heading" : "error.internal.heading");
    body = known ? known.message : views.translate(lang, "error.internal.body");
  }
  const secretariat = known?.details.secretariat as Secretariat | undefined;
  return htmlResponse(status, views.render("web/error", { lang, heading, body, status, code, secretariat }));
};

/** Middy middleware: any error thrown by the handler becomes a response here. */
export const httpErrors = (views: () => Views): middy.MiddlewareObj<HttpEvent, APIGatewayProxyResultV2> => ({
  onError: async (request) => {
    request.response = errorToResponse(request.error, request.event, views());
  },
});
