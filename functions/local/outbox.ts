// Reading the local outbox back: what was sent to whom, and the link in each message.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type OutboxMessage = {
  file: string;
  to: string;
  subject: string;
  headers: Record<string, string>;
  text: string;
  html: string;
};

// Synchronous on purpose (the tests and the demo read the outbox in a line); it reads the MIME the
// builder (nodemailer) writes, and test/unit/adapters/mime-message.test.ts holds it to mailparser's reading.

/** RFC 2047 encoded words; adjacent ones are joined first, as a character may span two of them. */
const decodeWords = (value: string) =>
  value.replace(/\?=\s+=\?/g, "?==?").replace(/(?:=\?[\w-]+\?[BbQq]\?[^?]*\?=)+/g, (run) => {
    const bytes = [...run.matchAll(/=\?[\w-]+\?([BbQq])\?([^?]*)\?=/g)].map(([, enc, text = ""]) =>
      enc?.toUpperCase() === "B" ? Buffer.from(text, "base64") : quotedPrintable(text.replace(/_/g, " ")),
    );
    return Buffer.concat(bytes).toString("utf8");
  });

const quotedPrintable = (text: string) =>
  Buffer.from(
    text
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  );

type Part = { headers: Record<string, string>; body: string };

const splitPart = (raw: string): Part => {
  const end = raw.indexOf("\r\n\r\n");
  const head = end < 0 ? raw : raw.slice(0, end);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  return { headers, body: end < 0 ? "" : raw.slice(end + 4) };
};

const decodeBody = (part: Part) => {
  const encoding = (part.headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(part.body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return quotedPrintable(part.body).toString("utf8");
  return part.body;
};

/** The first text/plain and text/html parts, looking inside nested multiparts. */
const leaves = (part: Part, found: { text?: string; html?: string }) => {
  const type = part.headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const pieces = part.body.split(`--${boundary}`).slice(1);
    for (const piece of pieces) {
      if (piece.startsWith("--")) break;
      leaves(splitPart(piece.replace(/^\r\n/, "").replace(/\r\n$/, "")), found);
    }
  } else if (/^text\/plain/i.test(type) && found.text === undefined) found.text = decodeBody(part);
  else if (/^text\/html/i.test(type) && found.html === undefined) found.html = decodeBody(part);
  return found;
};

export const parseEml = (file: string, raw: string): OutboxMessage => {
  const message = splitPart(raw);
  const { text = "", html = "" } = leaves(message, {});
  return {
    file,
    to: message.headers.to ?? "",
    subject: message.headers.subject ?? "",
    headers: message.headers,
    text,
    html,
  };
};

export const readOutbox = (dir: string): OutboxMessage[] => {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".eml"));
  } catch {
    return [];
  }
  return files.sort().map((f) => parseEml(f, readFileSync(join(dir, f), "utf8")));
};

export const respondentLink = (message: OutboxMessage): string | undefined =>
  /https?:\/\/[^\s"<>]+\/r\/[A-Za-z0-9_-]{43}/.exec(message.text)?.[0];
