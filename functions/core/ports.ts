// Ports: what core needs from the outside world. Adapters implement them for AWS and for the local stack.
import type { ReceiptDocument } from "./compose-email.ts";
import type { QuestionnaireDocument, ReadDocument } from "./questionnaire/document.ts";
import type { TranslationCorrections, TranslationStore, Translator } from "./translation/ports.ts";
import type { EmailJob } from "./invitations.ts";
import type { Repository } from "./ports/index.ts";
import type { WorkbookWriter } from "./report/workbook.ts";
import type { PrintedReport } from "./report/inputs-pdf.ts";
import type { WorkPlanDocument } from "./work-plan/document.ts";

// The stores, one per aggregate, are in ports/; they are re-exported so imports of this file still hold.
export * from "./ports/index.ts";

/**
 * A sign-in request handed to the email worker. Every request that passes the rate limits queues one,
 * so an allowed address and any other cost the same before the answer; `to` is there only when the
 * address is allowed, and the worker sends nothing without it.
 */
export type SignInJob = {
  kind: "sign-in";
  lang: string;
  to?: string;
  /** `lang` is only the browser's default (Accept-Language): the person's own console language wins. */
  browserDefault?: true;
};

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
  /** Files sent with it: the receipt's PDF copy of the answers. */
  attachments?: Attachment[];
};

export type Attachment = { filename: string; contentType: string; content: Uint8Array };

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
  /**
   * A form a browser posts one file of at most `maxBytes` with, straight to the store under `key`
   * (S3's presigned POST); absent where the store has none (the local folder): the file then comes
   * with the form itself.
   */
  uploadForm?(key: string, maxBytes: number): Promise<{ url: string; fields: Record<string, string> }>;
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

/**
 * Where core says what went wrong without failing the person's request (a receipt not queued after
 * the submission was stored): the one structured logger, with the request's context, in each function.
 */
export interface Log {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Prints PDF copies (functions/adapters/pdf-documents.ts); `pageOf` words "page 2 of 5" in the
 * document's language. Given only to the functions that print: the others' bundles leave pdfmake out.
 */
export interface Documents {
  receiptPdf(doc: ReceiptDocument, pageOf: (page: number, pages: number) => string): Promise<Uint8Array>;
  /** The compiled report's PDF edition, composed by core/report/inputs-pdf.ts. */
  reportPdf(doc: PrintedReport): Promise<Uint8Array>;
  /**
   * The Work Plan as Word (functions/adapters/docx-work-plan.ts); only the functions that export it
   * have it, so the others' bundles leave the docx package out.
   */
  workPlanDocx?(doc: WorkPlanDocument): Promise<Uint8Array>;
  /** The questionnaire as .docx (adapters/docx-documents.ts); `referenceLabel` words "Reference:". */
  questionnaireDocx(doc: QuestionnaireDocument, referenceLabel: string): Promise<Uint8Array>;
  /** A .docx's content controls and text; refuses (BadRequest) what is no Word document or is hostile. */
  readWordDocument(bytes: Uint8Array): Promise<ReadDocument>;
  /**
   * A PDF's text for a person to read (adapters/pdf-text.ts), given to the console only so the others'
   * bundles leave PDF.js out; refuses (BadRequest) a PDF it cannot open.
   */
  readPdfText?(bytes: Uint8Array): Promise<PdfText>;
}

/** A PDF's text: the pages read, each in paragraphs; `cut` when pages or characters were left out. */
export type PdfText = { pages: string[][]; pageCount: number; cut: boolean };

export type Ports = {
  repository: Repository;
  log: Log;
  mailer: Mailer;
  queue: EmailQueue;
  jobs: JobQueue;
  blobs: BlobStore;
  views: Views;
  /** Writes the report's workbook as .xlsx (functions/adapters/xlsx/stream-writer.ts). */
  workbooks: WorkbookWriter;
  documents: Documents;
  clock: Clock;
  random: Random;
  publicBaseUrl: string;
  /**
   * The translation cache: written by the job that translates a submission, read by the compile. Every
   * deployed function has it; a test's hand-built ports may leave it out (free texts "not translated").
   */
  translations?: TranslationStore & TranslationCorrections;
  /** The machine translation engine; absent when none is installed or configured ("not translated"). */
  translator?: Translator;
};
