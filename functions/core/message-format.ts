// Fills a string's placeholders: `{name}`, and ICU-style plurals that make a count agree with its noun.
//
// `{n, plural, =0 {none} one {# contact} other {# contacts}}`: an exact `=N` branch first, else the
// branch of the language's plural category (Intl.PluralRules: French and Brazilian Portuguese count 0 as
// "one", Spanish and English do not), else `other`. `#` is the count written as the language writes it.
// Without a language (a report's sheet that is not told it), 1 alone is "one" and `#` is the bare number.

type Params = Record<string, unknown>;

const rules = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();

const pluralRules = (lang: string) => {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  return r;
};

const numberFormat = (lang: string) => {
  let f = numbers.get(lang);
  if (!f) numbers.set(lang, (f = new Intl.NumberFormat(lang)));
  return f;
};

/** Where the brace opened at `start` closes, or -1 when it never does. */
const closing = (text: string, start: number): number => {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
};

/** The branches of a plural's body ("one {…} other {…}"), or undefined when it is not one. */
const branchesOf = (body: string): Map<string, string> | undefined => {
  const branches = new Map<string, string>();
  let i = 0;
  for (;;) {
    while (i < body.length && /\s/.test(body[i] as string)) i++;
    if (i >= body.length) return branches.size ? branches : undefined;
    const selector = /^(=\d+|\w+)\s*/.exec(body.slice(i));
    if (!selector) return undefined;
    i += selector[0].length;
    if (body[i] !== "{") return undefined;
    const end = closing(body, i);
    if (end < 0) return undefined;
    branches.set(selector[1] as string, body.slice(i + 1, end));
    i = end + 1;
  }
};

const PLURAL = /^(\w+)\s*,\s*plural\s*,/;

/**
 * A count as given: a number, or one a handler already wrote in the person's language ("10,000",
 * "10 000", "10.000"), read back as the whole number it is; counts are never fractions.
 */
const countOf = (value: unknown): number => {
  if (typeof value === "number") return value;
  const text = String(value).trim();
  return /^\d{1,3}(?:[.,'\s\u00a0\u202f]\d{3})+$/.test(text) ? Number(text.replace(/\D/g, "")) : Number(text);
};

const fill = (lang: string | undefined, text: string, params: Params, count: string | undefined): string => {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "#" && count !== undefined) {
      out += count;
      i++;
      continue;
    }
    if (c !== "{") {
      out += c;
      i++;
      continue;
    }
    const end = closing(text, i);
    if (end < 0) return out + text.slice(i);
    const inner = text.slice(i + 1, end);
    const whole = text.slice(i, end + 1);
    i = end + 1;
    const simple = /^\w+$/.test(inner);
    const plural = simple ? undefined : PLURAL.exec(inner);
    const name = simple ? inner : plural?.[1];
    if (name === undefined || !(name in params)) {
      out += whole;
      continue;
    }
    if (!plural) {
      out += String(params[name]);
      continue;
    }
    const value = params[name];
    const n = countOf(value);
    const branches = branchesOf(inner.slice(plural[0].length));
    const branch =
      branches && Number.isFinite(n)
        ? (branches.get(`=${n}`) ??
          branches.get(pluralRules(lang ?? "en").select(n)) ??
          branches.get("other"))
        : undefined;
    out +=
      branch === undefined
        ? whole
        : fill(
            lang,
            branch,
            params,
            typeof value === "number" && lang ? numberFormat(lang).format(n) : String(value),
          );
  }
  return out;
};

/** `text` with its placeholders filled in `lang`; a placeholder without its parameter stays as written. */
export const formatMessage = (lang: string | undefined, text: string, params: Params): string =>
  text.includes("{") ? fill(lang, text, params, undefined) : text;
