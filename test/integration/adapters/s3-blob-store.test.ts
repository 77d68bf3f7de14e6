// The S3 blob store against fauxqs (S3's own protocol, started here; issue 18, item 8): reports go in
// and come out byte for byte, and the presigned link the console redirects to downloads them.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { CreateBucketCommand, HeadObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { writeXlsx } from "../../../functions/adapters/xlsx/stream-writer.ts";
import { createS3BlobStore } from "../../../functions/adapters/s3-blob-store.ts";
import { compileInputsReport } from "../../../functions/core/compile-inputs-report.ts";
import type { BlobStore, Ports } from "../../../functions/core/ports.ts";
import { reportDownload } from "../../../functions/handlers/campaign-admin.ts";
import { countCommands, startAwsEmulator, type AwsEmulator } from "../../support/aws-emulator.ts";
import { freshTable } from "../../support/dynamo.ts";
import { campaign, member, question, questionnaire } from "../../support/factories.ts";

const BUCKET = "consulta-reports";
let aws: AwsEmulator;
let blobs: BlobStore;
beforeAll(async () => {
  aws = await startAwsEmulator();
  await aws.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  blobs = createS3BlobStore(aws.s3, BUCKET);
});
afterAll(() => aws.stop());

const download = async (url: string) => {
  const response = await fetch(url);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
};

describe("the S3 blob store (against fauxqs)", () => {
  it("gives back every byte it was given, and nothing for a key it never had", async () => {
    // Every byte value, and more than one network read's worth.
    const body = new Uint8Array([...Array.from({ length: 256 }, (_, i) => i), ...randomBytes(3 << 20)]);
    await blobs.put("reports/c0/blob.bin", body, "application/octet-stream");
    const got = await blobs.get("reports/c0/blob.bin");
    // Buffer's comparison: toEqual walks three million bytes one by one.
    expect(got && Buffer.from(got).equals(body)).toBe(true);
    expect(await blobs.get("reports/c0/missing.bin")).toBeUndefined();
  });

  it("signs a GET link that lasts five minutes, names the file, and downloads the bytes", async () => {
    const body = randomBytes(4096);
    await blobs.put("reports/c0/2027-inputs-es.xlsx", body, "application/vnd.ms-excel");
    const url = new URL(
      (await blobs.downloadUrl("reports/c0/2027-inputs-es.xlsx", "2027 inputs (es).xlsx"))!,
    );
    expect(url.pathname).toBe(`/${BUCKET}/reports/c0/2027-inputs-es.xlsx`);
    expect(url.searchParams.get("X-Amz-Expires")).toBe("300");
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("host");
    // Signed with the link, so S3 answers with this header; fauxqs does not apply response-* overrides.
    expect(url.searchParams.get("response-content-disposition")).toBe(
      'attachment; filename="2027_inputs__es_.xlsx"',
    );
    const { response, bytes } = await download(url.href);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.ms-excel");
    expect(bytes).toEqual(new Uint8Array(body));
  });

  it("gives a browser a presigned POST for one attachment key, bounded in size, that lands the file", async () => {
    const key = "attachments/c0/BRA/f1le1d";
    const form = await blobs.uploadForm!(key, 1024);
    expect(form.url).toBe(`${new URL(form.url).origin}/${BUCKET}/`);
    expect(form.fields.key).toBe(key);
    expect(form.fields["x-amz-algorithm"]).toBe("AWS4-HMAC-SHA256");
    expect(form.fields["x-amz-signature"]).toMatch(/^[0-9a-f]{64}$/);
    const policy = JSON.parse(Buffer.from(form.fields.policy!, "base64").toString()) as {
      conditions: unknown[];
      expiration: string;
    };
    // S3 checks these; fauxqs stores what it is sent without checking the policy.
    expect(policy.conditions).toContainEqual(["content-length-range", 1, 1024]);
    expect(policy.conditions).toContainEqual({ key });
    expect(policy.conditions).toContainEqual({ bucket: BUCKET });
    const body = new FormData();
    for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
    body.append("file", new Blob([new TextEncoder().encode("%PDF-1.7 posição")]), "posição.pdf");
    expect((await fetch(form.url, { method: "POST", body })).status).toBe(204);
    expect(new TextDecoder().decode(await blobs.get(key))).toBe("%PDF-1.7 posição");
  });

  it("refuses, before asking S3, a key outside reports/, which the functions' grants would deny", async () => {
    const commands = countCommands(aws.s3);
    await expect(blobs.put("exports/x.csv", new Uint8Array([1]), "text/csv")).rejects.toThrow(/reports\//);
    await expect(blobs.get("x.csv")).rejects.toThrow(/reports\//);
    await expect(blobs.downloadUrl("reports/../x.csv", "x.csv")).rejects.toThrow(/reports\//);
    expect(commands).toEqual({});
  });

  it("stores a compiled report under reports/ only, each file typed, each downloadable by its link", async () => {
    const { repository } = await freshTable();
    const q = questionnaire([question("note", "short-text")]);
    const c = campaign({ id: "2027-planning", questionnaireId: q.id, questionnaireVersion: q.version });
    await repository.putQuestionnaire(q);
    await repository.putMembers([member("ARG"), member("BRA")]);
    await repository.createCampaign(c);
    const ports = {
      repository,
      blobs,
      views: createHandlebarsViews(fileURLToPath(new URL("../../../templates/", import.meta.url))),
      workbooks: writeXlsx,
      clock: { now: () => new Date("2027-03-01T12:00:00Z") },
    } as unknown as Ports;

    const compiled = await compileInputsReport(ports, c.id, "es");

    const listed = await aws.s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `reports/${c.id}/` }),
    );
    const keys = (listed.Contents ?? []).map((o) => o.Key);
    expect(keys.sort()).toEqual(Object.values(compiled.files).sort());
    const all = await aws.s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    // Beside the attachment the upload case above posted, the compile wrote only under reports/.
    expect(
      (all.Contents ?? []).every(
        (o) => o.Key?.startsWith("reports/") || o.Key === "attachments/c0/BRA/f1le1d",
      ),
    ).toBe(true);

    const types = { xlsx: /^application\/vnd\.openxmlformats/, html: /^text\/html/, csv: /^text\/csv/ };
    for (const [kind, key] of Object.entries(compiled.files)) {
      const head = await aws.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
      expect(head.ContentType).toMatch(types[kind as keyof typeof types]);
      const file = key.split("/").pop() as string;
      const link = await reportDownload(ports, c.id, file);
      expect("url" in link).toBe(true);
      const { response, bytes } = await download((link as { url: string }).url);
      expect(response.headers.get("content-type")).toBe(head.ContentType);
      expect(bytes).toEqual(await blobs.get(key));
    }
  });
});
