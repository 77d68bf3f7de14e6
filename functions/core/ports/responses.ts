// The responses' store: each member's answer as being written, every version submitted, and receipts.
import type { Response, ResponseVersion } from "../responses.ts";

export type ReceiptPointer = { campaignId: string; memberCode: string; version: number };

export interface ResponseStore {
  getResponse(campaignId: string, memberCode: string): Promise<Response | undefined>;
  /** Writes the response if the stored version is still `expectedVersion` (0: none stored); false on conflict. */
  saveResponse(response: Response, expectedVersion: number): Promise<boolean>;
  putResponseVersion(version: ResponseVersion): Promise<void>;
  listResponses(campaignId: string): Promise<Response[]>;
  getResponseVersion(
    campaignId: string,
    memberCode: string,
    version: number,
  ): Promise<ResponseVersion | undefined>;
  /** Every submitted version of one member's answer, oldest first. */
  listResponseVersions(campaignId: string, memberCode: string): Promise<ResponseVersion[]>;
  /** Receipt codes point at the version they were issued for. */
  putReceipt(code: string, pointer: ReceiptPointer): Promise<void>;
  getReceipt(code: string): Promise<ReceiptPointer | undefined>;
  /** Which versions each member has kept, without their answers: one paginated read for the whole campaign. */
  listKeptVersions(campaignId: string): Promise<Pick<ResponseVersion, "memberCode" | "version">[]>;
  /** The latest submitted version of every member that submitted. */
  listLatestSubmissions(campaignId: string): Promise<ResponseVersion[]>;
  /**
   * The same, page by page as storage returns them (about 1 MB each), so a reader holds one page at a
   * time: each member's latest submission comes once, in no particular order across pages.
   */
  latestSubmissionPages(campaignId: string): AsyncIterable<ResponseVersion[]>;
}
