// Ports: what core needs from the outside world. Adapters implement them for AWS and for the local stack.
import type { Campaign } from "./campaign.ts";
import type { Contact, Member } from "./directory.ts";
import type { EmailJob, EmailRecord, Invitation, TokenRecord } from "./invitations.ts";
import type { Job } from "./jobs.ts";
import type { Questionnaire } from "./questionnaire/definition.ts";
import type { WorkbookWriter } from "./report/workbook.ts";
import type { Response, ResponseVersion } from "./responses.ts";

export type ReportRecord = {
  campaignId: string;
  generatedAt: string;
  language: string;
  files: { xlsx: string; html: string; csv: string };
  respondents: number;
  invited: number;
  questionnaireVersion: number;
};

export interface DirectoryStore {
  putMembers(members: Member[]): Promise<void>;
  listMembers(): Promise<Member[]>;
  /** One member by code: the hot paths (each email, each page) must not read the whole directory. */
  getMember(code: string): Promise<Member | undefined>;
  /** Replaces a member's contacts if they are still `expected`; false if someone changed them meanwhile. */
  updateMemberContacts(code: string, contacts: Contact[], expected: Contact[]): Promise<boolean>;
}

export interface QuestionnaireStore {
  /** Stores a definition; the same id and version can only ever hold one content. */
  putQuestionnaire(q: Questionnaire): Promise<"created" | "unchanged">;
  /** A given version, or the latest when no version is named. */
  getQuestionnaire(id: string, version?: number): Promise<Questionnaire | undefined>;
}

export interface CampaignStore {
  createCampaign(campaign: Campaign): Promise<void>;
  getCampaign(id: string): Promise<Campaign | undefined>;
  listCampaigns(): Promise<Campaign[]>;
  /** Closes or reopens a campaign; reopening may set a new closing date. */
  setCampaignStatus(id: string, status: Campaign["status"], closesAt?: string): Promise<void>;
  listReports(campaignId: string): Promise<ReportRecord[]>;
}

/** Something the Secretariat did: kept for ever, shown on the campaign page. */
export type AuditEntry = {
  at: string;
  actor: string;
  action: string;
  campaignId?: string;
  target?: string;
  detail?: string;
};

/** Audit lines a page shows: the newest ones; the log itself is kept for ever. */
export const AUDIT_SHOWN = 50;

export type SignInLink = { tokenHash: string; email: string; expiresAt: number };
/**
 * A sign-in request handed to the email worker. Every request that passes the rate limits queues one,
 * so an allowed address and any other cost the same before the answer; `to` is there only when the
 * address is allowed, and the worker sends nothing without it.
 */
export type SignInJob = { kind: "sign-in"; lang: string; to?: string };
export type ConsoleSession = { sessionHash: string; email: string; expiresAt: number };

export interface SecretariatStore {
  putSignInLink(link: SignInLink): Promise<void>;
  /** Marks the link used if it exists, is unused and has not expired; returns it, or undefined. */
  consumeSignInLink(tokenHash: string, nowSeconds: number): Promise<SignInLink | undefined>;
  /** Counts one attempt in a window; false once `limit` attempts were already counted. */
  countAttempt(key: string, windowStart: number, limit: number, expiresAt: number): Promise<boolean>;
  putSession(session: ConsoleSession): Promise<void>;
  getSession(sessionHash: string): Promise<ConsoleSession | undefined>;
  deleteSession(sessionHash: string): Promise<void>;
  putAudit(entry: AuditEntry): Promise<void>;
  /** The newest `limit` (AUDIT_SHOWN unless named), newest first; a campaign's, or the directory's. */
  listAudit(campaignId?: string, limit?: number): Promise<AuditEntry[]>;
  putImport(id: string, plan: unknown, expiresAt: number): Promise<void>;
  getImport(id: string): Promise<unknown>;
}

export interface InvitationStore {
  /** Creates the invitation unless it exists; returns false when it already did. */
  createInvitation(inv: Invitation): Promise<boolean>;
  getInvitation(campaignId: string, memberCode: string, contactId: string): Promise<Invitation | undefined>;
  listInvitations(campaignId: string): Promise<Invitation[]>;
  /** One member's invitations in a campaign: a read whose size does not grow with the campaign. */
  listMemberInvitations(campaignId: string, memberCode: string): Promise<Invitation[]>;
  /** Writes `next` only if the stored invitation is still at revision `expectedRev`; false otherwise. */
  updateInvitation(next: Invitation, expectedRev: number): Promise<boolean>;
  /**
   * Creates the email record unless it exists: the guard against sending the same email twice (a
   * worker creates a new invitation's record already "sending", in place of taking a "pending" one).
   */
  createEmail(email: EmailRecord): Promise<boolean>;
  getEmail(job: EmailJob): Promise<EmailRecord | undefined>;
  listEmails(campaignId: string): Promise<EmailRecord[]>;
  /** Writes `next` only if the stored record still has `expected`'s status and attempts; false otherwise. */
  updateEmail(expected: EmailRecord, next: EmailRecord): Promise<boolean>;
  putToken(token: TokenRecord): Promise<void>;
  getToken(tokenHash: string): Promise<TokenRecord | undefined>;
  setTokenStatus(tokenHash: string, status: TokenRecord["status"]): Promise<void>;
}

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
  putReport(report: ReportRecord): Promise<void>;
}

export type ReceiptPointer = { campaignId: string; memberCode: string; version: number };

export interface JobStore {
  /** Records a new job; its id is new, so this never overwrites one. */
  createJob(job: Job): Promise<void>;
  getJob(id: string): Promise<Job | undefined>;
  /** Writes `next` only if the stored job is still at revision `expectedRev`; false otherwise. */
  updateJob(next: Job, expectedRev: number): Promise<boolean>;
}

export type Repository = DirectoryStore &
  QuestionnaireStore &
  CampaignStore &
  InvitationStore &
  ResponseStore &
  SecretariatStore &
  JobStore;

export type OutgoingEmail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Names the invitation (or other cause) so bounces and complaints can be traced back. */
  tags: Record<string, string>;
  /** Where replies go: the campaign's Secretariat (else the configured REPLY_TO). */
  replyTo?: string;
  /** The one-click unsubscribe address (List-Unsubscribe, RFC 8058) of invitations and reminders. */
  unsubscribeUrl?: string;
};

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

export interface EmailQueue {
  enqueue(jobs: (EmailJob | SignInJob)[]): Promise<void>;
}

/** Where bulk work waits for a worker: SQS in AWS, this process locally. It carries job ids only. */
export interface JobQueue {
  enqueue(jobId: string): Promise<void>;
}

export interface BlobStore {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
  /** A short-lived URL to download the blob directly, where the store has one (S3); else undefined. */
  downloadUrl(key: string, filename: string): Promise<string | undefined>;
}

export interface Views {
  render(template: string, context: object): string;
  /** A string in a language (English if that language lacks it), its {name}s filled from `params`. */
  translate(lang: string, key: string, params?: Record<string, unknown>): string;
}

export interface Clock {
  now(): Date;
}

export interface Random {
  /** 256 random bits, base64url. */
  token(): string;
  /** A short, sortable, unique id for campaigns. */
  id(): string;
}

export type Ports = {
  repository: Repository;
  mailer: Mailer;
  queue: EmailQueue;
  jobs: JobQueue;
  blobs: BlobStore;
  views: Views;
  /** Writes the report's workbook as .xlsx (functions/adapters/xlsx/stream-writer.ts). */
  workbooks: WorkbookWriter;
  clock: Clock;
  random: Random;
  publicBaseUrl: string;
};
