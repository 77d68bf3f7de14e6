// The HTTP routes: one table read by the local server and by the CDK API stack, so they cannot drift.
export const ROUTES = [
  { method: "GET", path: "/r/{token}", handler: "respondent-form" },
  { method: "POST", path: "/r/{token}", handler: "respondent-form" },
  { method: "GET", path: "/u/{token}", handler: "unsubscribe" },
  { method: "POST", path: "/u/{token}", handler: "unsubscribe" },
  { method: "GET", path: "/assets/{file}", handler: "static-asset" },
  { method: "GET", path: "/accessibility", handler: "static-asset" },
  { method: "GET", path: "/console", handler: "console" },
  { method: "GET", path: "/console/{path+}", handler: "console" },
  { method: "POST", path: "/console/{path+}", handler: "console" },
  { method: "PUT", path: "/api/members", handler: "put-members" },
  { method: "GET", path: "/api/members", handler: "directory-admin" },
  { method: "POST", path: "/api/members/import", handler: "directory-admin" },
  { method: "GET", path: "/api/members/export", handler: "directory-admin" },
  { method: "POST", path: "/api/questionnaires", handler: "put-questionnaire" },
  { method: "GET", path: "/api/campaigns", handler: "list-campaigns" },
  { method: "POST", path: "/api/campaigns", handler: "create-campaign" },
  { method: "POST", path: "/api/campaigns/{campaignId}/send", handler: "send-invitations" },
  { method: "POST", path: "/api/campaigns/{campaignId}/reports", handler: "compile-report" },
  { method: "GET", path: "/api/campaigns/{campaignId}", handler: "campaign-admin" },
  { method: "POST", path: "/api/campaigns/{campaignId}/close", handler: "campaign-admin" },
  { method: "POST", path: "/api/campaigns/{campaignId}/reopen", handler: "campaign-admin" },
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

/** Matches a method and path against the table; returns the route and its path parameters. */
export const matchRoute = (
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined => {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
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
      return { route, params: Object.fromEntries(names.map((n, i) => [n, values[i] as string])) };
  }
  return undefined;
};

/** A path segment's text, or undefined when it is not valid percent-encoding. */
export const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

export const pathExists = (path: string) => ROUTES.some((r) => matchRoute(r.method, path));
