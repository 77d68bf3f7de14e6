// Signing the Secretariat in: one-time links by email to allowlisted addresses, server-side sessions
// behind a signed cookie, and CSRF tokens bound to the session.
import { createHmac, timingSafeEqual } from "node:crypto";
import { Gone } from "./errors.ts";
import { hashToken } from "./invitations.ts";
import type { Language } from "./languages.ts";
import type { AttemptStore, ConsoleSession, Ports, SignInJob, SignInStore } from "./ports.ts";

export const SIGN_IN_LINK_MINUTES = 15;
export const SESSION_HOURS = 8;
const RATE_WINDOW_SECONDS = 15 * 60;
/**
 * Limits per 15 minutes. One client (a source IP) may ask 20 times, 5 of them for one address; an
 * address gets at most 50 links whoever asks. So strangers cannot spend the owner's tries: it takes
 * ten clients to reach an address's cap, and then the alarm on refusals has gone off.
 */
export const SIGN_IN_LIMITS = { client: 20, addressFromClient: 5, address: 50 } as const;

export type AuthSettings = { allowlist: string[]; sessionSecret: string };
/** Which limit refused a request, for the log and its metric; nothing is said to the person asking. */
export type SignInRefusal = { refused: keyof typeof SIGN_IN_LIMITS };

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const normalise = (email: string) => email.trim().toLowerCase();

/**
 * Queues a sign-in job unless a rate limit refuses the request; the worker sends the link if the
 * address is allowed. Says nothing either way: the caller shows the same page whatever happened.
 */
export const requestSignIn = async (
  ports: { repository: AttemptStore } & Pick<Ports, "queue" | "clock">,
  settings: AuthSettings,
  input: { email: string; client: string; lang: string; browserDefault?: boolean },
): Promise<SignInRefusal | undefined> => {
  const email = normalise(input.email);
  const now = ports.clock.now();
  const window = Math.floor(seconds(now) / RATE_WINDOW_SECONDS) * RATE_WINDOW_SECONDS;
  const expires = window + 2 * RATE_WINDOW_SECONDS;
  const counters: [keyof typeof SIGN_IN_LIMITS, string][] = [
    ["client", `client:${hashToken(input.client)}`],
    ["addressFromClient", `address-client:${hashToken(`${email} ${input.client}`)}`],
    ["address", `address:${hashToken(email)}`],
  ];
  // One after the other: a request refused for its client does not count against the address, so
  // one client can spend at most 5 of an address's 50.
  for (const [limit, key] of counters) {
    if (!(await ports.repository.countAttempt(key, window, SIGN_IN_LIMITS[limit], expires)))
      return { refused: limit };
  }
  // Every address costs the same from here: one job queued, the allowlist read by no slower path.
  const job: SignInJob = {
    kind: "sign-in",
    lang: input.lang,
    ...(input.browserDefault ? { browserDefault: true } : {}),
  };
  await ports.queue.enqueue([settings.allowlist.includes(email) ? { ...job, to: email } : job]);
  return undefined;
};

/** The worker's half: a link for a job that names an allowed address, made and sent there. */
export const deliverSignInLink = async (
  ports: { repository: SignInStore } & Pick<Ports, "mailer" | "views" | "clock" | "random" | "publicBaseUrl">,
  job: SignInJob,
): Promise<"sent" | "skipped"> => {
  if (!job.to) return "skipped";
  // The token is born here, in the worker's memory: no queue message or table item ever holds it.
  const token = ports.random.token();
  await ports.repository.putSignInLink({
    tokenHash: hashToken(token),
    email: job.to,
    expiresAt: seconds(ports.clock.now()) + SIGN_IN_LINK_MINUTES * 60,
  });
  // Read only for an allowed address, in the worker: the page asking says the same for every address.
  const chosen = job.browserDefault ? await ports.repository.getConsoleLanguage(job.to) : undefined;
  const context = {
    lang: chosen ?? job.lang,
    link: `${ports.publicBaseUrl}/console/sign-in/${token}`,
    minutes: SIGN_IN_LINK_MINUTES,
  };
  await ports.mailer.send({
    to: job.to,
    subject: ports.views.render("email/sign-in-subject", context).trim(),
    html: ports.views.render("email/sign-in.html", context),
    text: ports.views.render("email/sign-in.txt", context),
    tags: { kind: "sign-in" },
  });
  return "sent";
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
  ports: { repository: SignInStore } & Pick<Ports, "clock" | "random">,
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

/** Keeps the console language a person just chose, for the next browser they sign in on. */
export const rememberConsoleLanguage = (
  ports: { repository: SignInStore },
  email: string,
  language: Language,
) => ports.repository.putConsoleLanguage(normalise(email), language);

/** The console language a person chose last, in any browser; undefined if they never chose one. */
export const chosenConsoleLanguage = (
  ports: { repository: SignInStore },
  email: string,
): Promise<Language | undefined> => ports.repository.getConsoleLanguage(normalise(email));

/** The session a cookie stands for, if its signature holds and it has neither expired nor ended. */
export const readSession = async (
  ports: { repository: SignInStore } & Pick<Ports, "clock">,
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

export const endSession = (ports: { repository: SignInStore }, session: SignedInSession) =>
  ports.repository.deleteSession(session.sessionHash);

export const csrfMatches = (session: SignedInSession, given: unknown) =>
  typeof given === "string" && sameText(given, session.csrf);
