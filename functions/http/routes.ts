// The HTTP routes: one table read by the local server and by the CDK API stack, so they cannot drift.
export const ROUTES = [
  { method: "GET", path: "/r/{token}", handler: "respondent-form" },
  { method: "POST", path: "/r/{token}", handler: "respondent-form" },
  // Where the form's script asks to send a file straight to the bucket (core/attach-files.ts uploadForm).
  { method: "POST", path: "/r/{token}/uploads", handler: "respondent-form" },
  { method: "GET", path: "/u/{token}", handler: "unsubscribe" },
  { method: "POST", path: "/u/{token}", handler: "unsubscribe" },
  { method: "GET", path: "/assets/{file}", handler: "static-asset" },
  { method: "GET", path: "/accessibility", handler: "static-asset" },
  // The console: one route per page and action; handlers/console/pages.ts names the page answering each.
  { method: "GET", path: "/console", handler: "console" },
  { method: "GET", path: "/console/sign-in", handler: "console" },
  { method: "POST", path: "/console/sign-in", handler: "console" },
  { method: "GET", path: "/console/sign-in/{token}", handler: "console" },
  { method: "POST", path: "/console/sign-in/{token}", handler: "console" },
  { method: "POST", path: "/console/sign-out", handler: "console" },
  { method: "POST", path: "/console/campaigns", handler: "console" },
  { method: "GET", path: "/console/campaigns/{campaignId}", handler: "console" },
  { method: "GET", path: "/console/campaigns/{campaignId}/reports/{file}", handler: "console" },
  { method: "GET", path: "/console/campaigns/{campaignId}/attachments/{member}/{file}", handler: "console" },
  { method: "POST", path: "/console/campaigns/{campaignId}/send", handler: "console" },
  { method: "POST", path: "/console/campaigns/{campaignId}/remind", handler: "console" },
  { method: "POST", path: "/console/campaigns/{campaignId}/close", handler: "console" },
  { method: "POST", path: "/console/campaigns/{campaignId}/reopen", handler: "console" },
  { method: "POST", path: "/console/campaigns/{campaignId}/compile", handler: "console" },
  // Each bulk action's confirmation, at the action's own address: its effect in numbers and the button.
  { method: "GET", path: "/console/campaigns/{campaignId}/send", handler: "console" },
  { method: "GET", path: "/console/campaigns/{campaignId}/remind", handler: "console" },
  { method: "GET", path: "/console/campaigns/{campaignId}/close", handler: "console" },
  { method: "GET", path: "/console/campaigns/{campaignId}/reopen", handler: "console" },
  { method: "GET", path: "/console/campaigns/{campaignId}/compile", handler: "console" },
  { method: "GET", path: "/console/campaigns/{campaignId}/extend", handler: "console" },
  { method: "POST", path: "/console/campaigns/{campaignId}/extend", handler: "console" },
  {
    method: "GET",
    path: "/console/campaigns/{campaignId}/contacts/{memberCode}/{contactId}/revoke",
    handler: "console",
  },
  { method: "GET", path: "/console/campaigns/{campaignId}/translations", handler: "console" },
  { method: "GET", path: "/console/campaigns/{campaignId}/work-plan", handler: "console" },
  { method: "POST", path: "/console/campaigns/{campaignId}/work-plan", handler: "console" },
  { method: "GET", path: "/console/campaigns/{campaignId}/work-plan/document", handler: "console" },
  { method: "POST", path: "/console/campaigns/{campaignId}/translations", handler: "console" },
  {
    method: "POST",
    path: "/console/campaigns/{campaignId}/members/{memberCode}/invite-alternate",
    handler: "console",
  },
  { method: "POST", path: "/console/campaigns/{campaignId}/members/{memberCode}/reopen", handler: "console" },
  // Word: the blank questionnaire; a member's, its documents sent back, and transcribing one (issue 21).
  { method: "GET", path: "/console/campaigns/{campaignId}/word", handler: "console" },
  { method: "GET", path: "/console/campaigns/{campaignId}/members/{memberCode}/replies", handler: "console" },
  {
    method: "POST",
    path: "/console/campaigns/{campaignId}/members/{memberCode}/replies",
    handler: "console",
  },
  {
    method: "POST",
    path: "/console/campaigns/{campaignId}/contacts/{memberCode}/{contactId}/replace",
    handler: "console",
  },
  {
    method: "POST",
    path: "/console/campaigns/{campaignId}/contacts/{memberCode}/{contactId}/revoke",
    handler: "console",
  },
  { method: "GET", path: "/console/jobs/{jobId}", handler: "console" },
  { method: "GET", path: "/console/receipts", handler: "console" },
  { method: "GET", path: "/console/members", handler: "console" },
  { method: "GET", path: "/console/members/export.csv", handler: "console" },
  { method: "GET", path: "/console/members/export.xlsx", handler: "console" },
  { method: "POST", path: "/console/members/import", handler: "console" },
  { method: "POST", path: "/console/members/import/{importId}", handler: "console" },
  { method: "GET", path: "/console/members/{memberCode}", handler: "console" },
  { method: "POST", path: "/console/members/{memberCode}", handler: "console" },
  { method: "GET", path: "/console/questionnaires", handler: "console" },
  {
    method: "POST",
    path: "/console/questionnaires/{questionnaireId}/versions/{version}/copy",
    handler: "console",
  },
  {
    method: "GET",
    path: "/console/questionnaires/{questionnaireId}/versions/{version}/preview",
    handler: "console",
  },
  { method: "GET", path: "/console/questionnaires/{questionnaireId}/drafts/{version}", handler: "console" },
  { method: "POST", path: "/console/questionnaires/{questionnaireId}/drafts/{version}", handler: "console" },
  {
    method: "GET",
    path: "/console/questionnaires/{questionnaireId}/drafts/{version}/preview",
    handler: "console",
  },
  {
    method: "GET",
    path: "/console/questionnaires/{questionnaireId}/drafts/{version}/publish",
    handler: "console",
  },
  {
    method: "POST",
    path: "/console/questionnaires/{questionnaireId}/drafts/{version}/publish",
    handler: "console",
  },
  { method: "POST", path: "/console/members/{memberCode}/details", handler: "console" },
  { method: "GET", path: "/console/content", handler: "console" },
  { method: "POST", path: "/console/content", handler: "console" },
  { method: "GET", path: "/console/translations", handler: "console" },
  { method: "GET", path: "/console/translations/{questionnaireId}/{version}", handler: "console" },
  { method: "POST", path: "/console/translations/{questionnaireId}/{version}", handler: "console" },
  { method: "GET", path: "/console/translations/{questionnaireId}/{version}/workbook", handler: "console" },
  { method: "POST", path: "/console/translations/{questionnaireId}/{version}/{upload}", handler: "console" },
  // Any other console address: the console's own "nothing here" page, behind its session like the rest.
  { method: "GET", path: "/console/{path+}", handler: "console" },
  { method: "POST", path: "/console/{path+}", handler: "console" },
  { method: "PUT", path: "/api/members", handler: "put-members" },
  { method: "GET", path: "/api/members", handler: "directory-admin" },
  { method: "POST", path: "/api/members/import", handler: "directory-admin" },
  { method: "GET", path: "/api/members/export", handler: "directory-admin" },
  { method: "POST", path: "/api/questionnaires", handler: "put-questionnaire" },
  { method: "GET", path: "/api/questionnaires", handler: "put-questionnaire" },
  {
    method: "POST",
    path: "/api/questionnaires/{questionnaireId}/{version}/copy",
    handler: "put-questionnaire",
  },
  {
    method: "GET",
    path: "/api/questionnaires/{questionnaireId}/drafts/{version}",
    handler: "put-questionnaire",
  },
  {
    method: "PUT",
    path: "/api/questionnaires/{questionnaireId}/drafts/{version}",
    handler: "put-questionnaire",
  },
  {
    method: "POST",
    path: "/api/questionnaires/{questionnaireId}/drafts/{version}/publish",
    handler: "put-questionnaire",
  },
  {
    method: "GET",
    path: "/api/questionnaires/{questionnaireId}/{version}/translations",
    handler: "put-questionnaire",
  },
  {
    method: "POST",
    path: "/api/questionnaires/{questionnaireId}/{version}/translations",
    handler: "put-questionnaire",
  },
  { method: "GET", path: "/api/campaigns", handler: "list-campaigns" },
  { method: "POST", path: "/api/campaigns", handler: "create-campaign" },
  { method: "POST", path: "/api/campaigns/{campaignId}/send", handler: "send-invitations" },
  { method: "POST", path: "/api/campaigns/{campaignId}/reports", handler: "compile-report" },
  { method: "GET", path: "/api/campaigns/{campaignId}", handler: "campaign-admin" },
  { method: "POST", path: "/api/campaigns/{campaignId}/close", handler: "campaign-admin" },
  { method: "POST", path: "/api/campaigns/{campaignId}/reopen", handler: "campaign-admin" },
  { method: "POST", path: "/api/campaigns/{campaignId}/extend", handler: "campaign-admin" },
  { method: "GET", path: "/api/campaigns/{campaignId}/effects/{action}", handler: "campaign-admin" },
  { method: "GET", path: "/api/campaigns/{campaignId}/reports/{file}", handler: "campaign-admin" },
  { method: "GET", path: "/api/campaigns/{campaignId}/invitations", handler: "campaign-delivery" },
  {
    method: "GET",
    path: "/api/campaigns/{campaignId}/members/{memberCode}/contributors",
    handler: "campaign-delivery",
  },
  { method: "GET", path: "/api/receipts/{code}", handler: "verify-receipt" },
  { method: "GET", path: "/api/jobs/{jobId}", handler: "job-status" },
  { method: "POST", path: "/api/campaigns/{campaignId}/remind", handler: "campaign-delivery" },
  {
    method: "POST",
    path: "/api/campaigns/{campaignId}/invitations/{memberCode}/{contactId}/replace",
    handler: "contact-links",
  },
  {
    method: "POST",
    path: "/api/campaigns/{campaignId}/invitations/{memberCode}/{contactId}/revoke",
    handler: "contact-links",
  },
  {
    method: "POST",
    path: "/api/campaigns/{campaignId}/invitations/{memberCode}/{contactId}/events",
    handler: "record-delivery-event",
  },
] as const;

export type Route = (typeof ROUTES)[number];
export type HttpHandlerName = Route["handler"];

/** How specific a route is, as API Gateway ranks them: literal segments before variables, greedy last. */
const looseness = (path: string) => (path.includes("+}") ? 1000 : 0) + (path.match(/\{/g)?.length ?? 0);

/**
 * Matches a method and path against the table, the most specific route winning as in API Gateway
 * (`/console/members/import` before `/console/members/{memberCode}`); returns it and its path parameters.
 */
export const matchRoute = (
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined => {
  let best: { route: Route; params: Record<string, string> } | undefined;
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    if (best && looseness(best.route.path) <= looseness(route.path)) continue;
    const names: string[] = [];
    const pattern = new RegExp(
      "^" +
        route.path.replace(
          /\{(\w+)(\+?)\}/g,
          (_, name: string, greedy: string) => (names.push(name), greedy ? "(.+)" : "([^/]+)"),
        ) +
        "$",
    );
    const m = pattern.exec(path);
    const values = m && names.map((_, i) => decodeSegment(m[i + 1] ?? ""));
    // A parameter that is not valid percent-encoding names nothing: no route, a 404.
    if (values && values.every((v) => v !== undefined))
      best = { route, params: Object.fromEntries(names.map((n, i) => [n, values[i] as string])) };
  }
  return best;
};

/** A route's key as API Gateway writes it in the event's routeKey: "GET /console/jobs/{jobId}". */
export type RouteKey<H extends HttpHandlerName = HttpHandlerName> =
  Extract<Route, { handler: H }> extends infer R
    ? R extends Route
      ? `${R["method"]} ${R["path"]}`
      : never
    : never;

/** A path segment's text, or undefined when it is not valid percent-encoding. */
export const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

export const pathExists = (path: string) => ROUTES.some((r) => matchRoute(r.method, path));
