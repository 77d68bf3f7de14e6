// The Secretariat corrects a machine translation: a person's text replaces the machine's in the campaign's reports.
import { ValidationFailed } from "../errors.ts";
import type { Language } from "../languages.ts";
import type { TranslationCorrections } from "./ports.ts";

export type CorrectionInput = {
  campaignId: string;
  /** The SHA-256 of the text as the member wrote it (textHash), and its language; into `target`. */
  sha256: string;
  source: Language;
  target: Language;
  text: string;
  by: string;
};

/**
 * Keeps a person's translation of a member's text for one campaign. The next compile shows it, marked
 * as reviewed, instead of the machine's; a later machine run cannot overwrite it (a separate item).
 */
export const correctTranslation = async (
  ports: { translations: TranslationCorrections; clock: { now(): Date } },
  input: CorrectionInput,
) => {
  const text = input.text.normalize("NFC").trim();
  if (!text) throw new ValidationFailed([{ path: "text", code: "required", params: {} }]);
  if (!/^[0-9a-f]{64}$/.test(input.sha256) || input.source === input.target)
    throw new ValidationFailed([{ path: "text", code: "invalid", params: {} }]);
  const correction = {
    campaignId: input.campaignId,
    sha256: input.sha256,
    source: input.source,
    target: input.target,
    text,
    by: input.by,
    correctedAt: ports.clock.now().toISOString(),
  };
  await ports.translations.putCorrection(correction);
  return correction;
};
