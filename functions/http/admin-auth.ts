// The admin API's guard: a bearer token from configuration, compared in constant time.
// The Secretariat's signed-in console replaces this for people; the token stays for the CLI.
import { createHash, timingSafeEqual } from "node:crypto";
import type middy from "@middy/core";
import type { APIGatewayProxyResultV2 } from "aws-lambda";
import { Unauthorized } from "../core/errors.ts";
import { header, type HttpEvent } from "./request.ts";

const digest = (value: string) => createHash("sha256").update(value).digest();

export const adminAuth = (
  token: () => Promise<string>,
): middy.MiddlewareObj<HttpEvent, APIGatewayProxyResultV2> => ({
  before: async (request) => {
    const given = /^Bearer (.+)$/.exec(header(request.event, "authorization") ?? "")?.[1] ?? "";
    if (!timingSafeEqual(digest(given), digest(await token()))) throw new Unauthorized();
  },
});
