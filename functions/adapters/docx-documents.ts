// The questionnaire as a Word document (.docx) and the reading of one returned: WordprocessingML
// written by hand and zipped with jszip; a returned file unzipped with limits and read with
// fast-xml-parser, entities left unexpanded.
//
// Why not the `docx` package: its content controls (SdtBlock, CheckBox) take a title (w:alias) but no
// tag (w:tag), and a plain-text or drop-down control inside a paragraph not at all. Each answer place
// here is a control tagged with its question's id, titled with it too: LibreOffice 7.4 drops w:tag
// when it saves a .docx, and keeps w:alias, so the reader takes the tag, else the title.
// jszip and fast-xml-parser are loaded on the first document, not at every cold start of the form and
// the console (issue 19): in Lambda they are built beside the bundle (cdk/functions.ts BESIDE).
import type JSZip from "jszip";
import type {
  Control,
  DocumentBlock,
  Inline,
  QuestionnaireDocument,
  ReadControl,
  ReadDocument,
} from "../core/questionnaire/document.ts";
import type { Documents } from "../core/ports.ts";
import { REFERENCE_TAG } from "../core/questionnaire/document.ts";
import { BadRequest } from "../core/errors.ts";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W14 = "http://schemas.microsoft.com/office/word/2010/wordml";
const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const escape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Text as runs: line breaks become <w:br/>, so a multi-line answer keeps its lines. */
const textRuns = (text: string, rPr = "") =>
  text
    .split("\n")
    .map((part, i) => `<w:r>${rPr}${i ? "<w:br/>" : ""}<w:t xml:space="preserve">${escape(part)}</w:t></w:r>`)
    .join("");

const PLACEHOLDER_RUN = '<w:rPr><w:color w:val="767676"/></w:rPr>';
const CONTROL_RUN = '<w:rPr><w:color w:val="1F3864"/></w:rPr>';

const titled = (tag: string) => `<w:alias w:val="${escape(tag)}"/><w:tag w:val="${escape(tag)}"/>`;

/**
 * The tag again, as hidden text just before its control: LibreOffice 7.4 saves a drop-down list or a
 * check box without its tag or title, and keeps hidden text, so the reader finds the tag there.
 */
const marker = (tag: string) => `<w:r><w:rPr><w:vanish/></w:rPr><w:t>[[${escape(tag)}]]</w:t></w:r>`;
const MARKER = /^\[\[(.+)\]\]$/;

const control = (c: Control, placeholders: QuestionnaireDocument["placeholders"]): string =>
  marker(c.tag) + sdt(c, placeholders);

const sdt = (c: Control, placeholders: QuestionnaireDocument["placeholders"]): string => {
  if (c.control === "check") {
    const mark = c.checked ? "☒" : "☐";
    return (
      `<w:sdt><w:sdtPr>${titled(c.tag)}<w14:checkbox><w14:checked w14:val="${c.checked ? 1 : 0}"/>` +
      '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>' +
      `</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr><w:t>${mark}</w:t></w:r></w:sdtContent></w:sdt>`
    );
  }
  if (c.control === "choice") {
    const chosen = c.options.find((o) => o.id === c.value);
    const items = [{ id: "", label: placeholders.choose }, ...c.options]
      .map((o) => `<w:listItem w:displayText="${escape(o.label)}" w:value="${escape(o.id)}"/>`)
      .join("");
    return (
      `<w:sdt><w:sdtPr>${titled(c.tag)}${chosen ? "" : "<w:showingPlcHdr/>"}<w:dropDownList>${items}</w:dropDownList></w:sdtPr>` +
      `<w:sdtContent>${textRuns(chosen ? chosen.label : placeholders.choose, chosen ? CONTROL_RUN : PLACEHOLDER_RUN)}</w:sdtContent></w:sdt>`
    );
  }
  const empty = c.value === "";
  return (
    `<w:sdt><w:sdtPr>${titled(c.tag)}${empty ? "<w:showingPlcHdr/>" : ""}<w:text${c.multiline ? ' w:multiLine="1"' : ""}/></w:sdtPr>` +
    `<w:sdtContent>${textRuns(empty ? placeholders.text : c.value, empty ? PLACEHOLDER_RUN : CONTROL_RUN)}</w:sdtContent></w:sdt>`
  );
};

const inline = (part: Inline, placeholders: QuestionnaireDocument["placeholders"]) =>
  "control" in part
    ? control(part, placeholders)
    : textRuns(part.text, part.bold ? "<w:rPr><w:b/></w:rPr>" : "");

const paragraph = (parts: Inline[], placeholders: QuestionnaireDocument["placeholders"], style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}${parts.map((p) => inline(p, placeholders)).join("")}</w:p>`;

const CELL_BORDERS = ["top", "left", "bottom", "right", "insideH", "insideV"]
  .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>`)
  .join("");

const block = (b: DocumentBlock, placeholders: QuestionnaireDocument["placeholders"]): string => {
  if (b.block === "heading") return paragraph([{ text: b.text }], placeholders, `Heading${b.level}`);
  if (b.block === "paragraph") return paragraph(b.parts, placeholders, b.note ? "Note" : undefined);
  const columns = Math.max(1, ...b.rows.map((r) => r.length));
  const width = Math.floor(9000 / columns);
  const grid = Array.from({ length: columns }, () => `<w:gridCol w:w="${width}"/>`).join("");
  const rows = b.rows
    .map(
      (row) =>
        `<w:tr>${row
          .map(
            (cell) =>
              `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${paragraph(cell, placeholders)}</w:tc>`,
          )
          .join("")}</w:tr>`,
    )
    .join("");
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>${CELL_BORDERS}</w:tblBorders></w:tblPr>` +
    `<w:tblGrid>${grid}</w:tblGrid>${rows}</w:tbl><w:p/>`
  );
};

const documentXml = (doc: QuestionnaireDocument, referenceLabel: string) =>
  XML_HEAD +
  `<w:document xmlns:w="${W}" xmlns:w14="${W14}" xmlns:mc="${MC}" mc:Ignorable="w14"><w:body>` +
  doc.blocks.map((b) => block(b, doc.placeholders)).join("") +
  // The reference: locked, so it goes back as written; the reader knows the document by it.
  `<w:p><w:pPr><w:pStyle w:val="Note"/></w:pPr>${textRuns(`${referenceLabel} `)}` +
  `<w:sdt><w:sdtPr>${titled(REFERENCE_TAG)}<w:lock w:val="sdtContentLocked"/><w:text/></w:sdtPr>` +
  `<w:sdtContent>${textRuns(doc.reference)}</w:sdtContent></w:sdt></w:p>` +
  '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>' +
  "</w:body></w:document>";

const heading = (id: string, size: number) =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="heading ${id.slice(-1)}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
  `<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="${Number(id.slice(-1)) - 1}"/></w:pPr><w:rPr><w:b/><w:sz w:val="${size}"/></w:rPr></w:style>`;

const STYLES =
  XML_HEAD +
  `<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault>` +
  '<w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  heading("Heading1", 32) +
  heading("Heading2", 28) +
  heading("Heading3", 24) +
  '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:rPr><w:i/><w:color w:val="404040"/><w:sz w:val="20"/></w:rPr></w:style>' +
  "</w:styles>";

const CONTENT_TYPES =
  XML_HEAD +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  "</Types>";

const ROOT_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  "</Relationships>";

const DOCUMENT_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  "</Relationships>";

const coreProperties = (doc: QuestionnaireDocument) =>
  XML_HEAD +
  '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">' +
  `<dc:title>${escape(doc.title)}</dc:title><dc:language>${doc.lang}</dc:language><dc:identifier>${escape(doc.reference)}</dc:identifier>` +
  "</cp:coreProperties>";

/** The questionnaire document as .docx bytes; `referenceLabel` words "Reference:" in its language. */
export const questionnaireDocx = async (
  doc: QuestionnaireDocument,
  referenceLabel: string,
): Promise<Uint8Array> => {
  const { default: Zip } = await import("jszip");
  const zip = new Zip();
  zip.file("[Content_Types].xml", CONTENT_TYPES);
  zip.file("_rels/.rels", ROOT_RELS);
  zip.file("word/document.xml", documentXml(doc, referenceLabel));
  zip.file("word/styles.xml", STYLES);
  zip.file("word/_rels/document.xml.rels", DOCUMENT_RELS);
  zip.file("docProps/core.xml", coreProperties(doc));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
};

// Reading a returned document.

/** What a returned file may hold at most once unzipped, and in how many parts. */
export const READ_LIMITS = { documentXmlBytes: 20 * 1024 * 1024, entries: 2000 };

/** Why a file cannot be read as a Word document; `code` names the message shown (form.json, console.json). */
export class UnreadableDocument extends BadRequest {
  constructor(code: "not_a_document" | "document_too_large" | "document_unsafe", message: string) {
    super(code, message);
  }
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
export const isPdf = (b: Uint8Array) => Buffer.from(b.subarray(0, 5)).toString("latin1") === "%PDF-";

/** jszip's stream of one part, chunk by chunk (typed in its index.d.ts only for the whole zip). */
type ZipStream = {
  on(event: "data", listener: (chunk: Uint8Array) => void): ZipStream;
  on(event: "error", listener: (error: Error) => void): ZipStream;
  on(event: "end", listener: () => void): ZipStream;
  resume(): ZipStream;
  pause(): ZipStream;
};

/** A part of the zip, unzipped no further than `max` bytes: a zip bomb stops there. */
const readCapped = async (file: JSZip.JSZipObject, max: number): Promise<string> => {
  const declared = (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
  if (declared !== undefined && declared > max)
    throw new UnreadableDocument("document_too_large", "The document is too large once unzipped");
  const chunks: Uint8Array[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    const stream = (file as unknown as { internalStream: (type: "uint8array") => ZipStream }).internalStream(
      "uint8array",
    );
    stream
      .on("data", (chunk) => {
        size += chunk.length;
        if (size > max) {
          stream.pause();
          reject(new UnreadableDocument("document_too_large", "The document is too large once unzipped"));
          return;
        }
        chunks.push(chunk);
      })
      .on("error", reject)
      .on("end", () => resolve())
      .resume();
  });
  return Buffer.concat(chunks).toString("utf8");
};

const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith("#x")) return safeChar(Number.parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith("#")) return safeChar(Number.parseInt(lower.slice(1), 10), whole);
    return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[lower] ?? whole;
  });
const safeChar = (code: number, whole: string) =>
  Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;

type Node = Record<string, unknown> & { ":@"?: Record<string, string> };

const nameOf = (n: Node) => Object.keys(n).find((k) => k !== ":@") ?? "";
const childrenOf = (n: Node) => (n[nameOf(n)] as Node[] | undefined) ?? [];
const attr = (n: Node, name: string) => {
  const v = n[":@"]?.[`@_${name}`];
  return v === undefined ? undefined : decode(String(v));
};
const find = (nodes: Node[], name: string) => nodes.find((n) => nameOf(n) === name);

/** The text of nodes as a reader sees it: tabs, line breaks, and a line per paragraph. */
const textOf = (nodes: Node[]): string => {
  let out = "";
  for (const n of nodes) {
    const name = nameOf(n);
    if (name === "#text") out += decode(String(n["#text"]));
    else if (name === "w:r" && isHidden(n)) continue;
    else if (name === "w:tab") out += "\t";
    else if (name === "w:br" || name === "w:cr") out += "\n";
    else if (name === "w:p") out += `${textOf(childrenOf(n))}\n`;
    else if (name === "w:tc") out += `${textOf(childrenOf(n)).replace(/\n+$/, "")}\t`;
    else if (name === "w:tr") out += `${textOf(childrenOf(n)).replace(/\t$/, "")}\n`;
    else if (
      name === "w:delText" ||
      name === "w:instrText" ||
      name === "w:sdtPr" ||
      name === "w:rPr" ||
      name === "w:pPr"
    )
      continue;
    else out += textOf(childrenOf(n));
  }
  return out;
};

const isHidden = (run: Node) => !!find(childrenOf(find(childrenOf(run), "w:rPr") ?? {}), "w:vanish");

/** The tag a hidden marker run names ([[tag]]), if the run is one. */
const markerOf = (run: Node) => {
  if (nameOf(run) !== "w:r" || !isHidden(run)) return undefined;
  const text = childrenOf(run)
    .filter((n) => nameOf(n) === "w:t")
    .map((t) => textOf(childrenOf(t)))
    .join("");
  return MARKER.exec(text)?.[1];
};

/** One content control: its tag (or title, or the marker before it), its text, and a check box's or a list's reading. */
const readControl = (sdt: Node, marked: string | undefined): ReadControl => {
  const props = childrenOf(find(childrenOf(sdt), "w:sdtPr") ?? {});
  const content = childrenOf(find(childrenOf(sdt), "w:sdtContent") ?? {});
  const tagNode = find(props, "w:tag");
  const aliasNode = find(props, "w:alias");
  // A control without any name reads with tag "": listed as unrecognised, never silently dropped.
  const tag = (tagNode && attr(tagNode, "w:val")) || (aliasNode && attr(aliasNode, "w:val")) || marked || "";
  const text = textOf(content).replace(/\n$/, "");
  const checkbox = find(props, "w14:checkbox");
  if (checkbox) {
    const checked = find(childrenOf(checkbox), "w14:checked");
    const value = checked ? attr(checked, "w14:val") : undefined;
    return {
      tag,
      text,
      checked: value !== undefined ? value === "1" || value === "true" : /[☒☑✓✔xX]/.test(text),
    };
  }
  if (find(props, "w:showingPlcHdr")) return { tag, text: "" };
  const list = find(props, "w:dropDownList") ?? find(props, "w:comboBox");
  if (list) {
    // A list shows its item's text; the item's value is the option's id, in whatever language.
    const item = childrenOf(list)
      .filter((n) => nameOf(n) === "w:listItem")
      .find((n) => (attr(n, "w:displayText") ?? attr(n, "w:value")) === text.trim());
    return { tag, text: item ? (attr(item, "w:value") ?? "") : text };
  }
  return { tag, text };
};

const collect = (nodes: Node[], out: ReadControl[]) => {
  let marked: string | undefined;
  for (const n of nodes) {
    const name = nameOf(n);
    if (name === "w:sdt") {
      out.push(readControl(n, marked));
      marked = undefined;
    } else if (name === "w:r") marked = markerOf(n) ?? marked;
    if (name !== "#text") collect(childrenOf(n), out);
  }
};

/**
 * The content controls and the text of a .docx. Refused (UnreadableDocument): anything not a zip
 * holding word/document.xml, a part larger than READ_LIMITS once unzipped, a DOCTYPE (Word never
 * writes one; entity expansion is how XML bombs work, and the parser leaves entities alone anyway).
 */
export const readWordDocument = async (bytes: Uint8Array): Promise<ReadDocument> => {
  if (!isZip(bytes)) throw new UnreadableDocument("not_a_document", "The file is not a Word document");
  const [{ default: Zip }, { XMLParser }] = await Promise.all([import("jszip"), import("fast-xml-parser")]);
  let zip: JSZip;
  try {
    zip = await Zip.loadAsync(bytes);
  } catch {
    throw new UnreadableDocument("not_a_document", "The file is not a Word document");
  }
  if (Object.keys(zip.files).length > READ_LIMITS.entries)
    throw new UnreadableDocument("document_unsafe", "The document has too many parts");
  const main = zip.file("word/document.xml");
  if (!main) throw new UnreadableDocument("not_a_document", "The file is not a Word document");
  const xml = await readCapped(main, READ_LIMITS.documentXmlBytes);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new UnreadableDocument("document_unsafe", "The document declares XML entities");
  let tree: Node[];
  try {
    tree = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: "@_",
      processEntities: false,
      htmlEntities: false,
      trimValues: false,
      parseTagValue: false,
      parseAttributeValue: false,
    }).parse(xml) as Node[];
  } catch {
    throw new UnreadableDocument("not_a_document", "The file is not a Word document");
  }
  const body = find(childrenOf(find(tree, "w:document") ?? {}), "w:body");
  if (!body) throw new UnreadableDocument("not_a_document", "The file is not a Word document");
  const controls: ReadControl[] = [];
  collect(childrenOf(body), controls);
  return {
    controls,
    text: textOf(childrenOf(body))
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
  };
};

/** The Word half of the documents port (Ports.documents); the PDF half is adapters/pdf-documents.ts. */
export const wordDocuments: Pick<Documents, "questionnaireDocx" | "readWordDocument"> = {
  questionnaireDocx,
  readWordDocument,
};
