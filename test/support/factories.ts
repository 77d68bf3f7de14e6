// Small builders for test data: a valid thing by default, the one detail a test cares about overridden.
import type { Campaign } from "../../functions/core/campaign.ts";
import type { Member } from "../../functions/core/directory.ts";
import type { EmailRecord, Invitation } from "../../functions/core/invitations.ts";
import type { LocalizedText } from "../../functions/core/languages.ts";
import { loadQuestionnaire, type Questionnaire } from "../../functions/core/questionnaire/definition.ts";
import type { CarriedOver, ResponseVersion } from "../../functions/core/responses.ts";

export const text = (en: string): LocalizedText => ({
  es: `${en} (es)`,
  en,
  fr: `${en} (fr)`,
  pt: `${en} (pt)`,
});

export const items = (...ids: string[]) => ids.map((id) => ({ id, label: text(id) }));

export const question = (id: string, type: string, extra: Record<string, unknown> = {}) => ({
  id,
  type,
  label: text(`Question ${id}`),
  ...extra,
});

/** A questionnaire source with one section holding the given questions. */
export const questionnaireSource = (questions: object[], extra: Record<string, unknown> = {}) => ({
  id: "test-questionnaire",
  version: 1,
  title: text("Test questionnaire"),
  lists: { topics: items("alpha", "beta", "gamma", "delta") },
  sections: [{ id: "main", title: text("Main"), questions }],
  ...extra,
});

export const questionnaire = (questions: object[], extra: Record<string, unknown> = {}): Questionnaire => {
  const loaded = loadQuestionnaire(questionnaireSource(questions, extra));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  return loaded.value;
};

export const member = (code: string, overrides: Partial<Member> = {}): Member => ({
  code,
  group: "government",
  name: text(`Member ${code}`),
  subregion: "andean",
  language: "es",
  inviteByDefault: true,
  contacts: [
    {
      id: "focal-point",
      name: `Focal point ${code}`,
      email: `fp.${code.toLowerCase()}@example.org`,
      role: "focal-point",
      revoked: false,
    },
  ],
  ...overrides,
});

export const campaign = (overrides: Partial<Campaign> = {}): Campaign => ({
  id: "c1",
  questionnaireId: "test-questionnaire",
  questionnaireVersion: 1,
  title: text("Planning questionnaire"),
  opensAt: "2026-01-01T00:00:00.000Z",
  closesAt: "2026-12-31T00:00:00.000Z",
  timeZone: "America/New_York",
  invited: ["ARG", "BRA"],
  secretariat: { name: "Secretariat", email: "secretariat@example.org" },
  status: "open",
  createdAt: "2026-01-01T00:00:00.000Z",
  ...overrides,
});

export const invitation = (overrides: Partial<Invitation> = {}): Invitation => ({
  campaignId: "c1",
  memberCode: "ARG",
  contactId: "focal-point",
  email: "fp.arg@example.org",
  language: "es",
  state: "queued",
  rev: 0,
  generation: 1,
  tokenHashes: [],
  reminders: [],
  createdAt: "2026-01-01T00:00:00.000Z",
  ...overrides,
});

export const emailRecord = (overrides: Partial<EmailRecord> = {}): EmailRecord => ({
  campaignId: "c1",
  memberCode: "ARG",
  contactId: "focal-point",
  kind: "invitation",
  n: "1",
  status: "pending",
  attempts: 0,
  createdAt: "2026-01-01T00:00:00.000Z",
  ...overrides,
});

export const submission = (
  memberCode: string,
  answers: Record<string, unknown>,
  version = 1,
): ResponseVersion => ({
  campaignId: "c1",
  memberCode,
  version,
  answers: answers as ResponseVersion["answers"],
  submittedAt: "2026-02-01T00:00:00.000Z",
  submittedBy: { contactId: "focal-point", name: `Focal point ${memberCode}` },
  questionnaireVersion: 1,
  receiptCode: "TEST-CODE-0000",
});

/**
 * The mark of answers carried over from last cycle's campaign "c0": `questions` carried, those of
 * `confirmed` confirmed since (none, by default: carried answers that count nowhere).
 */
export const carriedFromLastCycle = (
  questions: string[],
  confirmed: string[] = [],
  questionnaireVersion = 1,
): CarriedOver => ({
  campaignId: "c0",
  campaignTitle: { es: "Ciclo anterior", en: "Last cycle", fr: "Cycle précédent", pt: "Ciclo anterior" },
  version: 1,
  submittedAt: "2025-01-01T00:00:00.000Z",
  questionnaireVersion,
  questions,
  confirmed,
});
