// A position paper attached in Chromium, with JavaScript and without: the file chosen, the draft saved,
// the file listed with its link; an HTML page named .pdf refused beside the question in Portuguese with
// the typed text still in its box; a file removed from the draft; and with JavaScript against an S3
// emulator, the file posted straight to the bucket by the presigned POST, never through the form.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, loadContent, type AdminClient } from "../../functions/local/demo.ts";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { createS3BlobStore } from "../../functions/adapters/s3-blob-store.ts";
import { startAwsEmulator } from "../support/aws-emulator.ts";
import { CHROMIUM_PATH, launchChromium } from "../support/chromium.ts";
import { chromium } from "playwright-core";
import { question, questionnaireSource, text } from "../support/factories.ts";
import { testStack } from "../support/local-stack.ts";
import { inviteOne, openPage } from "../support/respondent-browser.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let browser: Browser;
let api: AdminClient;
const dir = mkdtempSync(join(tmpdir(), "consulta-upload-"));

const QUESTIONNAIRE = questionnaireSource(
  [
    question("position-paper", "file", {
      label: text("Attach your institution's position paper"),
      accept: ["pdf", "odt"],
      maxFiles: 1,
    }),
    question("comments", "long-text"),
  ],
  { id: "upload-check" },
);

const PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

beforeAll(async () => {
  [stack, browser] = await Promise.all([testStack(), launchChromium()]);
  api = adminClient(stack);
  await loadContent(api);
  await api("POST", "/api/questionnaires", QUESTIONNAIRE);
  writeFileSync(join(dir, "Posição do Ministério.pdf"), PDF);
  writeFileSync(join(dir, "página.pdf"), "<!doctype html><p>not a pdf</p>");
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const freshLink = (code: string) => inviteOne(api, stack.paths.outbox, code, "upload-check");

describe.each([
  { javaScript: false, code: "BRA" },
  { javaScript: true, code: "CHL" },
])("attaching a file (JavaScript: $javaScript)", ({ javaScript, code }) => {
  it("refuses a page named .pdf beside the question, keeps the text, then takes the real PDF and removes it", async () => {
    const { campaign, link } = await freshLink(code);
    const { context, page } = await openPage(browser, { javaScript, locale: "pt-BR" });
    try {
      page.setDefaultTimeout(60_000);
      await page.goto(`${link}?lang=pt`);
      const typed = "Nossa posição segue em anexo — ação nº 3.";
      await page.locator('textarea[name="comments"]').fill(typed);
      await page
        .locator('input[type="file"][name="upload[position-paper]"]')
        .setInputFiles(join(dir, "página.pdf"));
      await page.getByRole("button", { name: "Anexar e salvar o rascunho" }).click();
      await page.waitForLoadState("load");
      const error = page.locator("#q-position-paper .error");
      await expect.poll(() => error.textContent()).toContain("“página.pdf” não é um arquivo PDF, ODT válido");
      expect(await page.locator('textarea[name="comments"]').inputValue()).toBe(typed);

      await page
        .locator('input[type="file"][name="upload[position-paper]"]')
        .setInputFiles(join(dir, "Posição do Ministério.pdf"));
      await page.getByRole("button", { name: "Anexar e salvar o rascunho" }).click();
      await page.waitForLoadState("load");
      const fileLink = page.getByRole("link", { name: "Posição do Ministério.pdf" });
      await expect.poll(() => fileLink.count()).toBe(1);
      expect(await page.locator('textarea[name="comments"]').inputValue()).toBe(typed);
      // One file is all this question takes: the page says so instead of offering another.
      expect(await page.locator('input[type="file"][name="upload[position-paper]"]').count()).toBe(0);
      const stored = await stack.ports.repository.getResponse(campaign.id, code);
      expect(stored?.answers["position-paper"]).toEqual([
        expect.stringMatching(/:pdf:\d+:Posição do Ministério\.pdf$/),
      ]);

      // The link downloads the file as it was sent.
      const [download] = await Promise.all([page.waitForEvent("download"), fileLink.click()]);
      expect(download.suggestedFilename()).toBe("Posição do Ministério.pdf");

      await page.getByRole("button", { name: "Remover Posição do Ministério.pdf do rascunho" }).click();
      await page.waitForLoadState("load");
      await expect
        .poll(() => page.locator('input[type="file"][name="upload[position-paper]"]').count())
        .toBe(1);
      expect(
        (await stack.ports.repository.getResponse(campaign.id, code))?.answers["position-paper"],
      ).toBeUndefined();
    } finally {
      await context.close();
    }
  }, 180_000);
});

describe("a file larger than a form may carry, without JavaScript", () => {
  it("says what to do about the file, in Portuguese, and Back shows the page with what was typed", async () => {
    // Past MAX_UPLOAD_BYTES and the fields' allowance: a request Lambda would take (under 6 MB) that
    // the form refuses whole, before reading it.
    const big = join(dir, "Relatório anual.pdf");
    writeFileSync(big, Buffer.concat([Buffer.from(PDF), Buffer.alloc(4.5 * 1024 * 1024, 32)]));
    const { link } = await freshLink("COL");
    const { context, page } = await openPage(browser, { javaScript: false, locale: "pt-BR" });
    try {
      page.setDefaultTimeout(60_000);
      await page.goto(`${link}?lang=pt`);
      const typed = "Segue o relatório anual do Ministério.";
      await page.locator('textarea[name="comments"]').fill(typed);
      await page.locator('input[type="file"][name="upload[position-paper]"]').setInputFiles(big);
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.getByRole("button", { name: "Anexar e salvar o rascunho" }).click(),
      ]);
      expect(refused.status()).toBe(413);
      await page.waitForLoadState("load");
      const said = await page.locator("main").innerText();
      expect(said).toContain("O formulário é grande demais");
      expect(said).toContain(
        "Se anexou um arquivo, escolha um menor ou envie-o por e-mail à Secretaria Técnica",
      );
      await page.goBack();
      await page.waitForLoadState("load");
      expect(await page.locator('textarea[name="comments"]').inputValue()).toBe(typed);
    } finally {
      await context.close();
    }
  }, 180_000);
});

describe("attaching a file straight to the bucket (JavaScript, S3's presigned POST on fauxqs)", () => {
  it("sends the file to the bucket, never through the form, and the server checks it there", async () => {
    const aws = await startAwsEmulator();
    const real = stack.ports.blobs;
    try {
      await aws.s3.send(new CreateBucketCommand({ Bucket: "consulta-reports" }));
      const bucket = createS3BlobStore(aws.s3, "consulta-reports");
      const putByServer: string[] = [];
      stack.ports.blobs = {
        ...bucket,
        put: (key, body, type) => {
          putByServer.push(key);
          return bucket.put(key, body, type);
        },
      };
      const { campaign, link } = await freshLink("URY");
      // fauxqs answers without the CORS headers S3 gives under the bucket's rule (cdk/reports.ts), and
      // a routed request loses its file's bytes: this browser alone does not check CORS.
      const lenient = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: ["--no-sandbox", "--disable-gpu", "--disable-web-security", "--no-first-run"],
      });
      // The page's CSP would name the bucket's origin (config.uploadOrigin) in AWS; here it is fauxqs'.
      const context = await lenient.newContext({ locale: "pt-BR", bypassCSP: true });
      const page = await context.newPage();
      try {
        page.setDefaultTimeout(60_000);
        await page.goto(`${link}?lang=pt`);
        const typed = "Texto que fica na página.";
        await page.locator('textarea[name="comments"]').fill(typed);
        await page
          .locator('input[type="file"][name="upload[position-paper]"]')
          .setInputFiles(join(dir, "página.pdf"));
        await page.getByRole("button", { name: "Anexar e salvar o rascunho" }).click();
        await page.waitForLoadState("load");
        await expect
          .poll(() => page.locator("#q-position-paper .error").textContent())
          .toContain("“página.pdf” não é um arquivo PDF, ODT válido");
        expect(await page.locator('textarea[name="comments"]').inputValue()).toBe(typed);

        await page
          .locator('input[type="file"][name="upload[position-paper]"]')
          .setInputFiles(join(dir, "Posição do Ministério.pdf"));
        await page.getByRole("button", { name: "Anexar e salvar o rascunho" }).click();
        await page.waitForLoadState("load");
        await expect
          .poll(() => page.getByRole("link", { name: "Posição do Ministério.pdf" }).count())
          .toBe(1);
        const [ref] = (await stack.ports.repository.getResponse(campaign.id, "URY"))?.answers[
          "position-paper"
        ] as string[];
        const id = ref!.split(":")[0]!;
        // Both files went to the bucket by the browser's POST; the server stored neither itself.
        expect(putByServer.filter((k) => k.startsWith("attachments/"))).toEqual([]);
        expect(new TextDecoder().decode(await bucket.get(`attachments/${campaign.id}/URY/${id}`))).toBe(PDF);
      } finally {
        await lenient.close();
      }
    } finally {
      stack.ports.blobs = real;
      await aws.stop();
    }
  }, 180_000);
});
