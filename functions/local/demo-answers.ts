// Generated answers for the demo and benchmarks: varied, plausible, and valid for any questionnaire.
import type { Language } from "../core/languages.ts";
import type { Question, Questionnaire } from "../core/questionnaire/definition.ts";
import { kindOf } from "../core/questionnaire/kinds/index.ts";
import type { DemoContext } from "../core/questionnaire/kinds/kind.ts";

export type Rng = () => number;

/** A small seeded generator (mulberry32): the same seed gives the same demo. */
export const seededRng = (seed: number): Rng => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const shuffle = <T>(rng: Rng, items: readonly T[]): T[] =>
  items
    .map((item) => ({ item, key: rng() }))
    .sort((a, b) => a.key - b.key)
    .map((e) => e.item);

const PHRASES: Record<Language, string[]> = {
  es: [
    "Fortalecer la cooperación técnica entre los Ministerios de Trabajo de la región.",
    "Intercambiar experiencias sobre formalización laboral y protección social.",
    "Avanzar en la inspección del trabajo con herramientas digitales.",
    "Promover el diálogo social institucionalizado con COSATE y CEATAL.",
    "Desarrollar estudios comparados sobre el trabajo en plataformas digitales.",
  ],
  en: [
    "Strengthen technical cooperation among the region's Ministries of Labour.",
    "Share experience on labour formalisation and social protection.",
    "Advance labour inspection with digital tools.",
    "Promote institutionalised social dialogue with COSATE and CEATAL.",
    "Produce comparative studies on work on digital platforms.",
  ],
  fr: [
    "Renforcer la coopération technique entre les ministères du Travail de la région.",
    "Échanger des expériences sur la formalisation du travail et la protection sociale.",
    "Moderniser l'inspection du travail grâce aux outils numériques.",
  ],
  pt: [
    "Fortalecer a cooperação técnica entre os Ministérios do Trabalho da região.",
    "Trocar experiências sobre formalização do trabalho e proteção social.",
    "Modernizar a inspeção do trabalho com ferramentas digitais.",
  ],
};

type Form = Record<string, unknown>;

const text = (rng: Rng, lang: Language, max: number, sentences: number) =>
  Array.from({ length: sentences }, () => pick(rng, PHRASES[lang]))
    .join(" ")
    .slice(0, max);

/** A question's answer as a browser would post it, as its kind makes one up. */
const field = (q: Question, rng: Rng, lang: Language, who: { name: string; email: string }): unknown => {
  const context: DemoContext = {
    rng,
    lang,
    who,
    pick: (items) => pick(rng, items),
    shuffle: (items) => shuffle(rng, items),
    text: (max, sentences) => text(rng, lang, max, sentences),
    field: (f) => field(f, rng, lang, who),
  };
  return kindOf(q).demo(q, context);
};

/**
 * Form fields as a browser would post them, for every question; the server drops the answers to
 * questions the respondent's group or earlier answers hide. `share` < 1 leaves optional ones blank.
 */
export const generateFormAnswers = (
  q: Questionnaire,
  rng: Rng,
  lang: Language,
  who: { name: string; email: string },
  share = 1,
): Form => {
  const form: Form = {};
  for (const section of q.sections) {
    for (const question of section.questions) {
      if (!question.required && rng() > share) continue;
      form[question.id] = field(question, rng, lang, who);
    }
  }
  return form;
};
