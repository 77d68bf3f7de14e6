// Signing in and out: the pages open without a session, and the link that starts one.
import {
  chosenConsoleLanguage,
  completeSignIn,
  endSession,
  rememberConsoleLanguage,
  requestSignIn,
  SESSION_HOURS,
} from "../../core/secretariat-auth.ts";
import { isLanguage } from "../../core/languages.ts";
import { cookieFor, rememberedLanguage } from "../../http/console-language.ts";
import { countMetric } from "../../adapters/telemetry.ts";
import { sessionCookie } from "../../http/console-session.ts";
import { SIGN_IN_REFUSED } from "../../http/metric-names.ts";
import { redirect } from "../../http/responses.ts";
import type { ConsolePage, Reply } from "./page.ts";

export const signInPage: ConsolePage = { open: true, answer: async (r) => r.render("sign-in", {}) };

export const requestSignInLink: ConsolePage = {
  open: true,
  answer: async (r) => {
    const refusal = await requestSignIn(r.ports, await r.authSettings(), {
      email: String(r.form.email ?? ""),
      client: r.event.requestContext.http.sourceIp,
      lang: r.lang,
      // Neither the address nor the browser's cookie named a language: the person's own may.
      browserDefault: !isLanguage(r.query.lang) && !rememberedLanguage(r.event),
    });
    // Which limit refused goes with the metric; never the address or the client.
    if (refusal) countMetric(SIGN_IN_REFUSED, { limit: refusal.refused });
    // The same page whether or not the address is allowed: nobody learns who is.
    return r.render("sign-in-sent", {});
  },
};

/** A GET only shows a button: mail scanners that follow links must not spend the link. */
export const confirmSignIn: ConsolePage = {
  open: true,
  answer: async (r) => r.render("sign-in-confirm", {}),
};

export const completeSignInLink: ConsolePage = {
  open: true,
  answer: async (r) => {
    const session = await completeSignIn(r.ports, await r.authSettings(), r.params.token ?? "");
    r.did({ actor: session.email, action: "signed in" });
    // A language chosen in this browser before signing in becomes the person's; a browser that never
    // chose one takes the one this person chose in another.
    const here = rememberedLanguage(r.event);
    const before = await chosenConsoleLanguage(r.ports, session.email);
    if (here && here !== before) await rememberConsoleLanguage(r.ports, session.email, here);
    const chosen = here ? undefined : before;
    return {
      ...(redirect("/console") as Exclude<Reply, string>),
      cookies: [sessionCookie(session.cookie, SESSION_HOURS * 3600), ...(chosen ? [cookieFor(chosen)] : [])],
    };
  },
};

export const signOut: ConsolePage = {
  answer: async (r) => {
    await endSession(r.ports, r.session);
    r.did({ action: "signed out" });
    return redirect("/console/sign-in", { "set-cookie": sessionCookie("", 0) });
  },
};
