// The free texts of a report beside their machine translations: read from the cache, never translated here.
import type { Language } from "../languages.ts";
import { detectLanguage } from "../translation/detect-language.ts";
import type { TranslationCorrections, TranslationKey, TranslationStore } from "../translation/ports.ts";
import { textHash } from "../translation/translate-answers.ts";
import type { FreeText, InputsReport, ShownTranslation } from "./model.ts";

const keyId = (k: TranslationKey) => `${k.sha256}:${k.source}:${k.target}`;

/** One text written in another language than the report's: what the cache holds for it, once read. */
type Asked = { key: TranslationKey; shown?: ShownTranslation };

/**
 * A cell made of several texts (a proposal's title and product, in "All answers"): in the report's
 * language where any of them was translated, else marked with the language it is written in.
 */
const combined = (
  asked: Asked[],
  cellWith: (replace: (text: string) => string) => unknown,
  byText: Map<string, Asked>,
): ShownTranslation | undefined => {
  const [first] = asked;
  if (!first) return undefined;
  const source = first.key.source;
  const translated = asked.flatMap((a) => (a.shown?.text === undefined ? [] : [a.shown]));
  if (!translated.length) return { source };
  const cell = cellWith((text) => byText.get(text)?.shown?.text ?? text);
  const reviewer = translated.every((s) => s.reviewedBy) ? translated[0]?.reviewedBy : undefined;
  const engine = translated.find((s) => s.engine)?.engine;
  return {
    source,
    text: typeof cell === "string" ? cell : String(cell ?? ""),
    ...(reviewer ? { reviewedBy: reviewer } : engine ? { engine } : {}),
  };
};

/**
 * Marks each free text written in another language (quoted answers, the fields of group tables —
 * proposals, hosting offers —, in-kind offers, cooperation needs and offers, each member's answers) with that
 * language and the cached translation into the report's language, if the job made one. One batched
 * read of the cache for the whole report; a compile never waits for an engine (the translate job ran
 * at submission), and without a store (or a cached translation) the text says "not translated".
 * Returns the members whose texts (some of them) the cache lacks in the report's language.
 */
export const attachTranslations = async (
  report: InputsReport,
  /** Each member's reply language, as its latest submission recorded it (or the directory says). */
  replyLanguage: (memberCode: string) => Language | undefined,
  store: (TranslationStore & TranslationCorrections) | undefined,
): Promise<{ untranslated: string[] }> => {
  const target = report.lang;
  // One entry per text and source, however many places show it (a proposal is in its table, in
  // "All answers" and in its member's answers): detected, hashed and looked up once.
  const asked = new Map<string, Asked & { codes: Set<string> }>();
  const detected = new Map<string, Language | null>();
  const after: (() => void)[] = [];
  const ask = (original: string, code: string): Asked | undefined => {
    const text = original.normalize("NFC").trim();
    if (!text) return undefined;
    let clear = detected.get(text);
    if (clear === undefined) detected.set(text, (clear = detectLanguage(text) ?? null));
    // As the translate job chose it: clearly another language, else the reply language.
    const source = clear ?? replyLanguage(code);
    // Unknown (nothing recorded, nothing clear): shown as written, claiming no language.
    if (!source || source === target) return undefined;
    const id = `${source}\u0000${text}`;
    let a = asked.get(id);
    if (!a) asked.set(id, (a = { key: { sha256: textHash(text), source, target }, codes: new Set() }));
    a.codes.add(code);
    return a;
  };
  const mark = (free: FreeText | undefined, code: string) => {
    const a = free && ask(free.text, code);
    if (free && a) after.push(() => (free.translation = a.shown));
  };

  for (const summary of report.texts) for (const answer of summary.answers) mark(answer, answer.code);
  for (const table of [...report.tables, ...(report.hosting ? [report.hosting] : [])])
    for (const row of table.rows) for (const free of row.texts ?? []) mark(free, row.code);
  for (const topic of report.cooperation?.topics ?? []) {
    for (const need of topic.needs) {
      const a = need.description ? ask(need.description, need.code) : undefined;
      if (a) after.push(() => (need.descriptionTranslation = a.shown));
    }
    for (const offer of topic.offers) {
      const a = offer.programme ? ask(offer.programme, offer.code) : undefined;
      if (a) after.push(() => (offer.programmeTranslation = a.shown));
    }
  }
  for (const offer of report.contributions.inKind) {
    const a = offer.details ? ask(offer.details, offer.code) : undefined;
    if (a) after.push(() => (offer.detailsTranslation = a.shown));
  }
  for (const row of report.respondents) {
    for (const cell of row.freeTexts) {
      const byText = new Map<string, Asked>();
      for (const text of cell.texts) {
        const a = ask(text, row.code);
        if (a) byText.set(text, a);
      }
      const foreign = [...byText.values()];
      if (!foreign.length) continue;
      after.push(() => {
        const shown = combined(foreign, cell.cellWith, byText);
        if (shown) row.translations.set(cell.column, shown);
      });
    }
  }
  if (!asked.size) return { untranslated: [] };

  const [cached, corrected] = store
    ? await Promise.all([
        store.getTranslations([...asked.values()].map((a) => a.key)),
        store.listCorrections(report.campaignId),
      ])
    : [[], []];
  const byKey = new Map(cached.map((t) => [keyId(t), t]));
  // A person's correction wins over the machine's, whenever either was made.
  const reviewed = new Map(corrected.map((c) => [keyId(c), c]));
  for (const a of asked.values()) {
    const { key } = a;
    const person = reviewed.get(keyId(key));
    const found = byKey.get(keyId(key));
    a.shown = person
      ? { source: key.source, text: person.text, reviewedBy: person.by }
      : found
        ? { source: key.source, text: found.text, engine: found.engine }
        : { source: key.source };
  }
  for (const apply of after) apply();
  // Members with a text neither machine nor person translated: their translate job may never have run.
  const untranslated = new Set<string>();
  for (const a of asked.values())
    if (a.shown?.text === undefined) for (const c of a.codes) untranslated.add(c);
  return { untranslated: [...untranslated] };
};
