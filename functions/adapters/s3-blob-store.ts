// The AWS blob store: the reports bucket, its reports/ prefix only.
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { Config } from "../config.ts";
import type { BlobStore } from "../core/ports.ts";

/**
 * The only keys the functions may touch: their grants stop at this prefix (REPORTS_PREFIX in
 * cdk/reports.ts), so any other key would be denied in AWS, though accepted by a local emulator.
 */
const REPORTS_PREFIX = "reports/";

const reportKey = (key: string) => {
  if (!key.startsWith(REPORTS_PREFIX) || key.split("/").includes(".."))
    throw new Error(`Blob key outside ${REPORTS_PREFIX}: ${key}`);
  return key;
};

/** Long enough to start a download from a slow office line, short enough not to be worth stealing. */
const DOWNLOAD_URL_SECONDS = 300;

export const createS3BlobStore = (client: S3Client, bucket: string): BlobStore => ({
  async put(key, body, contentType) {
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: reportKey(key), Body: body, ContentType: contentType }),
    );
  },
  downloadUrl: async (key, filename) =>
    getSignedUrl(
      client,
      new GetObjectCommand({
        Bucket: bucket,
        Key: reportKey(key),
        ResponseContentDisposition: `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      }),
      { expiresIn: DOWNLOAD_URL_SECONDS },
    ),
  async get(key) {
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
  return createS3BlobStore(new S3Client({ region: cfg.region }), cfg.reportBucket);
};
