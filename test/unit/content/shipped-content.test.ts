import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allQuestions } from "../../../functions/core/questionnaire/definition.ts";
import { validateAnswers } from "../../../functions/core/questionnaire/answers.ts";
import {
  defaultDirectoryPath,
  defaultQuestionnairePath,
  readDirectoryFile,
  readQuestionnaireFile,
} from "../../../functions/local/content.ts";

describe("the shipped member directory", () => {
  const { members } = readDirectoryFile(defaultDirectoryPath);

  it("has the 35 OAS member states plus COSATE and CEATAL", () => {
    expect(members).toHaveLength(37);
    expect(members.filter((m) => m.group === "government")).toHaveLength(35);
    expect(members.find((m) => m.code === "COSATE")?.group).toBe("workers");
    expect(members.find((m) => m.code === "CEATAL")?.group).toBe("employers");
  });

  it("does not invite Cuba and Nicaragua by default", () => {
    expect(members.filter((m) => !m.inviteByDefault).map((m) => m.code)).toEqual(["CUB", "NIC"]);
  });

  it("uses only demo addresses at example.org", () => {
    expect(members.flatMap((m) => m.contacts).every((c) => c.email.endsWith("@example.org"))).toBe(true);
  });
});

describe("the first questionnaire", () => {
  const q = readQuestionnaireFile(defaultQuestionnairePath);

  it("asks to score the 22 topics of the Plan of Action of Buenos Aires, 11 per Working Group", () => {
    const topics = q.lists.topics ?? [];
    expect(topics).toHaveLength(22);
    expect(topics.filter((t) => t.tag === "wg1")).toHaveLength(11);
    expect(topics.filter((t) => t.tag === "wg2")).toHaveLength(11);
  });

  it("skips hosting and Fund pledges for COSATE and CEATAL by its own conditions", () => {
    const answers = { "offer-to-host": true, "fund-pledge": { amount: 1000, currency: "USD" } };
    const asWorkers = validateAnswers(q, answers, "draft", "workers");
    expect(asWorkers.ok).toBe(true);
    const submitted = validateAnswers(q, answers, "submit", "workers");
    const dropped = submitted.ok ? submitted.value : (submitted.error as unknown as Record<string, unknown>);
    expect(JSON.stringify(dropped)).not.toContain("fund-pledge:");
    const ids = allQuestions(q)
      .filter(({ question }) => JSON.stringify(question.when ?? {}).includes("government"))
      .map(({ question }) => question.id);
    expect(ids).toEqual(expect.arrayContaining(["offer-to-host", "fund-pledge"]));
  });
});

describe("interface strings", () => {
  const dir = fileURLToPath(new URL("../../../templates/i18n/", import.meta.url));
  const keys = (node: unknown, prefix = ""): string[] =>
    node && typeof node === "object"
      ? Object.entries(node).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
      : [prefix];
  const load = (lang: string) =>
    Object.fromEntries(
      readdirSync(join(dir, lang))
        .filter((f) => f.endsWith(".json"))
        .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(join(dir, lang, f), "utf8"))]),
    );

  it("exist in the four OAS languages with the same keys and placeholders", () => {
    expect(readdirSync(dir).sort()).toEqual(["en", "es", "fr", "pt"]);
    const english = load("en");
    // The parameters a string uses, plain (`{name}`) or counted (`{name, plural, …}`): a language may
    // need a plural where English does not, or repeat a name in each of its branches ("one {…}" is a
    // branch, not a parameter).
    const placeholders = (s: string) =>
      [
        ...new Set(
          [...s.matchAll(/(?<!(?:\bone|\bother|=\d+)\s*)\{(\w+)(?:\}|\s*,\s*plural\s*,)/g)].map((m) => m[1]),
        ),
      ].sort();
    for (const lang of ["es", "fr", "pt"]) {
      const other = load(lang);
      expect(keys(other), lang).toEqual(keys(english));
      for (const key of keys(english)) {
        const get = (root: unknown) =>
          key.split(".").reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], root) as string;
        expect(placeholders(get(other)), `${lang} ${key}`).toEqual(placeholders(get(english)));
        expect(get(other).trim(), `${lang} ${key}`).not.toBe("");
      }
    }
  });
});
