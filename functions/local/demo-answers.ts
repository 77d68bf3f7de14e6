// Generated answers for the demo and benchmarks: varied, plausible, and valid for any questionnaire.
import type { Language } from "../core/languages.ts";
import type { Question, Questionnaire, SimpleQuestion } from "../core/questionnaire/definition.ts";

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

const simpleField = (
  q: SimpleQuestion,
  rng: Rng,
  lang: Language,
  who: { name: string; email: string },
): unknown => {
  switch (q.type) {
    case "single-choice":
      if (q.id === "reply-language") return lang;
      return pick(rng, q.options).id;
    case "multiple-choice": {
      const max = q.maxPicks ?? q.options.length;
      return shuffle(rng, q.options)
        .slice(0, 1 + Math.floor(rng() * Math.min(max, 3)))
        .map((o) => o.id);
    }
    case "scale":
      return Object.fromEntries(
        q.items.map((i) => [i.id, String(q.min + Math.floor(rng() * (q.max - q.min + 1)))]),
      );
    case "top-n":
      return shuffle(rng, q.items)
        .slice(0, q.n)
        .map((i) => i.id);
    case "short-text":
      if (q.id.includes("email")) return who.email;
      if (q.id.includes("name")) return who.name;
      return text(rng, lang, q.maxLength, 1);
    case "long-text":
      return text(rng, lang, q.maxLength, 1 + Math.floor(rng() * 3));
    case "number": {
      const min = q.min ?? 0;
      const max = q.max ?? min + 100;
      return String(Math.round(min + rng() * (max - min)));
    }
    case "money":
      return { amount: String(1000 * (1 + Math.floor(rng() * 50))), currency: q.currencies[0] };
    case "yes-no":
      return rng() < 0.5 ? "yes" : "no";
    case "allocation": {
      // Whole percentages that add up exactly to the total.
      const weights = q.items.map(() => rng() + 0.1);
      const sum = weights.reduce((a, b) => a + b, 0);
      const shares = weights.map((w) => Math.floor((w / sum) * q.total));
      shares[0] = (shares[0] ?? 0) + q.total - shares.reduce((a, b) => a + b, 0);
      return Object.fromEntries(q.items.map((i, k) => [i.id, String(shares[k])]));
    }
  }
};

const field = (q: Question, rng: Rng, lang: Language, who: { name: string; email: string }): unknown =>
  q.type === "group"
    ? Array.from({ length: 1 + Math.floor(rng() * Math.min(2, q.maxItems)) }, () =>
        Object.fromEntries(q.fields.map((f) => [f.id, simpleField(f, rng, lang, who)])),
      )
    : simpleField(q, rng, lang, who);

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
