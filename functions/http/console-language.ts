// The console's language: asked for in the address (?lang=fr, what its language switcher links to), then
// remembered in a cookie so every later page, email and error of that browser keeps it. The person's
// choice is also kept with them (SignInStore): signing in on a browser without the cookie sets it.
import { isLanguage, type Language } from "../core/languages.ts";
import { header, requestLanguage, type HttpEvent } from "./request.ts";

const COOKIE = "consulta_lang";
const A_YEAR = 365 * 24 * 3600;

/** The language the browser chose last, if it chose one. */
export const rememberedLanguage = (event: HttpEvent): Language | undefined => {
  const value = (event.cookies ?? (header(event, "cookie") ?? "").split(";"))
    .map((c) => c.trim().split("="))
    .find(([name]) => name === COOKIE)?.[1];
  return isLanguage(value) ? value : undefined;
};

/** The page's language: the one asked for now, else the one remembered, else the browser's, else English. */
export const consoleLanguage = (event: HttpEvent): Language =>
  requestLanguage(event, rememberedLanguage(event)) ?? "en";

/**
 * The cookie remembering a language the address asked for, when it differs from the remembered one.
 * Not HttpOnly-sensitive (a language is no secret) but kept to the console and never sent cross-site.
 */
export const languageCookie = (event: HttpEvent): string | undefined => {
  const asked = event.queryStringParameters?.lang;
  if (!isLanguage(asked) || asked === rememberedLanguage(event)) return undefined;
  return cookieFor(asked);
};

/** The cookie that makes `language` this browser's console language. */
export const cookieFor = (language: Language) =>
  `${COOKIE}=${language}; Path=/console; HttpOnly; Secure; SameSite=Lax; Max-Age=${A_YEAR}`;
