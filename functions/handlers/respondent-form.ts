// GET and POST /r/{token}: the respondent's form, drafts and submission, server-rendered, no script needed.
import { buildConfirmationView } from "../core/confirmation-view.ts";
import { Conflict, ValidationFailed } from "../core/errors.ts";
import { buildFormView, type Notice } from "../core/form-view.ts";
import { isLanguage, type Language } from "../core/languages.ts";
import type { Ports } from "../core/ports.ts";
import { answersFromForm } from "../core/questionnaire/form-input.ts";
import { openResponse, saveResponse, type RespondentSession } from "../core/respond.ts";
import { httpHandler, lambdaRuntime, type Runtime } from "../http/handler.ts";
import { formBody, requestLanguage, type HttpEvent } from "../http/request.ts";
import { htmlResponse, redirect } from "../http/responses.ts";
import { MethodNotAllowed } from "../core/errors.ts";

const sessionLanguage = (event: HttpEvent, session: RespondentSession, posted?: unknown): Language =>
  isLanguage(posted)
    ? posted
    : (requestLanguage(event, session.contact.language ?? session.member.language) as Language);

const renderForm = (
  ports: Ports,
  status: number,
  session: RespondentSession,
  lang: Language,
  values: Record<string, unknown>,
  errors: ValidationFailed["fieldErrors"],
  baseVersion: number,
  notice?: Notice,
) =>
  htmlResponse(
    status,
    ports.views.render("web/form", buildFormView(session, lang, values, errors, baseVersion, notice)),
  );

export const createRespondentFormHandler = (runtime: Runtime) =>
  httpHandler(runtime, async (event, ports, config) => {
    const token = event.pathParameters?.token ?? "";
    const method = event.requestContext.http.method;
    if (method === "GET") {
      const session = await openResponse(ports, token);
      const lang = sessionLanguage(event, session);
      const response = session.response;
      const query = event.queryStringParameters ?? {};
      if (query.submitted && response?.submittedVersion === response?.version && response) {
        const t = (key: string) => ports.views.translate(lang, key);
        return htmlResponse(
          200,
          ports.views.render("web/confirmation", buildConfirmationView(session, response, lang, t)),
        );
      }
      const notice: Notice | undefined =
        query.saved && response ? { kind: "saved", at: response.updatedAt } : undefined;
      return renderForm(
        ports,
        200,
        session,
        lang,
        response?.answers ?? {},
        [],
        response?.version ?? 0,
        notice,
      );
    }
    if (method !== "POST") throw new MethodNotAllowed();

    const form = formBody(event, config.maxBodyBytes);
    const session = await openResponse(ports, token);
    const lang = sessionLanguage(event, session, form.lang);
    const typed = answersFromForm(session.questionnaire, form);
    const baseVersion = Number.parseInt(String(form.baseVersion ?? "0"), 10) || 0;
    const action = form.action === "submit" ? "submit" : "draft";
    try {
      await saveResponse(ports, token, { action, answers: typed, baseVersion });
    } catch (error) {
      if (error instanceof ValidationFailed) {
        return renderForm(ports, 422, session, lang, typed, error.fieldErrors, baseVersion, {
          kind: "errors",
        });
      }
      if (error instanceof Conflict) {
        // Show what this person typed; the next save is based on the colleague's version, so nothing is lost.
        const fresh = await openResponse(ports, token);
        return renderForm(ports, 409, fresh, lang, typed, [], fresh.response?.version ?? 0, {
          kind: "conflict",
          ...(fresh.response ? { by: fresh.response.updatedBy.name, at: fresh.response.updatedAt } : {}),
        });
      }
      throw error;
    }
    return redirect(`?lang=${lang}&${action === "submit" ? "submitted" : "saved"}=1`);
  });

export const handler = createRespondentFormHandler(lambdaRuntime);
