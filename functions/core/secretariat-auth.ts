// Signing the Secretariat in: one-time links by email to allowlisted addresses, server-side sessions
// behind a signed cookie, and CSRF tokens bound to the session.
import { createHmac, timingSafeEqual } from "node:crypto";
import { Gone } from "./errors.ts";
import { hashToken } from "./invitations.ts";
import type { ConsoleSession, Ports } from "./ports.ts";

export const SIGN_IN_LINK_MINUTES = 15;
export const SESSION_HOURS = 8;
const RATE_WINDOW_SECONDS = 15 * 60;
const PER_ADDRESS = 5;
const PER_CLIENT = 20;

export type AuthSettings = { allowlist: string[]; sessionSecret: string };

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const normalise = (email: string) => email.trim().toLowerCase();

/**
 * Sends a sign-in link if the address is allowed and not over its rate limit. Says nothing either
 * way: the caller shows the same page whatever happened, so nobody can learn who is allowed.
 */
export const requestSignIn = async (
  ports: Pick<Ports, "repository" | "mailer" | "views" | "clock" | "random" | "publicBaseUrl">,
  settings: AuthSettings,
  input: { email: string; client: string; lang: string },
): Promise<void> => {
  const email = normalise(input.email);
  const now = ports.clock.now();
  const window = Math.floor(seconds(now) / RATE_WINDOW_SECONDS) * RATE_WINDOW_SECONDS;
  const expires = window + 2 * RATE_WINDOW_SECONDS;
  // Both counters move on every request, allowed address or not, so timing does not tell either.
  const [addressOk, clientOk] = await Promise.all([
    ports.repository.countAttempt(`address:${hashToken(email)}`, window, PER_ADDRESS, expires),
    ports.repository.countAttempt(`client:${hashToken(input.client)}`, window, PER_CLIENT, expires),
  ]);
  if (!addressOk || !clientOk || !settings.allowlist.includes(email)) return;
  const token = ports.random.token();
  await ports.repository.putSignInLink({
    tokenHash: hashToken(token),
    email,
    expiresAt: seconds(now) + SIGN_IN_LINK_MINUTES * 60,
  });
  const context = {
    lang: input.lang,
    link: `${ports.publicBaseUrl}/console/sign-in/${token}`,
    minutes: SIGN_IN_LINK_MINUTES,
  };
  await ports.mailer.send({
    to: email,
    subject: ports.views.render("email/sign-in-subject", context).trim(),
    html: ports.views.render("email/sign-in.html", context),
    text: ports.views.render("email/sign-in.txt", context),
    tags: { kind: "sign-in" },
  });
};

const sign = (secret: string, value: string) =>
  createHmac("sha256", secret).update(value).digest("base64url");

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export type SignedInSession = ConsoleSession & { cookie: string; csrf: string };

const withCookie = (settings: AuthSettings, sessionId: string, session: ConsoleSession): SignedInSession => ({
  ...session,
  cookie: `${sessionId}.${sign(settings.sessionSecret, sessionId)}`,
  csrf: sign(settings.sessionSecret, `csrf:${sessionId}`),
});

/** Spends a sign-in link (once, within its time) and opens a session. */
export const completeSignIn = async (
  ports: Pick<Ports, "repository" | "clock" | "random">,
  settings: AuthSettings,
  token: string,
): Promise<SignedInSession> => {
  const now = seconds(ports.clock.now());
  const link = await ports.repository.consumeSignInLink(hashToken(token), now);
  // The allowlist is checked again: an address removed since the link was sent gets nothing.
  if (!link || !settings.allowlist.includes(link.email)) {
    throw new Gone("sign_in_link_spent", "This sign-in link has been used or has expired");
  }
  const sessionId = ports.random.token();
  const session: ConsoleSession = {
    sessionHash: hashToken(sessionId),
    email: link.email,
    expiresAt: now + SESSION_HOURS * 3600,
  };
  await ports.repository.putSession(session);
  return withCookie(settings, sessionId, session);
};

/** The session a cookie stands for, if its signature holds and it has neither expired nor ended. */
export const readSession = async (
  ports: Pick<Ports, "repository" | "clock">,
  settings: AuthSettings,
  cookie: string | undefined,
): Promise<SignedInSession | undefined> => {
  const [sessionId, signature] = (cookie ?? "").split(".");
  if (!sessionId || !signature || !sameText(signature, sign(settings.sessionSecret, sessionId)))
    return undefined;
  const session = await ports.repository.getSession(hashToken(sessionId));
  if (
    !session ||
    session.expiresAt <= seconds(ports.clock.now()) ||
    !settings.allowlist.includes(session.email)
  )
    return undefined;
  return withCookie(settings, sessionId, session);
};

export const endSession = (ports: Pick<Ports, "repository">, session: SignedInSession) =>
  ports.repository.deleteSession(session.sessionHash);

export const csrfMatches = (session: SignedInSession, given: unknown) =>
  typeof given === "string" && sameText(given, session.csrf);
