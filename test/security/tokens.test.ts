// The respondent's link is the only key to a member's answer: guessing one gets the same 404 as any
// nonsense, a link never leaks into a log line, a report or an error page, and one member's link
// neither reads nor writes another member's answer.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import qs from "qs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import type { ReportRecord, Repository } from "../../functions/core/ports.ts";
import { adminClient, loadContent, type AdminClient } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { consoleCookie, latestSignInLink } from "../support/console-cookie.ts";
import { apiEvent, handlersOf, structured } from "../support/in-process.ts";
import { movableClock, testStack } from "../support/local-stack.ts";

const clock = movableClock(new Date("2027-02-01T12:00:00Z"));
let stack: Awaited<ReturnType<typeof testStack>>;
let api: AdminClient;
let failing = false;
const logged: string[] = [];

beforeAll(async () => {
  // Every line the code writes through the console, from the first request on.
  for (const level of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    });
  stack = await testStack({ clock });
  // A repository that can be told to fail, so the error path is part of the cycle searched.
  const real = stack.ports.repository;
  stack.ports.repository = new Proxy(real, {
    get: (target, prop: keyof Repository) =>
      prop === "getResponse" && failing
        ? () => Promise.reject(new Error("the table is on fire"))
        : target[prop],
  });
  api = adminClient(stack);
  await loadContent(api);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await stack.dispose();
});

const openCampaign = (invite: string[]) =>
  api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    closesAt: new Date(clock.now().getTime() + 30 * 864e5).toISOString(),
    invite,
  });

const linkFor = (campaign: Campaign, member: string, kind = "invitation") => {
  const mail = readOutbox(stack.paths.outbox).filter(
    (m) =>
      m.headers["x-consulta-campaign"] === campaign.id &&
      m.headers["x-consulta-member"] === member &&
      m.headers["x-consulta-kind"] === kind,
  );
  return respondentLink(mail[mail.length - 1]!)!;
};

const tokenOf = (link: string) => link.split("/r/")[1]!;

const post = (link: string, fields: Record<string, unknown>, accept = "text/html") =>
  fetch(link, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", accept },
    body: qs.stringify(fields),
  });

describe("guessing a link", () => {
  it("10,000 random well-formed tokens all get 404 with byte-identical bodies, like any nonsense", async () => {
    const campaign = await openCampaign(["ARG"]);
    await api("POST", `/api/campaigns/${campaign.id}/send`); // a table holding real tokens to miss
    const respondentForm = handlersOf(stack)["respondent-form"];
    const ask = async (token: string) => {
      const out = structured(
        await respondentForm(
          apiEvent("GET /r/{token}", `/r/${token}`, {
            headers: { accept: "text/html", "accept-language": "es" },
            params: { token },
          }),
        ),
      );
      return `${out.statusCode} ${out.body}`;
    };
    const reference = await ask("not-even-a-token");
    expect(reference).toMatch(/^404 /);
    const tokens = Array.from({ length: 10_000 }, () => randomBytes(32).toString("base64url"));
    const answers = new Map<string, number>();
    for (let i = 0; i < tokens.length; i += 50) {
      const batch = await Promise.all(tokens.slice(i, i + 50).map(ask));
      for (const a of batch) answers.set(a, (answers.get(a) ?? 0) + 1);
    }
    expect([...answers.entries()]).toEqual([[reference, 10_000]]);
  }, 60_000);
});

describe("a link never leaks", () => {
  const secrets = new Set<string>();
  let campaign: Campaign;
  let report: ReportRecord;

  beforeAll(async () => {
    campaign = await openCampaign(["ARG", "BRA", "COSATE"]);
    await api("POST", `/api/campaigns/${campaign.id}/send`);
    const arg = linkFor(campaign, "ARG");
    // A whole cycle: drafts, a refused submission, a conflict, a submission, errors, new links,
    // a revoked one, reminders, the console, a report.
    await fetch(arg, { headers: { accept: "text/html" } });
    await post(arg, { action: "draft", baseVersion: "0", "anything-else": "Borrador" });
    await post(arg, { action: "draft", baseVersion: "0", "anything-else": "Tarde" });
    await post(arg, { action: "submit", baseVersion: "1" });
    await post(
      arg,
      { action: "draft", baseVersion: "1", "anything-else": "Autoguardado" },
      "application/json",
    );
    failing = true;
    await fetch(arg, { headers: { accept: "text/html" } });
    await post(arg, { action: "draft", baseVersion: "2" }, "application/json");
    failing = false;
    await api("POST", `/api/campaigns/${campaign.id}/invitations/BRA/focal-point/replace`);
    await api("POST", `/api/campaigns/${campaign.id}/invitations/COSATE/${"x".repeat(5)}/revoke`).catch(
      () => {},
    );
    await api("POST", `/api/campaigns/${campaign.id}/remind`);
    await fetch(`${stack.url}/r/${tokenOf(arg).slice(0, 42)}x`);
    await fetch(`${stack.url}/r/${tokenOf(arg)}/extra`);
    const signedIn = await consoleCookie(stack);
    await fetch(`${stack.url}/console/campaigns/${campaign.id}`, { headers: { cookie: signedIn.cookie } });
    report = await api<ReportRecord>("POST", `/api/campaigns/${campaign.id}/reports?lang=es`);

    for (const m of readOutbox(stack.paths.outbox)) {
      const link = respondentLink(m);
      if (link) secrets.add(tokenOf(link));
    }
    secrets.add(/sign-in\/([A-Za-z0-9_-]{43})/.exec(latestSignInLink(stack) ?? "")?.[1] ?? "");
    secrets.add(signedIn.cookie.split("=")[1]!.split(".")[0]!);
    secrets.delete("");
  });

  it("the cycle used secrets, and logged lines, to search", () => {
    expect(secrets.size).toBeGreaterThanOrEqual(6);
    expect(logged.some((l) => l.includes("the table is on fire"))).toBe(true);
  });

  it("in no log line", () => {
    expect(logged.filter((line) => [...secrets].some((s) => line.includes(s)))).toEqual([]);
  });

  it("in no report file", () => {
    for (const key of Object.values(report.files)) {
      const bytes = readFileSync(join(stack.paths.blobs, key));
      const text = key.endsWith(".xlsx") ? bytes.toString("latin1") : bytes.toString("utf8");
      for (const s of secrets) expect(text.includes(s), key).toBe(false);
    }
  });

  it("in no page: the form, its errors, nor the error pages", async () => {
    const link = linkFor(campaign, "BRA");
    const token = tokenOf(link);
    const pages = [
      await fetch(link, { headers: { accept: "text/html" } }),
      await post(link, { action: "submit", baseVersion: "0" }),
      await fetch(linkFor(campaign, "BRA").replace(token, `${token.slice(0, 42)}A`)),
      await fetch(`${stack.url}/r/${token}`, { method: "DELETE" }),
      await post(link, { action: "draft", baseVersion: "99" }),
    ];
    for (const page of pages) expect((await page.text()).includes(token), `${page.status}`).toBe(false);
  });
});

describe("one member's link", () => {
  it("neither reads nor writes another member's answer, whatever the form claims", async () => {
    const campaign = await openCampaign(["ARG", "BRA"]);
    const other = await openCampaign(["ARG"]);
    await api("POST", `/api/campaigns/${campaign.id}/send`);
    await api("POST", `/api/campaigns/${other.id}/send`);
    const arg = linkFor(campaign, "ARG");
    const bra = linkFor(campaign, "BRA");
    expect(
      (await post(bra, { action: "draft", baseVersion: "0", "anything-else": "Texto de Brasil" })).status,
    ).toBe(303);

    const page = await (await fetch(arg, { headers: { accept: "text/html" } })).text();
    expect(page).not.toContain("Texto de Brasil");
    const forged = await post(arg, {
      action: "draft",
      baseVersion: "1",
      memberCode: "BRA",
      member: "BRA",
      campaignId: other.id,
      contactId: "focal-point",
      token: tokenOf(bra),
      "anything-else": "Escrito por Argentina",
    });
    expect(forged.status).toBe(409); // Argentina has no version 1: it is Brazil's answer that has one
    expect(
      (
        await post(arg, {
          action: "draft",
          baseVersion: "0",
          memberCode: "BRA",
          "anything-else": "Escrito por Argentina",
        })
      ).status,
    ).toBe(303);

    const { repository } = stack.ports;
    expect((await repository.getResponse(campaign.id, "BRA"))?.answers).toEqual({
      "anything-else": "Texto de Brasil",
    });
    expect((await repository.getResponse(campaign.id, "ARG"))?.answers).toEqual({
      "anything-else": "Escrito por Argentina",
    });
    expect(await repository.getResponse(other.id, "ARG")).toBeUndefined();
    const argInOther = await (
      await fetch(linkFor(other, "ARG"), { headers: { accept: "text/html" } })
    ).text();
    expect(argInOther).not.toContain("Escrito por Argentina");
  });
});
