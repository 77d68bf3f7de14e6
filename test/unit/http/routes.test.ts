// The route table picks routes as API Gateway does, and every console route has its page.
import { describe, expect, it } from "vitest";
import { CONSOLE_PAGES } from "../../../functions/handlers/console/pages.ts";
import { matchRoute, ROUTES } from "../../../functions/http/routes.ts";

const keyOf = (method: string, path: string) => {
  const m = matchRoute(method, path);
  return m && `${m.route.method} ${m.route.path}`;
};

describe("matchRoute", () => {
  it("prefers a literal segment to a variable, and any route to a greedy one, whatever the table's order", () => {
    expect(keyOf("GET", "/console/members/export.csv")).toBe("GET /console/members/export.csv");
    expect(keyOf("POST", "/console/members/import")).toBe("POST /console/members/import");
    expect(keyOf("GET", "/console/members/ARG")).toBe("GET /console/members/{memberCode}");
    expect(keyOf("GET", "/console/campaigns/c1")).toBe("GET /console/campaigns/{campaignId}");
    expect(keyOf("GET", "/console/campaigns")).toBe("GET /console/{path+}");
    expect(keyOf("POST", "/console/campaigns/c1/frobnicate")).toBe("POST /console/{path+}");
  });

  it("decodes the parameters it names", () => {
    expect(matchRoute("POST", "/console/campaigns/c%201/members/AR%2FG/reopen")?.params).toEqual({
      campaignId: "c 1",
      memberCode: "AR/G",
    });
  });

  it("never lets one route hide another: each route's own path finds it", () => {
    for (const route of ROUTES) {
      const path = route.path.replace(/\{(\w+)\+?\}/g, (_, name: string) => `some-${name}`);
      expect(keyOf(route.method, path), path).toBe(`${route.method} ${route.path}`);
    }
  });
});

describe("the console's pages", () => {
  it("has a page for every console route and no page without one", () => {
    const consoleRoutes = ROUTES.filter((r) => r.handler === "console").map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(CONSOLE_PAGES).sort()).toEqual(consoleRoutes.sort());
  });

  it("opens only the sign-in pages without a session", () => {
    const open = Object.entries(CONSOLE_PAGES)
      .filter(([, page]) => page.open)
      .map(([key]) => key);
    expect(open.sort()).toEqual([
      "GET /console/sign-in",
      "GET /console/sign-in/{token}",
      "POST /console/sign-in",
      "POST /console/sign-in/{token}",
    ]);
  });
});
