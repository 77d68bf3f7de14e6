// Turns a posted HTML form (as parsed by qs) into answer-shaped values, keeping anything it cannot
// read as typed so that validation can name the field and the form can show the text back.
import type { Question, Questionnaire, SimpleQuestion } from "./definition.ts";
import { allQuestions } from "./definition.ts";

type Raw = unknown;

const asArray = (value: Raw): Raw[] =>
  Array.isArray(value)
    ? value
    : value && typeof value === "object"
      ? Object.values(value)
      : value === undefined
        ? []
        : [value];

/** Reads "1 234,5", "1,234.5", "1234.5", "12,5" and "1e-7"; anything else is returned unchanged. */
export const readNumber = (value: Raw): Raw => {
  if (typeof value !== "string") return value;
  const compact = value.replace(/[\s\u00a0\u202f]/g, "");
  if (compact === "") return undefined;
  let normalised = compact;
  const lastComma = compact.lastIndexOf(",");
  const lastDot = compact.lastIndexOf(".");
  if (lastComma > -1 && lastDot > -1) {
    const decimal = lastComma > lastDot ? "," : ".";
    const thousands = decimal === "," ? "." : ",";
    normalised = compact.split(thousands).join("").replace(decimal, ".");
  } else if (lastComma > -1) {
    // "12,5" is a decimal comma; "10,000" is a thousands separator; "0,125" cannot be one.
    normalised = /^-?[1-9]\d{0,2}(,\d{3})+$/.test(compact)
      ? compact.replace(/,/g, "")
      : compact.replace(",", ".");
  } else if (/^-?[1-9]\d{0,2}(\.\d{3}){2,}$/.test(compact)) {
    // "1.234.567": two dots can only separate thousands ("1.234" alone stays a decimal point).
    normalised = compact.replace(/\./g, "");
  }
  // The form shows a stored number as JavaScript writes it, "1e-7" included: it must read back.
  return /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(normalised) ? Number(normalised) : value;
};

/**
 * Text as typed: browsers send line breaks as CRLF (counted as one character while typing, so they
 * must not count as two against the limit); a vertical tab or form feed pasted from a word processor
 * is a line break; other control characters are invisible and unstorable in the report, so dropped.
 */
export const readText = (value: Raw): Raw =>
  typeof value === "string"
    ? value
        // eslint-disable-next-line no-control-regex -- replacing control characters is the point
        .replace(/\r\n?|[\u000b\u000c]/g, "\n")
        // eslint-disable-next-line no-control-regex -- replacing control characters is the point
        .replace(/[\u0000-\u0008\u000e-\u001f\ufffe\uffff]/g, "")
    : value;

const readScores = (value: Raw): Raw => {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readNumber(v)]));
};

const readSimple = (q: SimpleQuestion, value: Raw): Raw => {
  switch (q.type) {
    case "multiple-choice":
      return asArray(value).filter((v) => v !== "");
    case "top-n":
      return asArray(value).filter((v) => v !== "");
    case "scale":
    case "allocation":
      return readScores(value);
    case "number":
      return readNumber(value);
    case "money":
      if (value && typeof value === "object" && !Array.isArray(value)) {
        const { amount, currency } = value as Record<string, Raw>;
        return { amount: readNumber(amount), currency };
      }
      return value;
    case "yes-no":
      return value === "yes" ? true : value === "no" ? false : value === "" ? undefined : value;
    case "short-text":
    case "long-text":
      return readText(value);
    default:
      return value;
  }
};

const readQuestion = (q: Question, value: Raw): Raw => {
  if (q.type !== "group") return readSimple(q, value);
  return asArray(value).map((item) => {
    if (!item || typeof item !== "object") return item;
    const fields = item as Record<string, Raw>;
    return Object.fromEntries(q.fields.map((f) => [f.id, readSimple(f, fields[f.id])]));
  });
};

/** Only fields named after questions are read; anything else in the form is ignored. */
export const answersFromForm = (q: Questionnaire, form: Record<string, Raw>): Record<string, Raw> => {
  const out: Record<string, Raw> = {};
  for (const { question } of allQuestions(q)) {
    if (question.id in form) out[question.id] = readQuestion(question, form[question.id]);
  }
  return out;
};
