// Answering with Word over HTTP: a member's questionnaire downloaded in Portuguese, filled in as Word
// saves it (and as LibreOffice saves it), uploaded on the form without JavaScript, read into the
// member's draft and never submitted; hostile and foreign files refused or kept; the Secretariat's
// upload asks the focal points to review and submit.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import JSZip from "jszip";
import qs from "qs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../../functions/core/campaign.ts";
import { findQuestion, type Questionnaire } from "../../../functions/core/questionnaire/definition.ts";
import { fingerprint } from "../../../functions/core/questionnaire/answer-merge.ts";
import { REPLY_MAX_BYTES } from "../../../functions/core/word-replies.ts";
import { receiptPdf } from "../../../functions/adapters/pdf-documents.ts";
import { composeReceiptDocument } from "../../../functions/core/compose-email.ts";
import { receiptCode } from "../../../functions/core/receipts.ts";
import { invitation, member } from "../../support/factories.ts";
import { readOutbox } from "../../../functions/local/outbox.ts";
import { adminClient, loadContent } from "../../../functions/local/demo.ts";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { testStack } from "../../support/local-stack.ts";
import { sentCampaign } from "../../support/submissions.ts";

const views = createHandlebarsViews(new URL("../../../templates/", import.meta.url).pathname);
const pt = (key: string, params?: Record<string, unknown>) => views.translate("pt", key, params);
const en = (key: string, params?: Record<string, unknown>) => views.translate("en", key, params);
const dir = mkdtempSync(join(tmpdir(), "consulta-word-"));
let stack: Awaited<ReturnType<typeof testStack>>;
let campaign: Campaign;
let link: string;
let questionnaire: Questionnaire;
let console_: ConsoleSession;

const ACHIEVEMENTS =
  "Fortalecer a cooperação técnica em inspeção do trabalho — ação nº 3.\nSegunda linha, “já”.";

beforeAll(async () => {
  stack = await testStack();
  await loadContent(adminClient(stack));
  ({ campaign, link } = await sentCampaign(stack, "BRA"));
  questionnaire = (await stack.ports.repository.getQuestionnaire(
    campaign.questionnaireId,
    campaign.questionnaireVersion,
  ))!;
  console_ = await signInToConsole(stack);
}, 120_000);
afterAll(async () => {
  await stack.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const documentXml = async (bytes: Uint8Array) =>
  (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");

const withDocumentXml = async (bytes: Uint8Array, xml: string) => {
  const zip = await JSZip.loadAsync(bytes);
  zip.file("word/document.xml", xml);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
};

/** The control tagged `tag`, as Word saves it once someone typed or chose: placeholder gone, new runs. */
const typeInto = (xml: string, tag: string, text: string) => {
  const start = xml.indexOf(`<w:tag w:val="${tag}"/>`);
  if (start < 0) throw new Error(`no control ${tag}`);
  const open = xml.lastIndexOf("<w:sdt>", start);
  const close = xml.indexOf("</w:sdt>", start) + "</w:sdt>".length;
  const runs = text
    .split("\n")
    .map((line, i) => `<w:r>${i ? "<w:br/>" : ""}<w:t xml:space="preserve">${line}</w:t></w:r>`)
    .join("");
  const control = xml
    .slice(open, close)
    .replace("<w:showingPlcHdr/>", "")
    .replace(/<w:sdtContent>.*<\/w:sdtContent>/s, `<w:sdtContent>${runs}</w:sdtContent>`)
    .replace('<w14:checked w14:val="0"/>', '<w14:checked w14:val="1"/>');
  return xml.slice(0, open) + control + xml.slice(close);
};

const post = (body: Record<string, unknown>) =>
  fetch(link, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: qs.stringify(body),
  });

/** The form's upload, as a browser sends it without JavaScript (multipart). */
const upload = (name: string, bytes: Uint8Array) => {
  const form = new FormData();
  form.set("lang", "pt");
  form.set("upload", new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  form.set("action", "word-reply");
  return fetch(link, { method: "POST", redirect: "manual", body: form });
};

const stored = () => stack.ports.repository.getResponse(campaign.id, "BRA");
const firstOption = () => {
  const q = questionnaire.sections.flatMap((s) => s.questions).find((x) => x.id === "in-kind-contribution")!;
  return (q as { options: { id: string }[] }).options[0]!.id;
};
const fundItems = () => {
  const q = questionnaire.sections.flatMap((s) => s.questions).find((x) => x.id === "fund-split")!;
  return (q as { items: { id: string }[] }).items.map((i) => i.id);
};

/** What the page's hidden base says for these questions: only they are changed by a post. */
const baseOf = (ids: string[], answers: Record<string, unknown>) =>
  Object.fromEntries(ids.map((id) => [id, fingerprint(findQuestion(questionnaire, id)!, answers[id])]));

let filled: Uint8Array;

describe("a Word reply on the form", () => {
  it("downloads the member's questionnaire in Portuguese with its draft, as an attachment never sniffed", async () => {
    expect(
      (await post({ "focal-point-name": "Ana Conceição", action: "draft", baseVersion: "0", lang: "pt" }))
        .status,
    ).toBe(303);
    const res = await fetch(`${link}?lang=pt&format=docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="questionario-BRA-pt\.docx"$/,
    );
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const xml = await documentXml(new Uint8Array(await res.arrayBuffer()));
    expect(xml).toContain(pt("document.how_heading"));
    expect(xml).toContain("Ana Conceição");
    expect(xml).toContain(`${campaign.id} BRA iacml-planning v${questionnaire.version}`);
  });

  it("reads the answers typed in Word into the draft, lists what it refused and what it does not know, submits nothing", async () => {
    const original = new Uint8Array(await (await fetch(`${link}?lang=pt&format=docx`)).arrayBuffer());
    let xml = await documentXml(original);
    xml = typeInto(xml, "expected-achievements", ACHIEVEMENTS);
    xml = typeInto(xml, "focal-point-email", "não é um endereço");
    xml = typeInto(xml, "fund-pledge-year", "dois mil e vinte e sete");
    xml = typeInto(xml, "offer-to-host", pt("common.yes"));
    xml = typeInto(xml, `in-kind-contribution/${firstOption()}`, "☒");
    xml = typeInto(xml, `fund-split/${fundItems()[0]}`, "60");
    // A control someone added (or copied from another document): listed, not read.
    xml = xml.replace(
      "</w:body>",
      '<w:p><w:sdt><w:sdtPr><w:tag w:val="nota-interna"/><w:text/></w:sdtPr><w:sdtContent><w:r><w:t>Só para uso interno</w:t></w:r></w:sdtContent></w:sdt></w:p></w:body>',
    );
    filled = await withDocumentXml(original, xml);
    writeFileSync(join(dir, "filled.docx"), filled);

    const res = await upload("respostas.docx", filled);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(pt("replies.taken"));
    expect(page).toContain(pt("replies.errors"));
    expect(page).toContain("nota-interna");
    const label = (id: string) =>
      questionnaire.sections.flatMap((s) => s.questions).find((q) => q.id === id)!.label.pt;
    expect(page).toContain(label("focal-point-email"));
    expect(page).toContain(label("fund-pledge-year"));

    const response = (await stored())!;
    expect(response.status).toBe("draft");
    expect(response.submittedAt).toBeUndefined();
    expect(response.answers["expected-achievements"]).toBe(ACHIEVEMENTS);
    expect(response.answers["offer-to-host"]).toBe(true);
    expect(response.answers["in-kind-contribution"]).toEqual([firstOption()]);
    expect(response.answers["fund-split"]).toEqual({ [fundItems()[0]!]: 60 });
    expect(response.answers["focal-point-name"]).toBe("Ana Conceição");
    // Refused answers leave the draft as it was.
    expect(response.answers["focal-point-email"]).toBeUndefined();
    expect(response.answers["fund-pledge-year"]).toBeUndefined();
    const [reply] = response.replies ?? [];
    expect(reply).toMatchObject({ file: "respostas.docx", kind: "word", role: "focal-point" });
    expect(reply!.key.startsWith(`replies/${campaign.id}/BRA/`)).toBe(true);
    expect(await stack.ports.blobs.get(reply!.key)).toEqual(filled);
    expect(response.contributions?.["expected-achievements"]?.by).toContain("respostas.docx");
    expect(await stack.ports.repository.listResponseVersions(campaign.id, "BRA")).toEqual([]);
  });

  it("reads the same document after LibreOffice saved it again as .docx", async () => {
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
      "--headless",
      "--convert-to",
      "docx:MS Word 2007 XML",
      "--outdir",
      join(dir, "saved"),
      join(dir, "filled.docx"),
    ];
    await promisify(execFile)("/usr/bin/soffice", args, { timeout: 240_000 });
    const saved = readFileSync(join(dir, "saved", "filled.docx"));
    const before = (await stored())!;
    // Cleared in the draft first, so reading the saved copy has something to put back.
    expect(
      (
        await post({
          "expected-achievements": "",
          "offer-to-host": "",
          base: baseOf(["expected-achievements", "offer-to-host"], before.answers),
          action: "draft",
          baseVersion: String(before.version),
          lang: "pt",
        })
      ).status,
    ).toBe(303);
    expect((await stored())!.answers["expected-achievements"]).toBeUndefined();
    const res = await upload("respostas-libreoffice.docx", saved);
    expect(res.status).toBe(200);
    const page = await res.text();
    // LibreOffice 7.4 drops the tag of a control Consulta did not write: it is listed by its text.
    expect(page).toContain("Só para uso interno");
    const after = (await stored())!;
    // LibreOffice 7.4 saves a plain-text control's line breaks as nothing: the words come back, the
    // lines run together (README, "Answering with Word").
    expect(after.answers["expected-achievements"]).toBe(ACHIEVEMENTS.replace("\n", ""));
    expect(after.answers["offer-to-host"]).toBe(true);
    expect(after.answers["in-kind-contribution"]).toEqual([firstOption()]);
    expect(after.status).toBe("draft");
    // The form's save in between kept the record of the first document.
    expect(after.replies?.map((r) => r.file)).toEqual(["respostas.docx", "respostas-libreoffice.docx"]);
  }, 300_000);

  it("refuses a zip bomb, XML entities, and other content behind a .docx name, each with its reason in the page's language", async () => {
    const original = new Uint8Array(await (await fetch(`${link}?lang=pt&format=docx`)).arrayBuffer());
    const bomb = await withDocumentXml(original, `<w:document>${" ".repeat(30 * 1024 * 1024)}</w:document>`);
    expect(bomb.length).toBeLessThan(REPLY_MAX_BYTES);
    const entities = await withDocumentXml(
      original,
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>',
    );
    const cases: [string, Uint8Array, string][] = [
      ["bomba.docx", bomb, "replies.refused.document_too_large"],
      ["entidades.docx", entities, "replies.refused.document_unsafe"],
      [
        "planilha.docx",
        new TextEncoder().encode("nome;cargo\nAna;Diretora\n"),
        "replies.refused.reply_not_a_document",
      ],
      [
        "outro.docx",
        await new JSZip().file("a.txt", "x").generateAsync({ type: "uint8array" }),
        "replies.refused.not_a_document",
      ],
    ];
    const version = (await stored())!.version;
    for (const [name, bytes, key] of cases) {
      const res = await upload(name, bytes);
      expect(res.status, name).toBe(400);
      expect(await res.text(), name).toContain(pt(key));
    }
    expect((await stored())!.version).toBe(version);
  });

  it("refuses a file over the limit with the limit in the message", async () => {
    const big = new Uint8Array(REPLY_MAX_BYTES + 1024);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const res = await upload("grande.docx", big);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(pt("replies.refused.reply_too_large", { limit: 4 }));
  });

  it("keeps a document not made from the questionnaire, and a PDF, as attachments of the answer", async () => {
    const own = await new JSZip()
      .file("[Content_Types].xml", "<Types/>")
      .file(
        "word/document.xml",
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Nota do Ministério: prioridades de inspeção.</w:t></w:r></w:p></w:body></w:document>',
      )
      .generateAsync({ type: "uint8array" });
    const res = await upload("nota.docx", own);
    expect(res.status).toBe(200);
    const shown = await res.text();
    expect(shown).toContain(pt("replies.attachment", { file: "nota.docx" }));
    // The form lists what was sent back, and by whom.
    expect(shown).toMatch(/id="kept-replies">.*nota\.docx — /s);
    const pdf = new TextEncoder().encode("%PDF-1.4\n% minimal\n");
    expect((await upload("posição.pdf", pdf)).status).toBe(200);
    // A PDF named as a page: kept as the PDF it is.
    expect((await upload("página.html", pdf)).status).toBe(200);
    const replies = (await stored())!.replies ?? [];
    expect(replies.map((r) => [r.file, r.kind, r.contentType])).toEqual(
      expect.arrayContaining([
        [
          "nota.docx",
          "attachment",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ],
        ["posição.pdf", "attachment", "application/pdf"],
        ["página.html", "attachment", "application/pdf"],
      ]),
    );
  });
});

describe("a Word reply in the console", () => {
  const path = () => `/console/campaigns/${campaign.id}/members/BRA/replies`;

  it("offers the member's and the blank questionnaire in each language", async () => {
    const blank = await console_.get(`/console/campaigns/${campaign.id}/word?lang=fr`);
    expect(blank.status).toBe(200);
    expect(blank.headers.get("content-disposition")).toContain("questionnaire-vierge-fr.docx");
    expect(await documentXml(new Uint8Array(await blank.arrayBuffer()))).toContain(
      views.translate("fr", "document.blank"),
    );
    const mine = await console_.get(`${path()}?format=docx&lang=es`);
    expect(mine.status).toBe(200);
    expect(await documentXml(new Uint8Array(await mine.arrayBuffer()))).toContain("Ana Conceição");
  });

  it("refuses a document over the limit beside the upload, with the limit, not with a bare 413", async () => {
    // Past the file's limit by more than the multipart headers: the page still says why, in English.
    const big = new Uint8Array(REPLY_MAX_BYTES + 100 * 1024);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const before = (await stored())!.version;
    const res = await console_.upload(path(), { name: "grande.docx", bytes: big });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(en("replies.refused.reply_too_large", { limit: 4 }));
    expect((await stored())!.version).toBe(before);
  });

  it("takes a document uploaded on the member's behalf into the draft and asks its focal points to review and submit", async () => {
    const before = readOutbox(stack.paths.outbox).length;
    const res = await console_.upload(path(), { name: "resposta-por-email.docx", bytes: filled });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(en("replies.taken"));
    const response = (await stored())!;
    expect(response.status).toBe("draft");
    expect(response.replies?.at(-1)).toMatchObject({ role: "secretariat", by: "secretariat@example.org" });
    // The email worker runs in this process: wait for the review request to reach the outbox.
    let reviews: ReturnType<typeof readOutbox> = [];
    for (let i = 0; i < 50 && !reviews.length; i++) {
      reviews = readOutbox(stack.paths.outbox)
        .slice(before)
        .filter((m) => m.headers["x-consulta-kind"] === "review");
      if (!reviews.length) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(reviews.map((m) => m.to)).toContain("focal.point.bra@example.org");
    const mail = reviews[0]!;
    expect(mail.subject).toContain(
      views.translate("pt", "email.review.subject", { title: campaign.title.pt }).slice(0, 12),
    );
    expect(mail.text).toMatch(/\/r\/[A-Za-z0-9_-]{43}/);
    expect(await stack.ports.repository.listResponseVersions(campaign.id, "BRA")).toEqual([]);
  });

  it("shows a kept document's text beside the member's draft, and saves what is transcribed as a draft", async () => {
    const replies = (await stored())!.replies ?? [];
    const index = replies.findIndex((r) => r.file === "nota.docx");
    const page = await (await console_.get(`${path()}?reply=${index}`)).text();
    expect(page).toContain("Nota do Ministério: prioridades de inspeção.");
    expect(page).toContain('id="answers-form"');
    const pdfIndex = replies.findIndex((r) => r.file === "posição.pdf");
    const html = await console_.get(`${path()}?file=${replies.findIndex((r) => r.file === "página.html")}`);
    expect(html.headers.get("content-type")).toBe("application/pdf");
    expect(html.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"]*\.pdf"$/);
    const file = await console_.get(`${path()}?file=${pdfIndex}`);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");

    const version = (await stored())!.version;
    const saved = await console_.post(path(), {
      action: "draft",
      reply: String(index),
      baseVersion: String(version),
      "base[other-topics]": baseOf(["other-topics"], (await stored())!.answers)["other-topics"]!,
      "other-topics": "Inspeção do trabalho (transcrito da nota).",
    });
    expect(saved.status).toBe(303);
    const after = (await stored())!;
    expect(after.answers["other-topics"]).toBe("Inspeção do trabalho (transcrito da nota).");
    expect(after.answers["expected-achievements"]).toBe(ACHIEVEMENTS);
    expect(after.status).toBe("draft");
  });

  it("shows a PDF's text page by page beside the draft: a receipt our printer made, in Portuguese", async () => {
    const proposal = "Fortalecer a cooperação técnica — ação nº 3: inspeção, formação e diálogo social. ";
    const content = {
      campaignId: campaign.id,
      memberCode: "BRA",
      version: 1,
      answers: { "expected-achievements": proposal.repeat(90).trim() } as never,
      submittedAt: "2026-07-01T18:30:00.000Z",
      submittedBy: { contactId: "focal-point", name: "João Conceição" },
      questionnaireVersion: campaign.questionnaireVersion,
    };
    const version = { ...content, receiptCode: receiptCode(content) };
    const subject = {
      campaign,
      member: member("BRA"),
      contact: {
        id: "focal-point",
        name: "João",
        email: "joao@mte.gov.br",
        role: "focal-point",
        revoked: false,
      },
      lang: "pt" as const,
      job: { ...invitation(), kind: "receipt" as const, n: 1 },
    };
    const pdf = await receiptPdf(
      composeReceiptDocument(views, subject as never, version, questionnaire),
      (page, pages) => pt("email.receipt.page", { page, pages }),
    );
    const res = await console_.upload(path(), { name: "posição-por-email.pdf", bytes: pdf });
    expect(res.status).toBe(200);
    const replies = (await stored())!.replies ?? [];
    const index = replies.findIndex((r) => r.file === "posição-por-email.pdf");
    expect(replies[index]).toMatchObject({ kind: "attachment", contentType: "application/pdf" });

    const page = await console_.get(`${path()}?reply=${index}`);
    expect(page.status).toBe(200);
    const shown = (await page.text()).match(/<div id="document-text">(.*?)<\/div>/s)?.[1] ?? "";
    // Each page under its heading, in the console's language, with the receipt code printed on it.
    const pages = [...shown.matchAll(/<h4>([^<]*)<\/h4><pre>([^<]*)<\/pre>/g)];
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.map((p) => p[1])).toEqual(pages.map((_, i) => en("replies.console.page", { page: i + 1 })));
    for (const p of pages) expect(p[2]).toContain(version.receiptCode);
    expect(shown).toContain(proposal.repeat(3).trim());
    expect(shown).toContain("João Conceição");
    expect(shown).not.toContain(en("replies.console.pdf_no_text"));
  });

  it("offers a PDF it cannot read, or cannot read whole, as a download with a word on why", async () => {
    const replies = (await stored())!.replies ?? [];
    const index = replies.findIndex((r) => r.file === "posição.pdf");
    const page = await console_.get(`${path()}?reply=${index}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(en("replies.console.pdf_no_text"));
    expect(html).toContain(`href="${path()}?file=${index}" download`);
    expect(html).toContain('id="answers-form"');
  });
});
