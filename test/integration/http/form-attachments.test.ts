// Files attached on the respondent's form, over HTTP on the local stack (dynalite, a folder for the
// bucket): posted with the form as multipart, as a browser without JavaScript sends it; refused by
// content, size and count beside the question with what was typed kept; served only to the member's
// own link, as a download; removed from the draft; listed in the report.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportRecord } from "../../../functions/core/ports.ts";
import { adminClient, loadContent, type AdminClient } from "../../../functions/local/demo.ts";
import { question, questionnaireSource, text } from "../../support/factories.ts";
import { signInToConsole } from "../../support/console-session.ts";
import { testStack } from "../../support/local-stack.ts";
import { inviteOne } from "../../support/respondent-browser.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let api: AdminClient;

const QUESTIONNAIRE = questionnaireSource(
  [
    question("position-paper", "file", {
      label: text("Attach your institution's position paper"),
      accept: ["pdf", "docx"],
      maxFiles: 2,
      maxBytes: 64 * 1024,
    }),
    question("comments", "long-text"),
  ],
  { id: "attachments-check" },
);

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n");
const docx = async () => {
  const z = new JSZip();
  z.file("[Content_Types].xml", "<Types/>");
  z.file("word/document.xml", "<w:document/>");
  return z.generateAsync({ type: "uint8array" });
};

beforeAll(async () => {
  stack = await testStack();
  api = adminClient(stack);
  await loadContent(api);
  await api("POST", "/api/questionnaires", QUESTIONNAIRE);
});
afterAll(() => stack?.dispose());

const invite = (code: string) => inviteOne(api, stack.paths.outbox, code, "attachments-check");

/** The form's hidden fields as the page holds them now. */
const hiddenFields = (html: string) =>
  [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
    ([, name, value]) =>
      [
        name!,
        value!
          .replace(/&amp;/g, "&")
          .replace(/&#x27;/g, "'")
          .replace(/&quot;/g, '"'),
      ] as const,
  );

/** Posts the form as a browser without JavaScript does: multipart, every field, the chosen files. */
const post = async (
  link: string,
  fields: [string, string][],
  files: { name: string; bytes: Uint8Array; type?: string }[] = [],
  lang = "pt",
) => {
  const page = await (await fetch(`${link}?lang=${lang}`)).text();
  const body = new FormData();
  for (const [name, value] of hiddenFields(page)) if (name !== "lang") body.append(name, value);
  body.append("lang", lang);
  for (const [name, value] of fields) body.append(name, value);
  for (const f of files)
    body.append(
      "upload[position-paper]",
      new Blob([f.bytes], { type: f.type ?? "application/octet-stream" }),
      f.name,
    );
  if (!files.length) body.append("upload[position-paper]", new Blob([]), "");
  return fetch(link, { method: "POST", body, redirect: "manual", headers: { accept: "text/html" } });
};

const storedAnswers = async (campaignId: string, code: string) =>
  (await stack.ports.repository.getResponse(campaignId, code))?.answers ?? {};

describe("files posted with the form, without JavaScript", () => {
  it("stores a PDF and a Word file by content, names them in the draft, and serves them to the member only", async () => {
    const { campaign, link } = await invite("BRA");
    const res = await post(
      link,
      [
        ["comments", "Segue a posição do Ministério."],
        ["action", "draft"],
      ],
      [{ name: "../../Posição do Ministério.pdf", bytes: PDF }],
    );
    expect(res.status).toBe(303);
    const second = await post(
      link,
      // The page's text fields go back with it, as a browser sends them.
      [
        ["comments", "Segue a posição do Ministério."],
        ["action", "draft"],
      ],
      [{ name: "Anexo técnico.docx", bytes: await docx() }],
    );
    expect(second.status).toBe(303);
    const files = (await storedAnswers(campaign.id, "BRA"))["position-paper"] as string[];
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^[A-Za-z0-9_-]+:pdf:\d+:Posição do Ministério\.pdf$/);
    expect(files[1]).toMatch(/:docx:\d+:Anexo técnico\.docx$/);
    expect((await storedAnswers(campaign.id, "BRA")).comments).toBe("Segue a posição do Ministério.");

    // The page links each file; the link gives it back as a download, never as a page.
    const page = await (await fetch(link)).text();
    const id = files[0]!.split(":")[0]!;
    expect(page).toContain(`href="?attachment=${id}"`);
    const download = await fetch(`${link}?attachment=${id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toMatch(
      /^attachment; filename=".*"; filename\*=UTF-8''Posi%C3%A7%C3%A3o/,
    );
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);

    // Another member's link does not reach it, even knowing its id.
    const other = await invite("ARG");
    expect((await fetch(`${other.link}?attachment=${id}`)).status).toBe(404);
  });

  it("refuses an HTML page named .pdf (415), a file over the limit (413), and a third file (400), beside the question, in Portuguese, with the text kept", async () => {
    const { campaign, link } = await invite("CHL");
    const typed = "Texto que não pode se perder — ação nº 3";
    const html = new TextEncoder().encode("<!doctype html><script>alert(1)</script>");
    const wrong = await post(
      link,
      [
        ["comments", typed],
        ["action", "submit"],
      ],
      [{ name: "posição.pdf", bytes: html, type: "application/pdf" }],
    );
    expect(wrong.status).toBe(415);
    const page = await wrong.text();
    expect(page).toContain("“posição.pdf” não é um arquivo PDF, DOCX válido");
    expect(page).toContain(typed);
    // What was typed was kept as a draft; nothing was submitted.
    const stored = await stack.ports.repository.getResponse(campaign.id, "CHL");
    expect(stored?.answers.comments).toBe(typed);
    expect(stored?.submittedVersion).toBeUndefined();
    expect(stored?.answers["position-paper"]).toBeUndefined();

    const big = new Uint8Array(65 * 1024);
    big.set(PDF);
    const large = await post(link, [["action", "draft"]], [{ name: "grande.pdf", bytes: big }]);
    expect(large.status).toBe(413);
    expect(await large.text()).toContain("“grande.pdf” é grande demais: o máximo é");

    const three = await post(
      link,
      [["action", "draft"]],
      [
        { name: "um.pdf", bytes: PDF },
        { name: "dois.pdf", bytes: PDF },
        { name: "três.pdf", bytes: PDF },
      ],
    );
    expect(three.status).toBe(400);
    expect(await three.text()).toContain("Anexe no máximo 2 arquivos nesta pergunta.");
    expect(((await storedAnswers(campaign.id, "CHL"))["position-paper"] as string[]).length).toBe(2);
  });

  it("drops a file name typed into the page by hand, and removes a file from the draft", async () => {
    const { campaign, link } = await invite("PER");
    await post(link, [["action", "draft"]], [{ name: "posicion.pdf", bytes: PDF }]);
    const [kept] = (await storedAnswers(campaign.id, "PER"))["position-paper"] as string[];
    const forged = "ABCDEFGHIJKLMNOPQRSTUV:pdf:10:inventado.pdf";
    await post(link, [
      ["position-paper[]", forged],
      ["action", "draft"],
    ]);
    expect((await storedAnswers(campaign.id, "PER"))["position-paper"]).toEqual([kept]);

    const id = kept!.split(":")[0]!;
    const removed = await post(link, [["action", `remove-file:position-paper:${id}`]]);
    expect(removed.status).toBe(303);
    expect((await storedAnswers(campaign.id, "PER"))["position-paper"]).toBeUndefined();
  });

  it("lists each member's files in the report: names in Excel, links in the HTML", async () => {
    const { campaign, link } = await invite("URY");
    await post(link, [["action", "submit"]], [{ name: "Posición de Uruguay.pdf", bytes: PDF }], "es");
    await api("POST", `/api/campaigns/${campaign.id}/reports`);
    const [report] = (await stack.ports.repository.listReports(campaign.id)) as ReportRecord[];
    const html = new TextDecoder().decode(await stack.ports.blobs.get(report!.files.html));
    const [ref] = (await storedAnswers(campaign.id, "URY"))["position-paper"] as string[];
    const id = ref!.split(":")[0]!;
    expect(html).toContain("Posición de Uruguay.pdf");
    expect(html).toContain(`/console/campaigns/${campaign.id}/attachments/URY/${id}`);
    // The PDF edition, printed on the local stack's own thread, lists the file by name.
    const pdf = await stack.ports.blobs.get(report!.files.pdf ?? "");
    expect(
      Buffer.from(pdf ?? [])
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await stack.ports.blobs.get(report!.files.xlsx)) as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets.forEach((sheet) =>
      sheet.eachRow((row) => row.eachCell((c) => void cells.push(String(c.value)))),
    );
    expect(cells).toContain("Posición de Uruguay.pdf");

    // The link is the Secretariat's: signed in, the file comes as a download; otherwise not at all.
    const path = `/console/campaigns/${campaign.id}/attachments/URY/${id}`;
    const anonymous = await fetch(`${stack.url}${path}`, { redirect: "manual" });
    expect(anonymous.status).not.toBe(200);
    const secretariat = await signInToConsole(stack);
    const download = await secretariat.get(path);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    expect((await secretariat.get(`/console/campaigns/${campaign.id}/attachments/ARG/${id}`)).status).toBe(
      404,
    );
  });
});

describe("files the page's script sends straight to the bucket", () => {
  it("hands out a form for the member's own key where the store has one, and says so where it has none", async () => {
    const { campaign, link } = await invite("COL");
    const ask = (fields: Record<string, string>) =>
      fetch(`${link}/uploads`, {
        method: "POST",
        headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      });
    // The local folder takes no direct uploads: the file goes with the form.
    expect(await (await ask({ question: "position-paper", size: "1000" })).json()).toEqual({ direct: false });
    const real = stack.ports.blobs;
    const asked: { key: string; maxBytes: number }[] = [];
    stack.ports.blobs = {
      ...real,
      uploadForm: async (key, maxBytes) => {
        asked.push({ key, maxBytes });
        return { url: "https://bucket.example/", fields: { key } };
      },
    };
    try {
      const answer = (await (await ask({ question: "position-paper", size: "1000" })).json()) as {
        url: string;
        file: string;
      };
      expect(answer.url).toBe("https://bucket.example/");
      expect(asked).toEqual([{ key: `attachments/${campaign.id}/COL/${answer.file}`, maxBytes: 64 * 1024 }]);
      // Larger than the question takes: no form; the post with the file says why.
      expect(await (await ask({ question: "position-paper", size: String(65 * 1024) })).json()).toEqual({
        direct: false,
      });
      expect((await ask({ question: "comments", size: "10" })).status).toBe(404);
    } finally {
      stack.ports.blobs = real;
    }
  });

  it("checks a file sent ahead as one sent with the form: a PDF is named in the draft, a page is refused", async () => {
    const { campaign, link } = await invite("ECU");
    const key = (id: string) => `attachments/${campaign.id}/ECU/${id}`;
    await stack.ports.blobs.put(key("sentaheadpdf00001"), PDF, "binary/octet-stream");
    await stack.ports.blobs.put(key("sentaheadhtml0001"), new TextEncoder().encode("<html>"), "text/html");
    const html = await post(link, [
      ["attach[position-paper][]", "sentaheadhtml0001:página.pdf"],
      ["action", "draft"],
    ]);
    expect(html.status).toBe(415);
    expect(await html.text()).toContain("“página.pdf” não é um arquivo PDF, DOCX válido");
    const ok = await post(link, [
      ["attach[position-paper][]", "sentaheadpdf00001:Posição.pdf"],
      ["action", "draft"],
    ]);
    expect(ok.status).toBe(303);
    expect((await storedAnswers(campaign.id, "ECU"))["position-paper"]).toEqual([
      `sentaheadpdf00001:pdf:${PDF.length}:Posição.pdf`,
    ]);
    // Another member's key is out of reach: the id is looked up under this member's own.
    const other = await invite("VEN");
    const stolen = await post(other.link, [
      ["attach[position-paper][]", "sentaheadpdf00001:roubado.pdf"],
      ["action", "draft"],
    ]);
    expect(stolen.status).toBe(400);
    expect((await storedAnswers(other.campaign.id, "VEN"))["position-paper"]).toBeUndefined();
  });
});
