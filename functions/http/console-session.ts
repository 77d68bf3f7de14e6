// The console's session and CSRF middleware: every page but signing in needs a signed-in Secretariat
// member, and every form it posts carries that session's CSRF token.
import { ConsultaError, Forbidden } from "../core/errors.ts";
import { csrfMatches, readSession, type AuthSettings } from "../core/secretariat-auth.ts";
import type { HttpMiddleware, Runtime } from "./handler.ts";
import { header, type HttpEvent } from "./request.ts";
import { redirect } from "./responses.ts";

const COOKIE = "consulta_session";

const cookieOf = (event: HttpEvent) =>
  (event.cookies ?? (header(event, "cookie") ?? "").split(";"))
    .map((c) => c.trim().split("="))
    .find(([name]) => name === COOKIE)?.[1];

/** The session cookie, or (maxAge 0) the header that clears it. */
export const sessionCookie = (value: string, maxAge: number) =>
  `${COOKIE}=${value}; Path=/console; HttpOnly; Secure; SameSite=Strict; Max-Age=${maxAge}`;

/** Who may sign in and the key that signs sessions, as the sign-in pages and the session check use them. */
export const authSettings = async (runtime: Runtime): Promise<AuthSettings> => ({
  allowlist: runtime.config().allowlist,
  sessionSecret: await runtime.secrets().sessionSecret(),
});

/**
 * Finds the signed-in member for every route but the open ones (signing in). Without a session a page
 * sends the browser to sign in; a post is refused, so nothing it carried is acted on.
 */
export const consoleSession = (runtime: Runtime, isOpen: (event: HttpEvent) => boolean): HttpMiddleware => ({
  before: async ({ event, context }) => {
    if (isOpen(event)) return undefined;
    const session = await readSession(runtime.ports(), await authSettings(runtime), cookieOf(event));
    if (session) {
      context.session = session;
      return undefined;
    }
    if (event.requestContext.http.method === "GET") return redirect("/console/sign-in");
    throw new ConsultaError(401, "session_expired", "Your session has ended; sign in again");
  },
});

/** A signed-in post must carry its session's CSRF token (read from the parsed body: it runs after the parser). */
export const csrfCheck = (): HttpMiddleware => ({
  before: ({ event, context }) => {
    if (event.requestContext.http.method !== "POST" || !context.session) return;
    const form = (context.body ?? {}) as Record<string, unknown>;
    if (!csrfMatches(context.session, form.csrf))
      throw new Forbidden("csrf_failed", "This form has expired; reload the page and try again");
  },
});
