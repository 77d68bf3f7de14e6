// The shape of the compiled Inputs report: plain data that the Excel, CSV and HTML renderers share.
import type { Subregion } from "../directory.ts";
import type { Language, LocalizedText } from "../languages.ts";
import type { QuestionType, RespondentGroup } from "../questionnaire/definition.ts";
import type { ReportIssue } from "./issue-history.ts";
import type { ReceiptAnnex } from "./receipt-annex.ts";

export type Translate = (key: string) => string;

export type Cell = string | number | undefined;

/** One column of "All answers": a question, one scored item of it, or one part of a money answer. */
export type Column = {
  questionId: string;
  itemId?: string;
  part?: "amount" | "currency";
  header: string;
  /** The question's label, and the scored item's, apart from the combined header. */
  question: string;
  item?: string;
  section: string;
};

export type QuestionRef = { id: string; label: string; section: string; type: QuestionType };

/**
 * How many respondents answered a question, left it blank although it was shown to them, or never
 * saw it because a condition hid it (a blank is never a zero, and a hidden question is not a blank).
 */
export type Completion = { answered: number; notAnswered: number; notAsked: number };

export type QuestionSummary = QuestionRef & Completion & { required: boolean };

/** Who answered, of whom: one member is one respondent. */
export type Attribution = { code: string; member: string; group: RespondentGroup };

export type GroupCount = { group: RespondentGroup; invited: number; answered: number };
export type SubregionCount = { subregion: Subregion; invited: number; answered: number };

/** Scores of one item in one population: `topCount` counts those who ranked it in the top n. */
export type Stat = { average: number | undefined; count: number; topCount: number };

export type ItemScore = Stat & {
  id: string;
  /** Position in the questionnaire's list, from 1: stable across compiles, unlike the rank. */
  number: number;
  label: string;
  tag: string | undefined;
  /**
   * 1 is the highest average; equal averages with equal top-n counts share a rank. An item nobody
   * scored has none: it was not placed last, it was not placed at all.
   */
  rank: number | undefined;
  /** Respondents shown the question who left this item without a score. */
  notAnswered: number;
  byGroup: Record<RespondentGroup, Stat>;
  bySubregion: Record<Subregion, Stat>;
};

export type ScaleSummary = {
  question: QuestionRef;
  completion: Completion;
  min: number;
  max: number;
  /** The top-n question ranking the same items, when there is one. */
  ranking: (QuestionRef & { n: number }) | undefined;
  /** Sorted by average, highest first; ties by top-n mentions, then questionnaire order. */
  items: ItemScore[];
};

export type OptionCount = {
  id: string;
  label: string;
  count: number;
  /** count / respondents who answered the question; undefined when nobody did. */
  share: number | undefined;
  byGroup: Record<RespondentGroup, number>;
  /** For a top-n question: how many put this option first, second, … */
  byRank: number[];
};

export type ChoiceSummary = {
  question: QuestionRef;
  completion: Completion;
  /** n of a top-n question, 0 for other choice questions. */
  ranks: number;
  options: OptionCount[];
};

export type AllocationSummary = {
  question: QuestionRef;
  completion: Completion;
  total: number;
  /** Averages over those who answered; within an answer, an item left out is 0 (the shares sum to the total). */
  items: {
    id: string;
    label: string;
    average: number | undefined;
    byGroup: Record<RespondentGroup, { average: number | undefined; count: number }>;
  }[];
};

export type NumberSummary = {
  question: QuestionRef;
  completion: Completion;
  average: number | undefined;
  min: number | undefined;
  max: number | undefined;
};

/**
 * A free text written in another language than the report's: that language, and the machine's
 * translation into the report's language from the cache (no `text`: not translated).
 */
export type ShownTranslation = {
  source: Language;
  text?: string;
  engine?: string;
  /** A person's correction, which replaced the machine's: who made it. */
  reviewedBy?: string;
};

/** A text as written and, when written in another language than the report's, how it is shown in it. */
export type FreeText = { text: string; translation?: ShownTranslation };

export type TextAnswer = Attribution & FreeText;

export type TextSummary = { question: QuestionRef; completion: Completion; answers: TextAnswer[] };

export type TableRow = Attribution & {
  item: number;
  cells: Cell[];
  /** Beside each cell, the words a person wrote in it (free text, which is translated); none otherwise. */
  texts?: (FreeText | undefined)[];
};

/** A repeatable group's entries, one row per entry, one column per field. */
export type GroupTable = {
  question: QuestionRef;
  completion: Completion;
  fields: { id: string; label: string }[];
  rows: TableRow[];
};

export type Pledge = Attribution & {
  questionId: string;
  label: string;
  amount: number;
  currency: string;
  year: number | undefined;
};

export type InKindOffer = Attribution & {
  kinds: string[];
  details: string | undefined;
  /** The details in the report's language, when written in another (attachTranslations). */
  detailsTranslation?: ShownTranslation;
};

export type Contributions = {
  pledges: Pledge[];
  /** One line per currency: amounts of different currencies are never added together. */
  totals: { currency: string; amount: number; count: number }[];
  inKind: InKindOffer[];
  inKindQuestion: QuestionRef | undefined;
};

export type CooperationNeed = Attribution & {
  description: string | undefined;
  preferredProvider: string | undefined;
  /** The preferred provider named a member who offers on this topic (undefined: not named, or unknown). */
  preferredOffers: boolean | undefined;
  /** The description in the report's language, when written in another (attachTranslations). */
  descriptionTranslation?: ShownTranslation;
};

export type CooperationOffer = Attribution & {
  programme: string | undefined;
  inPortfolio: boolean | undefined;
  /** The programme in the report's language, when written in another (attachTranslations). */
  programmeTranslation?: ShownTranslation;
};

/** Needs and offers on one topic: each offer could serve each need of another member. */
export type CooperationTopic = {
  id: string;
  label: string;
  needs: CooperationNeed[];
  offers: CooperationOffer[];
};

export type Cooperation = {
  needsQuestion: QuestionRef;
  offersQuestion: QuestionRef;
  topics: CooperationTopic[];
  needs: number;
  offers: number;
  /** Needs with at least one offer on the same topic from another member. */
  matchedNeeds: number;
};

/** Where each question shows in the document; chapters follow the questionnaire's sections. */
export type Block =
  | { kind: "text"; questionId: string }
  | { kind: "choice"; questionId: string }
  | { kind: "scale"; questionId: string }
  | { kind: "priorities"; questionId: string }
  | { kind: "allocation"; questionId: string }
  | { kind: "number"; questionId: string }
  | { kind: "table"; questionId: string }
  | { kind: "hosting"; questionId: string }
  | { kind: "contributions"; questionId: string }
  | { kind: "cooperation"; questionId: string };

export type Chapter = { id: string; title: string; blocks: Block[]; rial: boolean };

export type RespondentRow = Attribution & {
  name: string;
  subregion: Subregion | undefined;
  version: number;
  submittedAt: string;
  submittedBy: string;
  /** The compiled submission's receipt code: the report's annex lists it (receipt-annex.ts). */
  receiptCode: string;
  /**
   * Every answer as a cell, one per column of `columns` (or only those at the indexes given):
   * worked out from the submission on each call, as each renderer reads a row once, so the report
   * never holds a second copy of every answer as text.
   */
  cells: (only?: number[]) => Cell[];
  /** Scores of the priority topics, in the order of `priorities.items`. */
  topicScores: (number | undefined)[];
  /** The files its answers name (file questions), by question: the HTML edition links each. */
  files?: Record<string, { id: string; name: string }[]>;
  /**
   * The cells of `freeTextColumns` that hold words a person wrote: those words, and the cell rebuilt
   * with each replaced (by its translation), so a proposal's entries read in the report's language.
   */
  freeTexts: { column: number; texts: string[]; cellWith: (replace: (text: string) => string) => Cell }[];
  /** By column index: the cell in the report's language, when written in another (attachTranslations). */
  translations: Map<number, ShownTranslation>;
};

export type NonRespondent = {
  code: string;
  name: string;
  group: RespondentGroup;
  subregion: Subregion | undefined;
};

export type InputsReport = {
  lang: Language;
  campaignId: string;
  title: string;
  titles: LocalizedText;
  meeting: string | undefined;
  timeZone: string;
  questionnaire: { id: string; version: number; title: string };
  generatedAt: string;
  invited: number;
  answered: number;
  groups: GroupCount[];
  subregions: SubregionCount[];
  questions: QuestionSummary[];
  chapters: Chapter[];
  priorities: ScaleSummary | undefined;
  /** The priority topics, as `priorities.items`. */
  topics: ItemScore[];
  scales: ScaleSummary[];
  choices: ChoiceSummary[];
  allocations: AllocationSummary[];
  fundSplit: AllocationSummary | undefined;
  numbers: NumberSummary[];
  achievements: TextSummary | undefined;
  texts: TextSummary[];
  tables: GroupTable[];
  hosting: GroupTable | undefined;
  contributions: Contributions;
  cooperation: Cooperation | undefined;
  /** Questions of the respondent section (focal point and the like), shown beside each member. */
  contactColumns: { questionId: string; header: string }[];
  columns: Column[];
  /**
   * Indexes of `columns` whose answers are a person's own words (texts, proposals, needs, offers) and
   * are translated: the respondent's details (names, addresses) are not.
   */
  freeTextColumns: number[];
  respondents: RespondentRow[];
  nonRespondents: NonRespondent[];
  /** The verification annex, once the compile knows the previous issue (compile-inputs-report.ts). */
  receipts?: ReceiptAnnex;
  /**
   * Where the console serves members' attached files (…/attachments/<member>/<file>), absolute as
   * the HTML edition is read as a file; without it, files are listed by name only.
   */
  attachmentsUrl?: string;
  /** Every issue of this language edition, oldest first, ending with this one (compile-inputs-report.ts). */
  history?: ReportIssue[];
};
