// GET /assets/{file} and GET /accessibility: what holds no data. The few static files the pages use
// (the form's optional script), from our own origin so that the Content-Security-Policy can stay
// 'self'; and the accessibility statement that every page's footer links to, in the four languages.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NotFound } from "../core/errors.ts";
import { LANGUAGE_NAMES, LANGUAGES } from "../core/languages.ts";
import type { Views } from "../core/ports.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { requestLanguage, type HttpEvent } from "../http/request.ts";
import { htmlResponse } from "../http/responses.ts";

const TYPES: Record<string, string> = { "form.js": "text/javascript; charset=utf-8" };

/** The statement in the language asked for (?lang=), else the browser's, else English. */
const accessibilityStatement = (event: HttpEvent, views: Views) => {
  const lang = requestLanguage(event) ?? "en";
  const languages = LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code], current: code === lang }));
  return htmlResponse(200, views.render("web/accessibility", { lang, languages }));
};

export const createStaticAssetHandler = (runtime: Runtime) => {
  const cache = new Map<string, string>();
  return httpHandler(runtime, async (event, ports, config) => {
    if (event.routeKey === "GET /accessibility") return accessibilityStatement(event, ports.views);
    const file = event.pathParameters?.file ?? "";
    // Own keys only: "constructor" is on every object, and is not a file.
    const type = Object.hasOwn(TYPES, file) ? TYPES[file] : undefined;
    if (!type) throw new NotFound("not_found", "No such file");
    let body = cache.get(file);
    if (body === undefined) {
      body = readFileSync(join(config.templatesDir, "web", "assets", file), "utf8");
      cache.set(file, body);
    }
    return {
      statusCode: 200,
      headers: {
        "content-type": type,
        "cache-control": "public, max-age=3600",
        "x-content-type-options": "nosniff",
      },
      body,
    };
  });
};

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = {};

export const handler = createStaticAssetHandler(lambdaRuntime(needs));
