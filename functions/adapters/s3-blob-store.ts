// The AWS blob store: the reports bucket, its reports/ and attachments/ prefixes only.
import { createHmac } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import type { Config } from "../config.ts";
import type { BlobStore } from "../core/ports.ts";
import { clientOf, onFirstUse, type ClientOnFirstUse } from "./on-first-use.ts";

/**
 * The S3 client and its presigner (about 150 KB of a bundle), loaded with the first file or report:
 * the form and the console load them only when a page signs an upload or a download, or keeps a
 * document (in Lambda they are built beside the bundle: cdk/functions.ts BESIDE).
 */
const s3Module = onFirstUse(async () => {
  const [{ S3Client, GetObjectCommand, PutObjectCommand, NoSuchKey }, { getSignedUrl }] = await Promise.all([
    import("@aws-sdk/client-s3"),
    import("@aws-sdk/s3-request-presigner"),
  ]);
  return { S3Client, GetObjectCommand, PutObjectCommand, NoSuchKey, getSignedUrl };
});

/**
 * The only keys the functions may touch: their grants stop at these prefixes (REPORTS_PREFIX and
 * ATTACHMENTS_PREFIX in cdk/reports.ts), so any other key would be denied in AWS, though accepted by
 * a local emulator. Members' attached files are under attachments/ (core/attachments.ts).
 */
const PREFIXES = ["reports/", "attachments/"];

const reportKey = (key: string) => {
  if (!PREFIXES.some((p) => key.startsWith(p)) || key.split("/").includes(".."))
    throw new Error(`Blob key outside ${PREFIXES.join(" and ")}: ${key}`);
  return key;
};

/** How long a browser has to start an upload it was given a form for. */
const UPLOAD_FORM_SECONDS = 300;

const hmac = (key: string | Buffer, text: string) => createHmac("sha256", key).update(text).digest();

/** Long enough to start a download from a slow office line, short enough not to be worth stealing. */
const DOWNLOAD_URL_SECONDS = 300;

export const createS3BlobStore = (s3: ClientOnFirstUse<S3Client>, bucket: string): BlobStore => ({
  async put(key, body, contentType) {
    const [{ PutObjectCommand }, client] = await Promise.all([s3Module(), clientOf(s3)]);
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: reportKey(key), Body: body, ContentType: contentType }),
    );
  },
  async downloadUrl(key, filename) {
    const [{ GetObjectCommand, getSignedUrl }, client] = await Promise.all([s3Module(), clientOf(s3)]);
    return getSignedUrl(
      client,
      new GetObjectCommand({
        Bucket: bucket,
        Key: reportKey(key),
        ResponseContentDisposition: `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      }),
      { expiresIn: DOWNLOAD_URL_SECONDS },
    );
  },
  /**
   * A presigned POST (Signature Version 4) for one key: S3 itself refuses a file outside 1 byte to
   * `maxBytes`, or for another key, or after five minutes. The browser sends the file straight to
   * the bucket, past Lambda's 6 MB request limit; what it sent is checked before any answer names it.
   */
  async uploadForm(key, maxBytes) {
    const k = reportKey(key);
    const [{ GetObjectCommand, getSignedUrl }, client] = await Promise.all([s3Module(), clientOf(s3)]);
    const credentials = await client.config.credentials();
    const region = await client.config.region();
    const now = new Date();
    const amzDate = now
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
    const day = amzDate.slice(0, 8);
    const fields: Record<string, string> = {
      key: k,
      "x-amz-algorithm": "AWS4-HMAC-SHA256",
      "x-amz-credential": `${credentials.accessKeyId}/${day}/${region}/s3/aws4_request`,
      "x-amz-date": amzDate,
      ...(credentials.sessionToken ? { "x-amz-security-token": credentials.sessionToken } : {}),
    };
    const policy = {
      expiration: new Date(now.getTime() + UPLOAD_FORM_SECONDS * 1000).toISOString(),
      conditions: [
        { bucket },
        ...Object.entries(fields).map(([name, value]) => ({ [name]: value })),
        ["content-length-range", 1, maxBytes],
      ],
    };
    const encoded = Buffer.from(JSON.stringify(policy)).toString("base64");
    const signingKey = hmac(
      hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region), "s3"),
      "aws4_request",
    );
    // The bucket's address as the client reaches it (virtual-hosted in AWS, by path on an emulator).
    const object = new URL(
      await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: k }), { expiresIn: 60 }),
    );
    const path = object.pathname.slice(0, object.pathname.length - k.length);
    return {
      url: `${object.origin}${path}`,
      fields: { ...fields, policy: encoded, "x-amz-signature": hmac(signingKey, encoded).toString("hex") },
    };
  },
  async get(key) {
    const [{ GetObjectCommand, NoSuchKey }, client] = await Promise.all([s3Module(), clientOf(s3)]);
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: reportKey(key) }));
      return out.Body ? await out.Body.transformToByteArray() : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === "NoSuchKey") return undefined;
      throw error;
    }
  },
});

/** The reports bucket of a function that writes or reads reports. */
export const s3BlobStore = (cfg: Config): BlobStore => {
  if (!cfg.reportBucket) throw new Error("Configuration: REPORT_BUCKET is not set");
  const { region } = cfg;
  return createS3BlobStore(
    onFirstUse(async () => new (await s3Module()).S3Client({ region })),
    cfg.reportBucket,
  );
};
