// Fuzzing every route of functions/http/routes.ts over HTTP, signed in where the route needs it so the
// hostile input reaches the handler: whatever the body, content type, path or headers, the answer is a
// 4xx that says what is wrong (413 over the size limit, 415 for a wrong content type), never a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import { ROUTES, type Route } from "../../functions/http/routes.ts";
import { adminClient, loadContent } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { PAYLOADS } from "../support/arbitraries.ts";
import { consoleCookie, type ConsoleCookie } from "../support/console-cookie.ts";
import { apiEvent, handlersOf, structured } from "../support/in-process.ts";
import { movableClock, testStack } from "../support/local-stack.ts";

const LIMIT = 256 * 1024;
const clock = movableClock(new Date("2027-04-01T12:00:00Z"));
let stack: Awaited<ReturnType<typeof testStack>>;
let session: ConsoleCookie;
let token: string;
let target: Campaign; // the campaign admin and console requests act on; the respondent's is another
let respondentsCampaign: Campaign;

beforeAll(async () => {
  stack = await testStack({ clock });
  const api = adminClient(stack);
  await loadContent(api);
  const open = (invite: string[]) =>
    api<Campaign>("POST", "/api/campaigns", {
      questionnaireId: "iacml-planning",
      closesAt: new Date(clock.now().getTime() + 30 * 864e5).toISOString(),
      invite,
    });
  // Not a member the console fuzz edits: a form posted without rows leaves a member no contacts.
  const respondents = await open(["URY"]);
  respondentsCampaign = respondents;
  target = await open(["ARG", "BRA"]);
  await api("POST", `/api/campaigns/${respondents.id}/send`);
  const link = respondentLink(
    readOutbox(stack.paths.outbox).find((m) => m.headers["x-consulta-campaign"] === respondents.id)!,
  )!;
  token = link.split("/r/")[1]!;
  session = await consoleCookie(stack);
});
afterAll(() => stack.dispose());

type Body = string | Uint8Array;
type Payload = { label: string; type?: string; body?: Body; expect?: number };

const bytes = (...values: number[]) => new Uint8Array(values);
const json = (label: string, body: string, expect?: number): Payload => ({
  label,
  type: "application/json",
  body,
  ...(expect ? { expect } : {}),
});
const urlencoded = (label: string, body: string, expect?: number): Payload => ({
  label,
  type: "application/x-www-form-urlencoded",
  body,
  ...(expect ? { expect } : {}),
});
const big = (n: number) => "x".repeat(n);

/** The same hostile bodies for every route that takes one; `csrf` lets console forms reach the handler. */
const bodies = (csrf: string): Payload[] => [
  { label: "no body, no content type" },
  { label: "bytes, no content type", body: bytes(1, 2, 3) },
  json("malformed JSON", '{"a":'),
  json("JSON array", "[]"),
  json("JSON string", '"x"'),
  json("JSON null", "null"),
  json("prototype pollution", '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}'),
  json("deeply nested arrays", `${"[".repeat(50_000)}${"]".repeat(50_000)}`),
  json(
    "deeply nested conditions",
    `{"sections":[{"when":${'{"not":'.repeat(20_000)}{}${"}".repeat(20_000)}}]}`,
  ),
  json("100 KB string", JSON.stringify({ meeting: big(100_000), questionnaireId: big(100_000) })),
  json("hostile strings", JSON.stringify({ members: PAYLOADS.map((p) => ({ code: p, name: p })) })),
  {
    label: "invalid UTF-8",
    type: "application/json",
    body: bytes(0x7b, 0x22, 0xff, 0x22, 0x7d),
    expect: 400,
  },
  json("JSON over the limit", JSON.stringify({ x: big(LIMIT) }), 413),
  { label: "text/plain", type: "text/plain", body: "hello", expect: 415 },
  {
    label: "XML",
    type: "application/xml",
    body: "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>",
    expect: 415,
  },
  { label: "multipart without boundary", type: "multipart/form-data", body: "--x\r\n" },
  {
    label: "multipart garbage",
    type: "multipart/form-data; boundary=zz",
    body: '--zz\r\nContent-Disposition: form-data; name="spreadsheet"; filename="../../a.xlsx"\r\n\r\nPK\u0003\u0004garbage\r\n--zz--\r\n',
  },
  urlencoded("malformed percent-encoding", `csrf=${csrf}&a=%ZZ&b=%&c=%E0%A4%A`),
  urlencoded("broken brackets", `csrf=${csrf}&a[=1&]]=2&[x]=3&action[]=submit&baseVersion[]=1&lang[]=fr`),
  urlencoded("deep nesting", `csrf=${csrf}&a${"[b]".repeat(200)}=1&topic-scores${"[x]".repeat(50)}=3`),
  urlencoded(
    "6000 parameters",
    `csrf=${csrf}&${Array.from({ length: 6000 }, (_, i) => `p${i}=1`).join("&")}`,
  ),
  urlencoded(
    "array index past the limit",
    `csrf=${csrf}&top-three[999999]=x&activity-proposals[5000][title]=y`,
  ),
  urlencoded("NUL", `csrf=${csrf}&anything-else=a%00b&email=%00`),
  urlencoded("invalid UTF-8, percent-encoded", `csrf=${csrf}&anything-else=%FF%FE%C3%28&email=%C0%AF`),
  {
    label: "invalid UTF-8, raw",
    type: "application/x-www-form-urlencoded",
    body: bytes(0x61, 0x3d, 0xff, 0xfe, 0xc3, 0x28),
    expect: 400,
  },
  urlencoded(
    "form fields of the wrong shape",
    `csrf=${csrf}&action=submit&baseVersion=1e309&topic-scores=7&top-three[a]=b&fund-split=all&activity-proposals=x` +
      `&contacts=x&contacts[0][id]=only-an-id&closesAt=2027-13-45&invite=%3Cscript%3E&lang=xx&questionnaireId[]=a`,
  ),
  urlencoded(
    "page actions aimed at nothing",
    `csrf=${csrf}&action=remove-row:__proto__:NaN&baseVersion=-5&lang=xx`,
  ),
  urlencoded("add a row to nothing", `csrf=${csrf}&action=add-row:constructor`),
  urlencoded("language of nothing", `csrf=${csrf}&action=lang:../../etc`),
  urlencoded(
    "100 KB in every text",
    `csrf=${csrf}&action=submit&baseVersion=0&${[
      "focal-point-name",
      "expected-achievements",
      "anything-else",
      "email",
      "meeting",
    ]
      .map((f) => `${f}=${big(20_000)}`)
      .join("&")}`,
  ),
  urlencoded(
    "hostile text everywhere",
    `csrf=${csrf}&action=draft&baseVersion=0&${PAYLOADS.map(
      (p, i) =>
        `anything-else=${encodeURIComponent(p)}&activity-proposals[${i}][title]=${encodeURIComponent(p)}`,
    ).join("&")}&email=${encodeURIComponent(PAYLOADS[0]!)}`,
  ),
  urlencoded("form over the limit", `csrf=${csrf}&anything-else=${big(LIMIT)}`, 413),
];

/** Routes whose handler reads the body: they alone must say 413 and 415. */
const READS_BODY = new Set([
  "POST /r/{token}",
  "PUT /api/members",
  "POST /api/members/import",
  "POST /api/questionnaires",
  "POST /api/campaigns",
  "POST /api/campaigns/{campaignId}/reopen",
  "POST /api/campaigns/{campaignId}/invitations/{memberCode}/{contactId}/events",
  "POST /console/{path+}",
]);

const HOSTILE_SEGMENTS = [
  big(3000),
  "%E0%A4%A",
  "..%2F..%2Fetc%2Fpasswd",
  "%00",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "%F0%9F%99%82",
  "constructor",
  "A".repeat(43),
];

/** The paths to try for a route: its real targets, then each parameter replaced by hostile segments. */
const pathsOf = (route: Route): string[] => {
  const real: Record<string, string> = {
    token,
    file: "form.js",
    campaignId: target.id,
    memberCode: "ARG",
    contactId: "focal-point",
  };
  const fill = (values: Record<string, string>) =>
    route.path.replace(/\{(\w+)\+?\}/g, (_, name: string) => values[name] ?? "x");
  if (route.path.includes("{path+}")) {
    const consolePaths =
      route.method === "GET"
        ? [
            "campaigns",
            `campaigns/${target.id}`,
            "members",
            "members/ARG",
            "members/export.csv",
            `campaigns/${target.id}/reports/x.xlsx`,
            "sign-in",
            `sign-in/${"A".repeat(43)}`,
          ]
        : [
            "sign-in",
            `sign-in/${"A".repeat(43)}`,
            "campaigns",
            `campaigns/${target.id}/compile`,
            `campaigns/${target.id}/reopen`,
            "members/ARG",
            "members/import",
            `members/import/${"x".repeat(20)}`,
            `campaigns/${target.id}/contacts/ARG/focal-point/frobnicate`,
          ];
    return [...consolePaths, ...HOSTILE_SEGMENTS, `campaigns/${HOSTILE_SEGMENTS[1]}/send`].map((p) =>
      route.path.replace("{path+}", p),
    );
  }
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return [
    fill(real),
    ...names.flatMap((name) => HOSTILE_SEGMENTS.map((segment) => fill({ ...real, [name]: segment }))),
  ];
};

const mediaOf = (route: Route) =>
  route.path.startsWith("/api/") ? "application/json" : "application/x-www-form-urlencoded";

const authFor = (route: Route): Record<string, string> =>
  route.path.startsWith("/api/")
    ? { authorization: `Bearer ${stack.adminToken}` }
    : route.path.startsWith("/console")
      ? { cookie: session.cookie }
      : {};

type Outcome = { what: string; status: number; body: string };

/** Runs requests a few at a time, as browsers and the CLI would, and keeps every outcome. */
const runAll = async (requests: { what: string; url: string; init: RequestInit }[], concurrency = 8) => {
  const outcomes: Outcome[] = [];
  const queue = [...requests];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let r = queue.shift(); r; r = queue.shift()) {
        const res = await fetch(r.url, { ...r.init, redirect: "manual" });
        outcomes.push({ what: r.what, status: res.status, body: (await res.text()).slice(0, 300) });
      }
    }),
  );
  return outcomes;
};

const failures = (outcomes: Outcome[], bad: (o: Outcome) => boolean) =>
  outcomes.filter(bad).map((o) => `${o.status} ${o.what}: ${o.body}`);

/** A server fault; "try again" (503) is the honest answer to contention, not a fault. */
const serverFault = (o: Outcome) => o.status >= 500 && !(o.status === 503 && o.body.includes("try_again"));

const statusesByRoute = (outcomes: Outcome[]) => {
  const out: Record<string, Record<number, number>> = {};
  for (const o of outcomes) {
    const route = o.what.split(" [")[0]!.replace(/\/[A-Za-z0-9_-]{43}/, "/{token}");
    (out[route] ??= {})[o.status] = (out[route][o.status] ?? 0) + 1;
  }
  return out;
};

let tried = 0;
afterAll(() => console.log(`HTTP fuzzing: ${tried} requests over ${ROUTES.length} routes`));

describe("every route, attacked", () => {
  it("answers hostile bodies and content types with a 4xx naming the problem, never a 500", async () => {
    // Routes that ignore the body get a sample of it: they are exercised for what they do, not read.
    // Signing out with the valid token would end the session every other route is attacked with.
    const requests = ROUTES.filter((r) => r.method !== "GET" && r.path !== "/console/sign-out").flatMap(
      (route) =>
        // Every console page a form posts to gets every form body, with a valid CSRF token.
        pathsOf(route)
          .slice(0, route.path === "/console/{path+}" ? 9 : 1)
          .flatMap((path, p) =>
            bodies(session.csrf)
              .filter((b, i) =>
                !READS_BODY.has(`${route.method} ${route.path}`)
                  ? i % 8 === 1
                  : p === 0 || b.type === "application/x-www-form-urlencoded",
              )
              .flatMap((payload) =>
                ["text/html", "application/json"].map((accept) => ({
                  what: `${route.method} ${path.slice(0, 80)} [${payload.label}, ${accept}]`,
                  // On the route's own path: 413 and 400 where the body is of the route's own type,
                  // 415 whatever the route.
                  expect:
                    READS_BODY.has(`${route.method} ${route.path}`) &&
                    p === 0 &&
                    (payload.type === mediaOf(route) || payload.expect === 415)
                      ? payload.expect
                      : undefined,
                  url: `${stack.url}${path}`,
                  init: {
                    method: route.method,
                    headers: {
                      ...authFor(route),
                      accept,
                      "accept-language": "xx;q=abc, ;;;, es;q=0.5",
                      ...(payload.type ? { "content-type": payload.type } : {}),
                    },
                    ...(payload.body !== undefined ? { body: payload.body } : {}),
                  },
                })),
              ),
          ),
    );
    tried += requests.length;
    const outcomes = await runAll(requests);
    console.log(JSON.stringify(statusesByRoute(outcomes)));
    expect(failures(outcomes, serverFault)).toEqual([]);
    const expected = new Map(requests.map((r) => [r.what, r.expect]));
    expect(
      failures(outcomes, (o) => expected.get(o.what) !== undefined && o.status !== expected.get(o.what)),
    ).toEqual([]);
  }, 60_000);

  it("answers hostile paths, query strings and headers on every route and method, never with a 500", async () => {
    const methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];
    const requests = ROUTES.flatMap((route) =>
      pathsOf(route).flatMap((path) =>
        methods.map((method) => ({
          what: `${method} ${path.slice(0, 80)}`,
          url: `${stack.url}${path}?lang=%3Cscript%3E&lang=fr&lang[]=x&format=..%2F..%2F&apply=%00&submitted=1&saved=1&x=%E0%A4%A`,
          init: {
            method,
            headers: {
              ...authFor(route),
              accept: "*/*;q=x, text/html",
              "accept-language": "\u00ff, ;q=, pt-BR;q=2, *",
              cookie: `${authFor(route).cookie ?? "consulta_session=forged.signature"}; other=%E0%A4%A; consulta_session=`,
            },
          },
        })),
      ),
    );
    tried += requests.length;
    expect(failures(await runAll(requests), serverFault)).toEqual([]);
    // Over 5,000 requests, while the compiles the previous case started (each printing its PDF
    // edition) still run on a shared machine: the default 30 s is not enough there.
  }, 90_000);

  it("refuses a body over 256 KiB on each route that reads one, with 413", async () => {
    const requests = ROUTES.filter((r) => READS_BODY.has(`${r.method} ${r.path}`)).map((route) => {
      const path = pathsOf(route)[0]!;
      const consoleForm = route.path.startsWith("/console");
      return {
        what: `${route.method} ${path}`,
        url: `${stack.url}${consoleForm ? "/console/members/ARG" : path}`,
        init: {
          method: route.method,
          headers: {
            ...authFor(route),
            "content-type":
              consoleForm || route.path.startsWith("/r/")
                ? "application/x-www-form-urlencoded"
                : "application/json",
          },
          body: `{"x":"${big(LIMIT)}"}`,
        },
      };
    });
    tried += requests.length;
    const outcomes = await runAll(requests);
    expect(outcomes.map((o) => `${o.what}: ${o.status}`).sort()).toEqual(
      requests.map((r) => `${r.what}: 413`).sort(),
    );
  });

  it("takes paths with malformed escapes straight from API Gateway without a 500", async () => {
    const handlers = handlersOf(stack);
    const segments = ["%E0%A4%A", "%", "%%41", "%C0%AF", "%ED%A0%80"];
    const calls = segments.flatMap((bad) => [
      handlers.console(
        apiEvent("GET /console/campaigns/{campaignId}", `/console/campaigns/${bad}`, {
          headers: { cookie: session.cookie, accept: "text/html" },
          params: { campaignId: bad },
        }),
      ),
      handlers["respondent-form"](
        apiEvent("GET /r/{token}", `/r/${bad}`, { headers: { accept: "text/html" }, params: { token: bad } }),
      ),
      handlers["campaign-admin"](
        apiEvent("GET /api/campaigns/{campaignId}", `/api/campaigns/${bad}`, {
          headers: { authorization: `Bearer ${stack.adminToken}` },
          params: { campaignId: bad },
        }),
      ),
    ]);
    tried += calls.length;
    const statuses = (await Promise.all(calls)).map((r) => structured(r).statusCode);
    expect(statuses.filter((s) => (s ?? 500) >= 500)).toEqual([]);
  });

  it("keeps a respondent's hard-to-carry text: 100 KB refused at its field and handed back whole, the rest stored exactly", async () => {
    const link = `${stack.url}/r/${token}`;
    const { repository } = stack.ports;
    const send = async (text: string) => {
      const stored = await repository.getResponse(respondentsCampaign.id, "URY");
      return fetch(link, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
        body: new URLSearchParams({
          action: "draft",
          baseVersion: String(stored?.version ?? 0),
          lang: "en",
          "anything-else": text,
        }).toString(),
      });
    };
    const huge = `${"Párrafo largo. ".repeat(6_800)}fin`;
    const refused = await send(huge);
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(page).toContain(huge);
    expect(page).toContain("Use at most 4,000 characters.");

    for (const text of [
      "مرحبا بالعالم — שלום עולם — \u202eevil.exe\u202c",
      "👩🏽‍⚖️ 🇧🇷 🏳️‍🌈 e\u0301 \u200d\u200b زیرو",
      "Line one\nLine two\n\n\tIndented",
      '=HYPERLINK("https://evil.example") <script>alert(1)</script>',
    ]) {
      expect((await send(text)).status, text).toBe(303);
      expect((await repository.getResponse(respondentsCampaign.id, "URY"))?.answers["anything-else"]).toBe(
        text,
      );
    }
    tried += 5;
  });
});
