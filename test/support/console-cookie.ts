// The Secretariat's console as raw HTTP for tests that attack it: ask for a sign-in link, take it from
// the outbox, spend it, and keep the session cookie and the CSRF token its pages carry.
import { readOutbox } from "../../functions/local/outbox.ts";
import type { LocalStack } from "../../functions/local/stack.ts";

export const SECRETARIAT = "secretariat@example.org";

export type ConsoleCookie = { cookie: string; csrf: string };

const form = (fields: Record<string, string>) => ({
  method: "POST",
  redirect: "manual" as const,
  headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
  body: new URLSearchParams(fields).toString(),
});

/** The newest sign-in link the outbox holds for an address. */
export const latestSignInLink = (stack: Pick<LocalStack, "paths">, to = SECRETARIAT) => {
  const mail = readOutbox(stack.paths.outbox).filter(
    (m) => m.headers["x-consulta-kind"] === "sign-in" && m.to === to,
  );
  return /https?:\/\/\S+\/console\/sign-in\/[A-Za-z0-9_-]{43}/.exec(mail[mail.length - 1]?.text ?? "")?.[0];
};

export const requestSignInLink = async (stack: Pick<LocalStack, "url" | "paths">, email = SECRETARIAT) => {
  const before = latestSignInLink(stack, email);
  await fetch(`${stack.url}/console/sign-in`, form({ email }));
  const link = latestSignInLink(stack, email);
  if (!link || link === before) throw new Error(`no sign-in link was sent to ${email}`);
  return link;
};

/** Spends a sign-in link: the session cookie (name=value) if it worked, and the response. */
export const spendSignInLink = async (link: string) => {
  const res = await fetch(link, form({}));
  const cookie = /^(consulta_session=[^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  return { res, cookie };
};

export const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1];

export const consoleCookie = async (stack: Pick<LocalStack, "url" | "paths">): Promise<ConsoleCookie> => {
  const { cookie } = await spendSignInLink(await requestSignInLink(stack));
  if (!cookie) throw new Error("sign-in gave no session cookie");
  const page = await fetch(`${stack.url}/console`, { headers: { cookie, accept: "text/html" } });
  const csrf = csrfOf(await page.text());
  if (!csrf) throw new Error("the console page carries no CSRF token");
  return { cookie, csrf };
};
