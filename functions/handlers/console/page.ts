// What every console page is handed and how it answers: the one shape of the files in this folder.
import type { APIGatewayProxyResultV2 } from "aws-lambda";
import type { Config } from "../../config.ts";
import type { Content } from "../../core/content-load.ts";
import type { Language } from "../../core/languages.ts";
import type { Ports } from "../../core/ports.ts";
import type { AuthSettings, SignedInSession } from "../../core/secretariat-auth.ts";
import type { AuditLine } from "../../http/audit.ts";
import type { HttpEvent } from "../../http/request.ts";
import type { RouteKey } from "../../http/routes.ts";

export type Reply = APIGatewayProxyResultV2;

export type OpenRequest = {
  ports: Ports;
  config: Config;
  event: HttpEvent;
  /** The route's path parameters, e.g. campaignId. */
  params: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  /** The posted form's fields (an upload's file is `upload`); empty for a GET. */
  form: Record<string, unknown>;
  lang: Language;
  authSettings: () => Promise<AuthSettings>;
  /** The content/ folder this server was built with, where it has one (the local stack); it may throw. */
  content?: () => Content;
  /** A console page from templates/web/console/, with who is signed in and the form token when someone is. */
  render(template: string, context: object, status?: number, headers?: Record<string, string>): Reply;
  /** Records what the request did; the audit middleware writes it once the reply is a success. */
  did(line: AuditLine): void;
};

export type SignedInRequest = Omit<OpenRequest, "did"> & {
  session: SignedInSession;
  /** What the signed-in member did: the actor is theirs. */
  did(line: Omit<AuditLine, "actor">): void;
};

/** A page behind the session, or one of the few open before it (signing in). */
export type ConsolePage =
  | { open: true; answer: (request: OpenRequest) => Promise<Reply> }
  | { open?: false; answer: (request: SignedInRequest) => Promise<Reply> };

/** Every console route of functions/http/routes.ts, each with the page answering it. */
export type ConsolePages = Record<RouteKey<"console">, ConsolePage>;

/** Form fields are text; anything else (a nested object, a missing field) reads as empty. */
export const field = (form: Record<string, unknown>, name: string) => {
  const value = form[name];
  return typeof value === "string" ? value : value === undefined ? "" : String(value);
};
