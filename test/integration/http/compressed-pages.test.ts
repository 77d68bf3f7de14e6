// Pages travel compressed when the browser asks: the form on the wire within 20 KB, decoded intact.
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../../functions/core/campaign.ts";
import { adminClient, loadContent } from "../../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../../functions/local/outbox.ts";
import { testStack } from "../../support/local-stack.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let link: string;

beforeAll(async () => {
  stack = await testStack();
  const api = adminClient(stack);
  await loadContent(api);
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    closesAt: new Date(Date.now() + 864e5).toISOString(),
    invite: ["ECU"],
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  link = respondentLink(
    readOutbox(stack.paths.outbox).find((m) => m.headers["x-consulta-campaign"] === campaign.id)!,
  )!;
});
afterAll(() => stack.dispose());

/** The raw bytes and headers, as they cross the wire (fetch would decode them). */
const wire = (url: string, acceptEncoding?: string) =>
  new Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }>((resolve, reject) => {
    const req = request(
      url,
      { headers: { accept: "text/html", ...(acceptEncoding ? { "accept-encoding": acceptEncoding } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });

describe("the form on the wire", () => {
  it("is brotli for a browser that takes it, within 20 KB, and decodes to the same page", async () => {
    const plain = await wire(link);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toContain("Accept-Encoding");
    const br = await wire(link, "gzip, deflate, br, zstd");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.bytes.length).toBeLessThanOrEqual(20 * 1024);
    const page = brotliDecompressSync(br.bytes);
    expect(page.equals(plain.bytes)).toBe(true);
    console.log(`form: ${plain.bytes.length} bytes plain, ${br.bytes.length} with brotli`);
  });

  it("is gzip where only gzip is taken, plain where nothing or br;q=0 is", async () => {
    const gz = await wire(link, "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.bytes).toString("utf8")).toContain('id="answers-form"');
    expect((await wire(link, "br;q=0, identity")).headers["content-encoding"]).toBeUndefined();
  });

  it("compresses error pages too", async () => {
    const missing = await wire(`${stack.url}/r/${"x".repeat(43)}`, "br");
    expect(missing.status).toBe(404);
    expect(brotliDecompressSync(missing.bytes).toString("utf8")).toContain("This link is not valid");
  });
});
