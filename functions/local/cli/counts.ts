// Counts in the CLI's own English lines: "1 member", "3 members" (the operator's tool speaks English).
const rules = new Intl.PluralRules("en");

/** `n` and the noun in the number English uses for it (a count the API left out is none). */
export const counted = (n: number | undefined, one: string, other = `${one}s`): string =>
  `${n ?? 0} ${rules.select(n ?? 0) === "one" ? one : other}`;

/** The verb's form that agrees with a count: "1 member has", "3 members have". */
export const agreeing = (n: number | undefined, one: string, other: string): string =>
  rules.select(n ?? 0) === "one" ? one : other;
