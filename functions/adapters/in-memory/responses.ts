// Responses, their submitted versions and receipt codes in memory.
import type { ReceiptPointer, ResponseStore } from "../../core/ports.ts";
import type { Response, ResponseVersion } from "../../core/responses.ts";
import { bySortKey, copy, pad } from "./kept.ts";

const responseKey = (campaignId: string, memberCode: string) => `${campaignId}\u0000${memberCode}`;
const versionKey = (campaignId: string, memberCode: string, version: number) =>
  `${campaignId}\u0000${memberCode}#${pad(version)}`;

/** `pageSize`: latest submissions handed over per page, as DynamoDB's 1 MB pages would. */
export const inMemoryResponseStore = ({ pageSize = 100 }: { pageSize?: number } = {}): ResponseStore => {
  const responses = new Map<string, Response>();
  const versions = new Map<string, ResponseVersion>();
  const receipts = new Map<string, ReceiptPointer>();
  const versionsOf = (campaignId: string, memberCode?: string) =>
    [...versions.values()]
      .filter((v) => v.campaignId === campaignId && (memberCode === undefined || v.memberCode === memberCode))
      .sort(bySortKey((v) => `${v.memberCode}#${pad(v.version)}`));
  const latest = (campaignId: string) => {
    const byMember = new Map<string, ResponseVersion>();
    for (const v of versionsOf(campaignId)) byMember.set(v.memberCode, v);
    return [...byMember.values()];
  };
  return {
    getResponse: async (campaignId, memberCode) => copy(responses.get(responseKey(campaignId, memberCode))),
    saveResponse: async (response, expectedVersion) => {
      const key = responseKey(response.campaignId, response.memberCode);
      const stored = responses.get(key);
      if (expectedVersion === 0 ? stored !== undefined : stored?.version !== expectedVersion) return false;
      responses.set(key, copy(response));
      return true;
    },
    putResponseVersion: async (version) => {
      const key = versionKey(version.campaignId, version.memberCode, version.version);
      if (versions.has(key)) throw new Error("A submitted version is never overwritten");
      versions.set(key, copy(version));
    },
    listResponses: async (campaignId) =>
      [...responses.values()]
        .filter((r) => r.campaignId === campaignId)
        .sort(bySortKey((r) => r.memberCode))
        .map(copy),
    getResponseVersion: async (campaignId, memberCode, version) =>
      copy(versions.get(versionKey(campaignId, memberCode, version))),
    listResponseVersions: async (campaignId, memberCode) => versionsOf(campaignId, memberCode).map(copy),
    putReceipt: async (code, pointer) => {
      if (receipts.has(code)) throw new Error(`Receipt code ${code} is already taken`);
      receipts.set(code, copy(pointer));
    },
    getReceipt: async (code) => copy(receipts.get(code)),
    listKeptVersions: async (campaignId) =>
      versionsOf(campaignId).map(({ memberCode, version }) => ({ memberCode, version })),
    listLatestSubmissions: async (campaignId) => latest(campaignId).map(copy),
    async *latestSubmissionPages(campaignId) {
      const all = latest(campaignId);
      for (let i = 0; i < all.length; i += pageSize) yield all.slice(i, i + pageSize).map(copy);
    },
  };
};
