import ExcelJS from "exceljs";
import qs from "qs";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../../functions/core/campaign.ts";
import { adminClient, loadContent, runDemo, type DemoResult } from "../../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../../functions/local/outbox.ts";
import { movableClock, testStack } from "../../support/local-stack.ts";

const clock = movableClock();
let stack: Awaited<ReturnType<typeof testStack>>;
let demo: DemoResult;

beforeAll(async () => {
  stack = await testStack({ clock });
  demo = await runDemo(stack, () => {});
});
afterAll(() => stack.dispose());

const post = (url: string, fields: Record<string, unknown>, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      accept: "text/html",
      "accept-language": "en",
      ...headers,
    },
    body: qs.stringify(fields),
  });

/** A fresh campaign for one member, and the link from its invitation email. */
const invite = async (code: string, extra: Record<string, unknown> = {}) => {
  const api = adminClient(stack);
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    opensAt: clock.now().toISOString(),
    closesAt: new Date(clock.now().getTime() + 7 * 864e5).toISOString(),
    invite: [code],
    ...extra,
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  const message = readOutbox(stack.paths.outbox).find(
    (m) => m.headers["x-consulta-campaign"] === campaign.id && m.headers["x-consulta-member"] === code,
  );
  const link = message && respondentLink(message);
  if (!link) throw new Error("no invitation in the outbox");
  return { campaign, link, message };
};

describe("the whole consultation cycle over HTTP", () => {
  it("sends one invitation per invited contact, Cuba and Nicaragua not invited by default", () => {
    const contacts = readOutbox(stack.paths.outbox).filter(
      (m) =>
        m.headers["x-consulta-campaign"] === demo.campaign.id &&
        m.headers["x-consulta-kind"] === "invitation",
    );
    expect(contacts).toHaveLength(49);
    expect(new Set(contacts.map((m) => m.to)).size).toBe(49);
    expect(demo.campaign.invited).not.toContain("CUB");
    expect(demo.campaign.invited).not.toContain("NIC");
  });

  it("compiles an Excel file listing exactly the 23 respondents", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(demo.xlsxPath);
    const sheet = workbook.getWorksheet("Todas las respuestas");
    expect(sheet).toBeDefined();
    const codes: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 1) codes.push(String(row.getCell(2).value));
    });
    expect(codes.sort()).toEqual([...demo.respondents].sort());
    expect(codes).toHaveLength(23);
  });

  it("has one ministry answer by a Word reply the Secretariat uploaded, reviewed and submitted by its focal point", async () => {
    const responses = await stack.ports.repository.listResponses(demo.campaign.id);
    const byWord = responses.filter((r) =>
      r.replies?.some((k) => k.kind === "word" && k.role === "secretariat"),
    );
    expect(byWord).toHaveLength(1);
    const [answer] = byWord;
    expect(answer!.status).toBe("submitted");
    // Submitted by the focal point, after the Secretariat's upload made the draft.
    expect(answer!.updatedBy.contactId).not.toBe(demo.campaign.secretariat.email);
    expect(demo.respondents).toContain(answer!.memberCode);
    const reviews = readOutbox(stack.paths.outbox).filter(
      (m) =>
        m.headers["x-consulta-kind"] === "review" && m.headers["x-consulta-member"] === answer!.memberCode,
    );
    expect(reviews.length).toBeGreaterThan(0);
  });

  it("compiles a self-contained HTML report with the respondents and no script", () => {
    const html = readFileSync(demo.htmlPath, "utf8");
    expect(html).toContain("Insumos para la Reunión de Planeación");
    expect(html).toContain("COSATE");
    // Nothing runs and nothing loads from elsewhere; the one link out is the accessibility statement.
    expect(html).not.toMatch(/<script|src="http/);
    expect(html.match(/href="http[^"]*"/g)).toEqual([
      `href="${stack.config.publicBaseUrl}/accessibility?lang=es"`,
    ]);
  });

  it("sends every focal point of each respondent, and the Secretariat, the receipt with its code", () => {
    const mail = readOutbox(stack.paths.outbox).filter(
      (m) => m.headers["x-consulta-campaign"] === demo.campaign.id,
    );
    const receipts = mail.filter((m) => m.headers["x-consulta-kind"] === "receipt");
    const toSecretariat = receipts.filter((m) => m.to === demo.campaign.secretariat.email);
    expect(toSecretariat.map((m) => m.headers["x-consulta-member"]).sort()).toEqual(
      [...demo.respondents].sort(),
    );
    for (const code of demo.respondents) {
      const invited = mail.filter(
        (m) => m.headers["x-consulta-kind"] === "invitation" && m.headers["x-consulta-member"] === code,
      );
      const got = receipts.filter(
        (m) => m.headers["x-consulta-member"] === code && m.to !== demo.campaign.secretariat.email,
      );
      expect(got.map((m) => m.to).sort()).toEqual(invited.map((m) => m.to).sort());
    }
    expect(receipts[0]?.text).toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  });

  it("a second send reaches nobody twice", async () => {
    const before = readOutbox(stack.paths.outbox).length;
    const again = await adminClient(stack)<{ created: number; alreadySent: number }>(
      "POST",
      `/api/campaigns/${demo.campaign.id}/send`,
    );
    expect(again).toMatchObject({ created: 0, alreadySent: 49 });
    expect(readOutbox(stack.paths.outbox)).toHaveLength(before);
  });

  it("writes the invitation in the member's language, with a line in each other language", async () => {
    const { message } = await invite("BRA");
    expect(message?.subject).toContain("questionário");
    expect(message?.text).toContain("también está disponible en español");
    expect(message?.text).toContain("also available in English");
    expect(message?.html).not.toContain("<img");
  });
});

describe("the respondent's form", () => {
  it("opens in the invitation's language and works as plain HTML", async () => {
    const { link } = await invite("HTI");
    const page = await fetch(link, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('<form method="post"');
    // The only script is our own optional file; the form is complete without it.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/form.js" defer>']);
  });

  it("refuses a submission missing a required answer, says why in the respondent's language, and shows back what was typed", async () => {
    const { link } = await invite("ARG");
    const res = await post(link, {
      action: "submit",
      baseVersion: "0",
      lang: "es",
      "expected-achievements": "Más cooperación <b>técnica</b>",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Algunas respuestas requieren atención");
    expect(html).toContain("Esta respuesta es obligatoria.");
    expect(html).toContain("Más cooperación &lt;b&gt;técnica&lt;/b&gt;");
    expect(html).toContain('href="#f-q-focal-point-name"');
    const reopened = await (await fetch(link, { headers: { accept: "text/html" } })).text();
    expect(reopened).toContain('name="baseVersion" value="0"'); // nothing was stored
  });

  it("saves a draft, then tells a colleague working from an older page that it changed, keeping both texts", async () => {
    const { link } = await invite("CHL");
    expect(
      (await post(link, { action: "draft", baseVersion: "0", "anything-else": "First colleague" })).status,
    ).toBe(303);
    const late = await post(link, { action: "draft", baseVersion: "0", "anything-else": "Second colleague" });
    expect(late.status).toBe(409);
    const html = await late.text();
    expect(html).toContain("Second colleague");
    expect(html).toContain('name="baseVersion" value="1"');
    const stored = await (await fetch(link, { headers: { accept: "text/html" } })).text();
    expect(stored).toContain("First colleague");
  });

  it("after submitting shows the confirmation with the answers, and keeps each submission as a version", async () => {
    const { link, campaign } = await invite("URY");
    const page = await (await fetch(link)).text();
    expect(page).toContain('value="0"');
    const full = {
      "focal-point-name": "Ana",
      "focal-point-position": "Directora",
      "focal-point-email": "ana@example.org",
      "expected-achievements": "Fortalecer la RIAL",
      "topic-scores": Object.fromEntries(
        (await stack.ports.repository.getQuestionnaire("iacml-planning"))!.lists.topics!.map((t) => [
          t.id,
          "7",
        ]),
      ),
      "top-three": ["wg1-future-of-work", "wg2-social-dialogue", "wg2-child-labor"],
    };
    const first = await post(link, { ...full, action: "submit", baseVersion: "0" });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toContain("submitted=1");
    const confirmation = await (await fetch(new URL(first.headers.get("location")!, link))).text();
    expect(confirmation).toContain("Fortalecer la RIAL");
    await post(link, {
      ...full,
      "expected-achievements": "Segunda versión",
      action: "submit",
      baseVersion: "1",
    });
    const latest = await stack.ports.repository.listLatestSubmissions(campaign.id);
    expect(latest[0]).toMatchObject({ version: 2, answers: { "expected-achievements": "Segunda versión" } });
  });

  it("answers an unknown or malformed link with 404, in the browser's language", async () => {
    const unknown = await fetch(`${stack.url}/r/${"A".repeat(43)}`, {
      headers: { accept: "text/html", "accept-language": "pt-BR" },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Este link não é válido");
    const garbage = await fetch(`${stack.url}/r/not-a-token`, { headers: { accept: "text/html" } });
    expect(garbage.status).toBe(404);
  });

  it("answers 410 with the Secretariat's contact once the campaign is closed, and stores nothing", async () => {
    const { link } = await invite("PER", { secretariat: { name: "SEDI", email: "cimt@example.org" } });
    clock.advance(8 * 864e5);
    try {
      const res = await post(link, { action: "draft", baseVersion: "0", "anything-else": "Late" });
      expect(res.status).toBe(410);
      expect(await res.text()).toContain("cimt@example.org");
    } finally {
      clock.advance(-8 * 864e5);
    }
  });

  it("refuses an oversized body with 413 and a wrong content type with 415", async () => {
    const { link } = await invite("COL");
    const big = await post(link, { action: "draft", baseVersion: "0", "anything-else": "x".repeat(300_000) });
    expect(big.status).toBe(413);
    const json = await fetch(link, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/html" },
      body: "{}",
    });
    expect(json.status).toBe(415);
  });
});

describe("the admin API", () => {
  it("refuses requests without the admin token", async () => {
    const res = await fetch(`${stack.url}/api/campaigns`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "Authentication required" } });
  });

  it("loading the same content twice changes nothing", async () => {
    await expect(loadContent(adminClient(stack))).resolves.toMatchObject({
      id: "iacml-planning",
      version: 1,
    });
  });
});
