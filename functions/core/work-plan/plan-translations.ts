// The Work Plan's free texts in a reader's language: the plan's own translations, else the translation cache.
//
// A plan's texts are written by the Secretariat in one language (FreeText.original) and may carry
// translations typed into the plan itself. The others come from the cache of issue 20, as the
// report's do: a person's correction first, then a machine's (marked as such), else "not translated",
// with the original always kept beside what is shown.
import type { Language } from "../languages.ts";
import { languageName, fill } from "../report/strings.ts";
import type { Translate } from "../report/model.ts";
import type { TranslationCorrections, TranslationStore, Translator } from "../translation/ports.ts";
import { textHash, translateAnswers } from "../translation/translate-answers.ts";
import { TO_BE_DEFINED, type FreeText, type WorkPlan } from "./work-plan.ts";

/** A translation found for a text: a person's correction, or a machine's with its engine. */
export type FoundTranslation = { text: string; engine?: string; reviewedBy?: string };

/** Found translations by text and pair (see `translationId`). */
export type PlanTranslations = ReadonlyMap<string, FoundTranslation>;

/** Where a FreeText's translation into `target` is filed: the hash of its original words and the pair. */
export const translationId = (text: FreeText, target: Language) =>
  `${textHash(text.texts[text.original] ?? "")}:${text.original}:${target}`;

/** Every free text of a plan: titles, descriptions, places and dates, funding notes, the free sections. */
export const freeTextsOf = (plan: WorkPlan): FreeText[] => [
  ...plan.activities.flatMap((a) => [
    a.title,
    ...(a.description ? [a.description] : []),
    ...[a.place, a.date].filter((x): x is FreeText => x !== TO_BE_DEFINED),
    ...a.funding.flatMap((l) => (l.note ? [l.note] : [])),
  ]),
  ...plan.supportingInitiatives.map((i) => i.text),
  ...plan.organisationContributions.flatMap((c) => [c.organisation, c.text]),
];

/**
 * The translations into `target` of the texts the plan does not itself translate: one batched read
 * of the cache and the campaign's corrections. With an engine, what the cache lacks is translated
 * once and cached (translateAnswers), so the next document finds it; without one it stays "not
 * translated". Without a store nothing is found.
 */
export const readPlanTranslations = async (
  texts: readonly FreeText[],
  target: Language,
  campaignId: string,
  ports: { translations?: TranslationStore & TranslationCorrections; translator?: Translator },
): Promise<PlanTranslations> => {
  const found = new Map<string, FoundTranslation>();
  const store = ports.translations;
  const wanted = texts.filter((t) => t.texts[target] === undefined && t.original !== target);
  if (!store || !wanted.length) return found;
  const bySource = new Map<Language, FreeText[]>();
  for (const t of wanted) bySource.set(t.original, [...(bySource.get(t.original) ?? []), t]);
  const corrections = await store.listCorrections(campaignId);
  const reviewed = new Map(corrections.map((c) => [`${c.sha256}:${c.source}:${c.target}`, c]));
  for (const [source, group] of bySource) {
    const originals = group.map((t) => t.texts[t.original] ?? "");
    const answers = await translateAnswers(originals, source, [target], {
      store,
      ...(ports.translator ? { translator: ports.translator } : {}),
    });
    answers.forEach((answer, i) => {
      const text = group[i];
      if (!text) return;
      const person = reviewed.get(`${textHash(answer.original)}:${answer.source}:${target}`);
      const machine = answer.translations[target];
      if (person) found.set(translationId(text, target), { text: person.text, reviewedBy: person.by });
      else if (machine?.kind === "machine")
        found.set(translationId(text, target), { text: machine.text, engine: machine.engine });
    });
  }
  return found;
};

/** A text as the document shows it: in `lang` when it can, the original kept, a note saying which. */
export type ShownText = {
  text: string;
  lang: Language;
  note?: string;
  original?: { text: string; lang: Language };
};

/** A text in the document's language with nothing to say about it: a label, a member's name. */
export const plain = (text: string, lang: Language): ShownText => ({ text, lang });

/** One free text for a reader of `lang`, with the report's words for machine, reviewed or none. */
export const showText = (
  text: FreeText,
  lang: Language,
  found: PlanTranslations,
  t: Translate,
): ShownText => {
  const original = text.texts[text.original] ?? "";
  if (text.original === lang) return { text: original, lang };
  const language = languageName(lang, text.original);
  const kept = { text: original, lang: text.original };
  const own = text.texts[lang];
  if (own !== undefined)
    return {
      text: own,
      lang,
      note: fill(t("work-plan.translation.secretariat"), { language }),
      original: kept,
    };
  const translation = found.get(translationId(text, lang));
  if (!translation)
    return { text: original, lang: text.original, note: fill(t("report.translation.none"), { language }) };
  return {
    text: translation.text,
    lang,
    note: translation.reviewedBy
      ? fill(t("report.translation.reviewed"), { language, by: translation.reviewedBy })
      : fill(t("report.translation.machine"), { language, engine: translation.engine ?? "" }),
    original: kept,
  };
};
