// GET and POST /u/{token}: the one-click unsubscribe of invitations and reminders (RFC 8058). A GET only
// shows the button, as mail scanners follow links; a POST, the mail client's or the button's, acts.
import { secretariatIn } from "../core/campaign.ts";
import type { Language } from "../core/languages.ts";
import { unsubscribe, unsubscribeTarget } from "../core/unsubscribe.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { requestLanguage } from "../http/request.ts";
import { htmlResponse } from "../http/responses.ts";

export const createUnsubscribeHandler = (runtime: Runtime) =>
  httpHandler(runtime, async (event, ports) => {
    const tokenHash = event.pathParameters?.token ?? "";
    // The body (List-Unsubscribe=One-Click) is not read: the address alone says who, and the POST that it is meant.
    const posted = event.requestContext.http.method === "POST";
    const { invitation, campaign } = posted
      ? await unsubscribe(ports, tokenHash)
      : await unsubscribeTarget(ports, tokenHash);
    const lang = requestLanguage(event, invitation.language) as Language;
    return htmlResponse(
      200,
      ports.views.render("web/unsubscribe", {
        lang,
        title: campaign.title[lang],
        done: Boolean(invitation.unsubscribedAt),
        secretariat: secretariatIn(campaign.secretariat, lang),
      }),
    );
  });

/** What this function uses in AWS beyond DynamoDB: nothing. */
export const needs: LambdaNeeds = {};

export const handler = createUnsubscribeHandler(lambdaRuntime(needs));
