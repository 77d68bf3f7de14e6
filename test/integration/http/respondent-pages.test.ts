import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../../functions/core/campaign.ts";
import type { Repository } from "../../../functions/core/ports.ts";
import { adminClient, loadContent, type AdminClient } from "../../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../../functions/local/outbox.ts";
import { movableClock, testStack } from "../../support/local-stack.ts";

const clock = movableClock(new Date("2027-05-01T12:00:00Z"));
let stack: Awaited<ReturnType<typeof testStack>>;
let api: AdminClient;
let failing = false;

beforeAll(async () => {
  stack = await testStack({ clock });
  // A repository that can be told to fail, to see what a user gets when the server breaks.
  const real = stack.ports.repository;
  stack.ports.repository = new Proxy(real, {
    get: (target, prop: keyof Repository) =>
      prop === "getToken"
        ? (hash: string) =>
            failing ? Promise.reject(new Error("secret internal detail")) : target.getToken(hash)
        : target[prop],
  });
  api = adminClient(stack);
  await loadContent(api);
});
afterAll(() => stack.dispose());

const invite = async (code: string, extra: Record<string, unknown> = {}) => {
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    opensAt: clock.now().toISOString(),
    closesAt: new Date(clock.now().getTime() + 10 * 864e5).toISOString(),
    invite: [code],
    ...extra,
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  const message = readOutbox(stack.paths.outbox).find(
    (m) =>
      m.headers["x-consulta-campaign"] === campaign.id && m.headers["x-consulta-contact"] === "focal-point",
  );
  return { campaign, link: respondentLink(message!)! };
};

const page = (url: string, lang = "en") =>
  fetch(url, { headers: { accept: "text/html", "accept-language": lang } });

const expectSecurityHeaders = (res: Response) => {
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
};

describe("every state of a link has its own page, status and headers", () => {
  it("200 for an open form", async () => {
    const { link } = await invite("ARG");
    const res = await page(link);
    expect(res.status).toBe(200);
    expectSecurityHeaders(res);
  });

  it("404 for an unknown link", async () => {
    const res = await page(`${stack.url}/r/${"x".repeat(43)}`);
    expect(res.status).toBe(404);
    expectSecurityHeaders(res);
    expect(await res.text()).toContain("This link is not valid");
  });

  it("410 for a replaced link and for a revoked one, each saying which", async () => {
    const { campaign, link } = await invite("BOL");
    await api("POST", `/api/campaigns/${campaign.id}/invitations/BOL/focal-point/replace`);
    const replaced = await page(link, "es");
    expect(replaced.status).toBe(410);
    expectSecurityHeaders(replaced);
    expect(await replaced.text()).toContain("Este enlace fue reemplazado");

    const other = await invite("ECU");
    await api("POST", `/api/campaigns/${other.campaign.id}/invitations/ECU/focal-point/revoke`);
    const revoked = await page(other.link, "es");
    expect(revoked.status).toBe(410);
    expect(await revoked.text()).toContain("Este enlace ya no está activo");
  });

  it("410 with the Secretariat's contact once the campaign is closed", async () => {
    const { link } = await invite("PRY", { secretariat: { name: "SEDI / OAS", email: "cimt@example.org" } });
    clock.advance(11 * 864e5);
    try {
      const res = await page(link);
      expect(res.status).toBe(410);
      const html = await res.text();
      expect(html).toContain("This consultation is closed");
      expect(html).toContain("cimt@example.org");
    } finally {
      clock.advance(-11 * 864e5);
    }
  });

  it("a page saying when it opens, before the campaign opens", async () => {
    const campaign = await api<Campaign>("POST", "/api/campaigns", {
      questionnaireId: "iacml-planning",
      opensAt: new Date(clock.now().getTime() - 3600e3).toISOString(),
      closesAt: new Date(clock.now().getTime() + 10 * 864e5).toISOString(),
      invite: ["URY"],
    });
    await api("POST", `/api/campaigns/${campaign.id}/send`);
    const message = readOutbox(stack.paths.outbox).find(
      (m) => m.headers["x-consulta-campaign"] === campaign.id,
    )!;
    clock.advance(-2 * 3600e3);
    try {
      const res = await page(respondentLink(message)!);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("This consultation is not open yet");
    } finally {
      clock.advance(2 * 3600e3);
    }
  });

  it("500 with a plain apology, never the error's message or a stack trace", async () => {
    const { link } = await invite("CRI");
    failing = true;
    try {
      const res = await page(link);
      expect(res.status).toBe(500);
      expectSecurityHeaders(res);
      const html = await res.text();
      expect(html).toContain("Something went wrong on our side");
      expect(html).not.toContain("secret internal detail");
      expect(html).not.toMatch(/at \w+ \(|\.ts:\d+/);
    } finally {
      failing = false;
    }
  });
});

describe("posting the form", () => {
  const post = (link: string, body: string, type = "application/x-www-form-urlencoded") =>
    fetch(link, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": type, accept: "text/html", "accept-language": "en" },
      body,
    });

  it("switching language keeps what was typed, and stores nothing", async () => {
    const { link } = await invite("MEX");
    const res = await post(link, "action=lang%3Afr&baseVersion=0&anything-else=Texte+non+enregistr%C3%A9");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain("Texte non enregistré");
    expect(html).toContain('name="baseVersion" value="0"');
  });

  it("adds and removes entries of a repeatable group without JavaScript", async () => {
    const { link } = await invite("GTM");
    const base =
      "baseVersion=0&activity-proposals%5B0%5D%5Btitle%5D=Study+A&activity-proposals%5B1%5D%5Btitle%5D=";
    const added = await (await post(link, `${base}&action=add-row%3Aactivity-proposals`)).text();
    expect(added).toContain('name="activity-proposals[2][title]"');
    expect(added).toContain('value="Study A"');
    const removed = await (
      await post(
        link,
        "baseVersion=0&activity-proposals%5B0%5D%5Btitle%5D=Study+A&activity-proposals%5B1%5D%5Btitle%5D=Study+B&action=remove-row%3Aactivity-proposals%3A0",
      )
    ).text();
    expect(removed).not.toContain('value="Study A"');
    expect(removed).toContain('value="Study B"');
  });

  it("autosave asks for JSON and gets the new version back, or a JSON error", async () => {
    const { link } = await invite("HND");
    const json = (body: string) =>
      fetch(link, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body,
      });
    const saved = await json("action=draft&baseVersion=0&anything-else=Autosaved");
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      version: 1,
      savedAtTime: expect.stringMatching(/\d{1,2}:\d{2}/),
    });
    const stale = await json("action=draft&baseVersion=0&anything-else=Stale");
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: "version_conflict" } });
  });

  it("a conflict shows what each colleague wrote, side by side", async () => {
    const { link } = await invite("PAN");
    await post(link, "action=draft&baseVersion=0&anything-else=Texto+de+Ana");
    const res = await post(link, "action=draft&baseVersion=0&anything-else=Texto+de+Luis");
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toMatch(/Texto de Luis[\s\S]*Texto de Ana/);
    expect(html).toContain('name="baseVersion" value="1"');
  });

  it("user text comes back escaped, never as markup", async () => {
    const { link } = await invite("SLV");
    const res = await post(
      link,
      `action=submit&baseVersion=0&anything-else=${encodeURIComponent("<script>alert(1)</script><img src=x onerror=alert(2)>")}`,
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("the form's script comes from our own origin", async () => {
    const res = await fetch(`${stack.url}/assets/form.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("javascript");
    expect((await fetch(`${stack.url}/assets/..%2Fform.hbs`)).status).toBe(404);
  });
});
