// Receipt codes: a short code derived from the submitted text itself, so a ministry and the
// Secretariat can later prove which text was submitted; any change to the stored text breaks it.
import { createHash } from "node:crypto";
import { NotFound } from "./errors.ts";
import type { ReportStore, ResponseStore } from "./ports.ts";
import { submissionNumber, type ResponseVersion } from "./responses.ts";

// Crockford's base32: no I, L, O or U, so a code read aloud over the phone survives.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** JSON with sorted keys: the same content always hashes the same, whatever the key order. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
};

/** 60 bits of the SHA-256 of what was submitted, by whom and when, as XXXX-XXXX-XXXX. */
export const receiptCode = (v: Omit<ResponseVersion, "receiptCode">): string => {
  const digest = createHash("sha256")
    .update(
      canonical({
        campaignId: v.campaignId,
        memberCode: v.memberCode,
        version: v.version,
        answers: v.answers,
        submittedAt: v.submittedAt,
        submittedBy: v.submittedBy,
        questionnaireVersion: v.questionnaireVersion,
      }),
    )
    .digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 8)) bits = (bits << 8n) | BigInt(byte);
  let code = "";
  for (let i = 0; i < 12; i++) code += ALPHABET[Number((bits >> BigInt(64 - 5 * (i + 1))) & 31n)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}`;
};

/** Reads a code as people type it: any case, with or without dashes or spaces, O for 0 and I/L for 1. */
export const normaliseReceiptCode = (text: string) => {
  const raw = text.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return raw.length === 12 ? `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}` : raw;
};

/**
 * `number` is the submission's place among the member's submissions: what people call its version;
 * `issues` are the report issues that compiled it, newest first (each issue's annex lists the code).
 */
export type VerifiedReceipt = {
  version: ResponseVersion;
  intact: boolean;
  number: number;
  issues: { generatedAt: string; language: string }[];
};

/**
 * Finds the submission a code names and checks the stored text still hashes to it. A code nobody
 * was given is not found; a stored text changed after the fact is found but not intact.
 */
export const verifyReceipt = async (
  ports: { repository: ResponseStore & ReportStore },
  text: string,
): Promise<VerifiedReceipt> => {
  const code = normaliseReceiptCode(text);
  const pointer = await ports.repository.getReceipt(code);
  const version =
    pointer &&
    (await ports.repository.getResponseVersion(pointer.campaignId, pointer.memberCode, pointer.version));
  if (!version) throw new NotFound("receipt_not_found", `No submission has the receipt code ${code}`);
  const { receiptCode: stored, ...content } = version;
  const [kept, reports] = await Promise.all([
    ports.repository.listResponseVersions(version.campaignId, version.memberCode),
    ports.repository.listReports(version.campaignId),
  ]);
  return {
    version,
    intact: stored === code && receiptCode(content) === code,
    number: submissionNumber(kept, version.version),
    issues: reports
      .filter((r) => r.receipts?.[version.memberCode] === code)
      .map(({ generatedAt, language }) => ({ generatedAt, language })),
  };
};
