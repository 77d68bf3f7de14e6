// Generated data for the benchmarks: synthetic member directories, scratch folders, the content questionnaire.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { Member, SUBREGIONS } from "../functions/core/directory.ts";
import { LANGUAGES } from "../functions/core/languages.ts";
import { validateAnswers, type Answers } from "../functions/core/questionnaire/answers.ts";
import type { Questionnaire } from "../functions/core/questionnaire/definition.ts";
import { answersFromForm } from "../functions/core/questionnaire/form-input.ts";
import { generateFormAnswers, type Rng } from "../functions/local/demo-answers.ts";
import { defaultQuestionnairePath, readQuestionnaireFile } from "../functions/local/content.ts";

/** Scratch space for the benchmarks (git-ignored). */
export const OUT_DIR = fileURLToPath(new URL("out/", import.meta.url));

/** An empty folder under bench/out/. */
export const freshDir = (name: string) => {
  const dir = `${OUT_DIR}${name}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
};

/**
 * The i-th member code: AAA, AAB, ...; past the 26³ = 17,576 three-letter codes, four letters, which
 * the directory does not accept: only the report's benchmark at 100,000 respondents goes that far.
 */
export const memberCode = (i: number) => {
  if (i < 0 || i >= 26 ** 4) throw new Error(`No member code number ${i}`);
  const letter = (n: number) => String.fromCharCode(65 + (n % 26));
  const three = letter(Math.floor(i / 676)) + letter(Math.floor(i / 26)) + letter(i);
  return i < 26 ** 3 ? three : letter(Math.floor(i / 17_576)) + three;
};

/**
 * `count` members as the directory schema reads them, one contact each, starting at code number
 * `from`: nine in ten governments across the subregions, the rest workers and employers, all four
 * languages.
 */
export const syntheticMembers = (count: number, from = 0): Member[] =>
  Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const code = memberCode(i);
    const group = i % 20 === 7 ? "workers" : i % 20 === 13 ? "employers" : "government";
    const language = LANGUAGES[i % LANGUAGES.length];
    const name = `Member ${code}`;
    const member = Member.parse({
      code: code.slice(-3),
      group,
      name: { es: name, en: name, fr: name, pt: name },
      ...(group === "government" ? { subregion: SUBREGIONS[i % SUBREGIONS.length] } : {}),
      language,
      contacts: [
        {
          id: "focal-point",
          name: `Focal point ${code}`,
          email: `focal.point.${code.toLowerCase()}@example.org`,
        },
      ],
    });
    return { ...member, code };
  });

/** The questionnaire in content/, parsed (as the admin API stores it) and as raw source. */
export const contentQuestionnaire = () => ({
  definition: readQuestionnaireFile(defaultQuestionnairePath),
  source: parse(readFileSync(defaultQuestionnairePath, "utf8")) as unknown,
});

/** A generated answer for `member` that passes the same validation as a real submission. */
export const generatedAnswers = (definition: Questionnaire, rng: Rng, member: Member): Answers => {
  const contact = member.contacts[0]!;
  const who = { name: contact.name, email: contact.email };
  for (let attempt = 0; ; attempt++) {
    const form = generateFormAnswers(definition, rng, member.language, who, 0.8);
    const valid = validateAnswers(definition, answersFromForm(definition, form), "submit", member.group);
    if (valid.ok) return valid.value;
    if (attempt > 5)
      throw new Error(`No valid answer generated for ${member.code}: ${JSON.stringify(valid.error)}`);
  }
};
