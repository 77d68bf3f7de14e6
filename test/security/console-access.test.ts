// Who may act for the Secretariat: the admin API only with its bearer token, the console only with a
// session opened by a sign-in link that works once and for 15 minutes, and no form without its CSRF token.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import { ROUTES } from "../../functions/http/routes.ts";
import { adminClient, loadContent, type AdminClient } from "../../functions/local/demo.ts";
import { readOutbox } from "../../functions/local/outbox.ts";
import {
  consoleCookie,
  requestSignInLink,
  spendSignInLink,
  type ConsoleCookie,
} from "../support/console-cookie.ts";
import { apiEvent, handlersOf, structured } from "../support/in-process.ts";
import { movableClock, testStack } from "../support/local-stack.ts";

const MINUTE = 60e3;
const clock = movableClock(new Date("2027-03-01T12:00:00Z"));
let stack: Awaited<ReturnType<typeof testStack>>;
let api: AdminClient;
let campaign: Campaign;

beforeAll(async () => {
  stack = await testStack({ clock });
  api = adminClient(stack);
  await loadContent(api);
  campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    closesAt: new Date(clock.now().getTime() + 30 * 864e5).toISOString(),
    invite: ["ARG"],
  });
});
afterAll(() => stack.dispose());

const fill = (path: string) =>
  path
    .replace("{campaignId}", campaign.id)
    .replace("{memberCode}", "ARG")
    .replace("{contactId}", "focal-point")
    .replace("{file}", "report.xlsx")
    .replace("{path+}", `campaigns/${campaign.id}`);

const status = async (method: string, path: string, headers: Record<string, string> = {}) =>
  (await fetch(`${stack.url}${path}`, { method, redirect: "manual", headers })).status;

const postForm = (path: string, cookie: string, fields: Record<string, string>) =>
  fetch(`${stack.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body: new URLSearchParams(fields).toString(),
  });

describe("the admin API", () => {
  it("answers 401 on every route without the bearer token, with a wrong one, or with a console cookie", async () => {
    const signedIn = await consoleCookie(stack);
    const apiRoutes = ROUTES.filter((r) => r.path.startsWith("/api/"));
    expect(apiRoutes.length).toBeGreaterThan(15);
    for (const route of apiRoutes) {
      const path = fill(route.path);
      for (const headers of [
        {} as Record<string, string>,
        { authorization: "Bearer " },
        { authorization: `Bearer ${stack.adminToken}x` },
        { authorization: `Bearer ${stack.adminToken.slice(0, -1)}` },
        { authorization: `Basic ${stack.adminToken}` },
        { cookie: signedIn.cookie },
      ])
        expect(await status(route.method, path, headers), `${route.method} ${path}`).toBe(401);
    }
    expect((await api<{ campaign: Campaign }>("GET", `/api/campaigns/${campaign.id}`)).campaign.status).toBe(
      "open",
    );
  });
});

describe("the console", () => {
  it("sends every page to sign-in and refuses every action without a valid session", async () => {
    const forged = [
      "",
      "consulta_session=",
      "consulta_session=abc.def",
      `consulta_session=${"A".repeat(43)}.${"B".repeat(43)}`,
    ];
    for (const cookie of forged) {
      for (const path of [
        "/console",
        "/console/members",
        "/console/members/ARG",
        `/console/campaigns/${campaign.id}`,
      ]) {
        const res = await fetch(`${stack.url}${path}`, { redirect: "manual", headers: { cookie } });
        expect(res.status, `GET ${path} with "${cookie}"`).toBe(303);
        expect(res.headers.get("location")).toBe("/console/sign-in");
      }
      for (const action of ["close", "send", "remind", "compile"])
        expect(
          (await postForm(`/console/campaigns/${campaign.id}/${action}`, cookie, { csrf: "x" })).status,
        ).toBe(401);
    }
  });

  it("a sign-in link works once, opens an 8-hour session, and a link older than 15 minutes opens nothing", async () => {
    const link = await requestSignInLink(stack);
    // Mail scanners follow links: a GET shows a button and spends nothing.
    expect((await fetch(link)).status).toBe(200);
    const first = await spendSignInLink(link);
    expect(first.res.status).toBe(303);
    expect(first.res.headers.get("set-cookie")).toMatch(/HttpOnly; Secure; SameSite=Strict/);
    const again = await spendSignInLink(link);
    expect(again.res.status).toBe(410);
    expect(again.cookie).toBeUndefined();

    expect(await status("GET", "/console", { cookie: first.cookie! })).toBe(200);
    clock.advance(8 * 60 * MINUTE + 1000);
    expect(await status("GET", "/console", { cookie: first.cookie! })).toBe(303);

    const late = await requestSignInLink(stack);
    clock.advance(15 * MINUTE + 1000);
    const spent = await spendSignInLink(late);
    expect(spent.res.status).toBe(410);
    expect(spent.cookie).toBeUndefined();
  });

  it("sends no link to an address that is not allowed, and says the same thing", async () => {
    const ask = (email: string) =>
      postForm("/console/sign-in", "", { email }).then(async (r) => `${r.status} ${(await r.text()).length}`);
    const before = readOutbox(stack.paths.outbox).length;
    expect(await ask("intruder@example.org")).toBe(await ask("someone-else@example.org"));
    expect(readOutbox(stack.paths.outbox)).toHaveLength(before);
  });

  it("answers a refused request with the same page, and logs the refusal as a metric the stack alarms on", async () => {
    const console_ = handlersOf(stack).console;
    const ask = async (client: string) => {
      const event = apiEvent("POST /console/sign-in", "/console/sign-in", {
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
        body: "email=stranger%40example.org",
      });
      event.requestContext.http.sourceIp = client;
      const res = structured(await console_(event));
      return `${res.statusCode} ${String(res.body).length}`;
    };
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await ask("192.0.2.44"));
      answers.push(await ask("192.0.2.45"));
      expect(new Set(answers).size).toBe(1);
      const metrics = log.mock.calls
        .map(([line]) => JSON.parse(String(line)) as Record<string, unknown>)
        .filter((line) => "_aws" in line);
      expect(metrics).toEqual([
        expect.objectContaining({
          _aws: expect.objectContaining({
            CloudWatchMetrics: [
              {
                Namespace: "Consulta",
                Dimensions: [["service"]],
                Metrics: [{ Name: "SignInRefused", Unit: "Count" }],
              },
            ],
          }),
          SignInRefused: 1,
          service: "consulta",
          limit: "addressFromClient",
        }),
      ]);
      expect(JSON.stringify(metrics)).not.toMatch(/stranger|192\.0\.2/);
    } finally {
      log.mockRestore();
    }
  });

  it("a session ends when its holder signs out", async () => {
    const session = await consoleCookie(stack);
    expect((await postForm("/console/sign-out", session.cookie, { csrf: session.csrf })).status).toBe(303);
    expect(await status("GET", "/console", { cookie: session.cookie })).toBe(303);
  });
});

describe("CSRF", () => {
  let alice: ConsoleCookie;
  let bob: ConsoleCookie;
  beforeAll(async () => {
    alice = await consoleCookie(stack);
    bob = await consoleCookie(stack);
  });

  it("refuses a signed-in form without its token, with a made-up one, or with another session's", async () => {
    for (const fields of [
      {} as Record<string, string>,
      { csrf: "" },
      { csrf: "x".repeat(43) },
      { csrf: bob.csrf },
      { csrf: `${alice.csrf}x` },
    ]) {
      const res = await postForm(`/console/campaigns/${campaign.id}/close`, alice.cookie, fields);
      expect(res.status, JSON.stringify(fields)).toBe(403);
    }
    expect((await api<{ campaign: Campaign }>("GET", `/api/campaigns/${campaign.id}`)).campaign.status).toBe(
      "open",
    );
    // The same form with the session's own token goes through.
    expect(
      (await postForm(`/console/campaigns/${campaign.id}/close`, alice.cookie, { csrf: alice.csrf })).status,
    ).toBe(303);
    expect((await api<{ campaign: Campaign }>("GET", `/api/campaigns/${campaign.id}`)).campaign.status).toBe(
      "closed",
    );
  });
});
