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

const decodeHeader = (value: string) =>
  value.replace(/=\?UTF-8\?B\?([^?]+)\?=/g, (_, b64: string) => Buffer.from(b64, "base64").toString("utf8"));

export const parseEml = (file: string, raw: string): OutboxMessage => {
  const [head = "", ...rest] = raw.split("\r\n\r\n");
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = decodeHeader(line.slice(i + 1).trim());
  }
  const body = rest.join("\r\n\r\n");
  const part = (type: string) => {
    const m = new RegExp(
      `Content-Type: ${type}; charset=UTF-8\\r\\nContent-Transfer-Encoding: base64\\r\\n\\r\\n([A-Za-z0-9+/=\\r\\n]+)`,
    ).exec(body);
    return m?.[1] ? Buffer.from(m[1].replace(/\r\n/g, ""), "base64").toString("utf8") : "";
  };
  return {
    file,
    to: headers.to ?? "",
    subject: headers.subject ?? "",
    headers,
    text: part("text/plain"),
    html: part("text/html"),
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
