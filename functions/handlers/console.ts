// /console: the Secretariat's signed-in web console. Each route of functions/http/routes.ts has its page
// in ./console/ (CONSOLE_PAGES); session, body, CSRF and the audit line are middleware, run once here.
import type { Content } from "../core/content-load.ts";
import { LANGUAGE_NAMES, LANGUAGES } from "../core/languages.ts";
import { rememberConsoleLanguage } from "../core/secretariat-auth.ts";
import { auditTrail } from "../http/audit.ts";
import { bodyParser } from "../http/body-parser.ts";
import { authSettings, consoleSession, csrfCheck } from "../http/console-session.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { consoleLanguage, languageCookie } from "../http/console-language.ts";
import { htmlResponse } from "../http/responses.ts";
import { sqsEmailQueue } from "../adapters/sqs-email-queue.ts";
import { sqsJobQueue } from "../adapters/sqs-job-queue.ts";
import { s3BlobStore } from "../adapters/s3-blob-store.ts";
import { wordDocuments } from "../adapters/docx-documents.ts";
import { REPLY_MAX_BYTES } from "../core/word-replies.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";
import { workPlanWord } from "../adapters/docx-work-plan.ts";
import { pdfText } from "../adapters/pdf-text.ts";
import type { OpenRequest, Reply } from "./console/page.ts";
import { consolePageOf } from "./console/pages.ts";

/** The reply, with the cookie that remembers a newly chosen language when there is one. */
const remembering = (cookie: string | undefined, reply: Reply): Reply =>
  !cookie || typeof reply === "string" ? reply : { ...reply, cookies: [...(reply.cookies ?? []), cookie] };

/**
 * `content`: where the server finds the content/ it was built with, for the page that loads it. The
 * local stack reads the folder; a Lambda passes none (its bundle stays without the YAML reader).
 */
export const createConsoleHandler = (runtime: Runtime, options: { content?: () => Content } = {}) =>
  httpHandler(
    runtime,
    async (event, ports, config, context) => {
      const lang = consoleLanguage(event);
      const { session } = context;
      const signedIn = session ? { signedInAs: session.email, csrf: session.csrf } : {};
      // The switcher links to this page in another language; a form's answer has no address to show again.
      const isGet = event.requestContext.http.method === "GET";
      const here = isGet ? event.rawPath : "/console";
      // The page's other query (a campaign's filter, its page of members) is kept.
      const kept = Object.entries(event.queryStringParameters ?? {}).filter(
        ([name, value]) => isGet && name !== "lang" && value !== undefined,
      ) as [string, string][];
      // Its own name: a page's values may list languages of their own (the Word downloads, a
      // translation's target) and would otherwise replace the switcher's links.
      const consoleLanguages = LANGUAGES.map((code) => ({
        code,
        name: LANGUAGE_NAMES[code],
        current: code === lang,
        href: `${here}?${new URLSearchParams([...kept, ["lang", code]]).toString()}`,
      }));
      const request: OpenRequest = {
        ports,
        config,
        event,
        params: event.pathParameters ?? {},
        query: event.queryStringParameters ?? {},
        form: (context.body ?? {}) as Record<string, unknown>,
        lang,
        authSettings: () => authSettings(runtime),
        ...(options.content ? { content: options.content } : {}),
        render: (template, values, status = 200, headers = {}) =>
          htmlResponse(
            status,
            ports.views.render(`web/console/${template}`, { lang, ...signedIn, ...values, consoleLanguages }),
            headers,
          ),
        did: (line) => (context.audit = line),
      };
      const page = consolePageOf(event.routeKey);
      const answer = () => {
        if (page.open) return page.answer(request);
        // The session middleware let no request through to a page behind it without a session.
        if (!session) throw new Error("console page reached without a session");
        return page.answer({
          ...request,
          session,
          did: (line) => (context.audit = { actor: session.email, ...line }),
        });
      };
      const cookie = languageCookie(event);
      // A choice made while signed in is the person's, not only this browser's.
      if (cookie && session) await rememberConsoleLanguage(ports, session.email, lang);
      return remembering(cookie, await answer());
    },
    {
      use: [
        consoleSession(runtime, (event) => consolePageOf(event.routeKey).open === true),
        // Completing a sign-in posts nothing but the button; a signed-in post without a body has no CSRF token.
        bodyParser(
          { accepts: ["form", "multipart"], optional: true, uploadLimit: REPLY_MAX_BYTES },
          () => runtime.config().maxBodyBytes,
        ),
        csrfCheck(),
        auditTrail(runtime.ports, ({ context }) => context.audit),
      ],
    },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = {
  queue: sqsEmailQueue,
  jobs: sqsJobQueue,
  blobs: s3BlobStore,
  secrets: secretsManagerSecrets,
};

// The Work Plan's Word document is written here (docx beside the bundle, loaded on the first document).
// The Word questionnaire is written, and documents sent back read, here (jszip and fast-xml-parser);
// a PDF sent back is read for transcription (unpdf beside the bundle, loaded on the first PDF shown).
export const handler = createConsoleHandler(
  lambdaRuntime(needs, { documents: { ...workPlanWord, ...wordDocuments, ...pdfText } }),
);
