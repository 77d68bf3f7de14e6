// The submitted answers as a PDF copy: attached to each receipt email (read back by mailparser and
// pdftotext), and offered on the confirmation page, each person in its own language, only its member's.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { simpleParser } from "mailparser";
import qs from "qs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultQuestionnairePath, readQuestionnaireFile } from "../../../functions/local/content.ts";
import { generateFormAnswers, seededRng } from "../../../functions/local/demo-answers.ts";
import { adminClient, loadContent, type AdminClient } from "../../../functions/local/demo.ts";
import { readOutbox } from "../../../functions/local/outbox.ts";
import { movableClock, testStack } from "../../support/local-stack.ts";
import { sentCampaign } from "../../support/submissions.ts";

const clock = movableClock(new Date("2027-03-01T12:00:00Z"));
const dir = mkdtempSync(join(tmpdir(), "consulta-copies-"));
let stack: Awaited<ReturnType<typeof testStack>>;
let api: AdminClient;

/** A proposal as a Brazilian ministry writes it: accents pdftotext must give back as typed. */
const PROPOSAL = "Fortalecer a cooperação técnica em inspeção do trabalho — ação nº 3, “já”.";

beforeAll(async () => {
  stack = await testStack({ clock });
  api = adminClient(stack);
  await loadContent(api);
});
afterAll(async () => {
  await stack.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const pdfText = async (bytes: Uint8Array, name: string) => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const { stdout } = await promisify(execFile)("/usr/bin/pdftotext", ["-enc", "UTF-8", file, "-"]);
  return stdout.replace(/\s+/g, " ");
};

/** A campaign for one member, its focal point's link, and the form posted as a browser does. */
const invite = async (code: string) => {
  const { campaign, link } = await sentCampaign(stack, code, clock.now());
  const post = (body: Record<string, unknown>) =>
    fetch(link, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: qs.stringify(body),
    });
  return { campaign, link, post };
};

const submitAs = async (code: string) => {
  const invited = await invite(code);
  const fields = generateFormAnswers(readQuestionnaireFile(defaultQuestionnairePath), seededRng(5), "pt", {
    name: "João Conceição",
    email: "joao@example.org",
  });
  const res = await invited.post({
    ...fields,
    "expected-achievements": PROPOSAL,
    action: "submit",
    baseVersion: "0",
  });
  expect(res.status).toBe(303);
  const [kept] = await stack.ports.repository.listResponseVersions(invited.campaign.id, code);
  return { ...invited, kept: kept! };
};

describe("the receipt email", () => {
  it("carries the answers as a PDF in the contact's language, the receipt code in it", async () => {
    const { campaign, kept } = await submitAs("BRA");
    const receipts = await Promise.all(
      readOutbox(stack.paths.outbox)
        .filter(
          (m) =>
            m.headers["x-consulta-campaign"] === campaign.id && m.headers["x-consulta-kind"] === "receipt",
        )
        .map(async (m) => ({
          to: m.to,
          mail: await simpleParser(readFileSync(join(stack.paths.outbox, m.file))),
        })),
    );
    const focal = receipts.find((r) => r.to === "focal.point.bra@example.org");
    expect(focal).toBeDefined();
    expect(focal!.mail.attachments).toHaveLength(1);
    const [pdf] = focal!.mail.attachments;
    expect(pdf!.contentType).toBe("application/pdf");
    expect(pdf!.filename).toBe("respostas-BRA-versao-1.pdf");
    const text = await pdfText(pdf!.content, "focal.pdf");
    expect(text).toContain(kept.receiptCode);
    expect(text).toContain(PROPOSAL);
    expect(text).toContain("João Conceição");
    expect(text).toContain("Página 1 de");
    // The body still reads as before, beside the attachment.
    expect(focal!.mail.text).toContain(kept.receiptCode);

    // The Secretariat's copy is in Spanish, its PDF too.
    const secretariat = receipts.find((r) => r.to === campaign.secretariat.email);
    const [copy] = secretariat!.mail.attachments;
    expect(copy!.filename).toBe("respuestas-BRA-version-1.pdf");
    const spanish = await pdfText(copy!.content, "secretariat.pdf");
    expect(spanish).toContain(kept.receiptCode);
    expect(spanish).toContain("Página 1 de");
  });
});

describe("the confirmation page", () => {
  it("links to the same PDF, served as a download named for the member and version", async () => {
    const { link, kept } = await submitAs("BRA");
    const page = await (await fetch(`${link}?lang=fr&submitted=1`)).text();
    const href = /href="(\?[^"]*format=pdf[^"]*)"/.exec(page)?.[1]?.replace(/&amp;/g, "&");
    expect(href).toBe(`?lang=fr&receipt=${kept.version}&format=pdf`);
    const res = await fetch(`${link}${href}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="reponses-BRA-version-1.pdf"');
    const text = await pdfText(new Uint8Array(await res.arrayBuffer()), "page.pdf");
    expect(text).toContain(kept.receiptCode);
    expect(text).toContain(PROPOSAL);
    expect(text).toContain("Page 1 sur");

    // The form's list of submitted versions links to each one's copy too.
    const form = await (await fetch(`${link}?lang=fr`)).text();
    expect(form).toContain(`href="?lang=fr&amp;receipt=${kept.version}&amp;format=pdf"`);
  });

  it("serves only submissions of the link's own member: not a draft, not a version it lacks", async () => {
    const brazil = await submitAs("BRA");
    // A draft saved after the submission is a stored version too, but no submission: no copy of it.
    const saved = await brazil.post({ action: "draft", baseVersion: String(brazil.kept.version) });
    expect(saved.status).toBe(303);
    const draft = await fetch(`${brazil.link}?receipt=${brazil.kept.version + 1}&format=pdf`, {
      headers: { accept: "text/html" },
    });
    expect(draft.status).toBe(404);
    expect(draft.headers.get("content-type")).toMatch(/text\/html/);
    expect((await fetch(`${brazil.link}?receipt=x&format=pdf`)).status).toBe(404);
    // A link that opens nothing prints nothing.
    const forged = `${brazil.link.slice(0, brazil.link.lastIndexOf("/r/") + 3)}${"A".repeat(43)}`;
    expect((await fetch(`${forged}?receipt=1&format=pdf`)).status).toBe(404);
  });
});
