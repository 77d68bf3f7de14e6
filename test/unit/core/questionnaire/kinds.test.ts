// Every question kind is one complete module: its demo answer reads from the form and validates, and its
// text, cells, findings and form partial follow from it. A kind added without a sample here fails tsc.
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Language } from "../../../../functions/core/languages.ts";
import { emptyToUndefined, validateAnswers } from "../../../../functions/core/questionnaire/answers.ts";
import type { QuestionType, SimpleType } from "../../../../functions/core/questionnaire/definition.ts";
import { answersFromForm } from "../../../../functions/core/questionnaire/form-input.ts";
import { kindOf, QUESTION_TYPES } from "../../../../functions/core/questionnaire/kinds/index.ts";
import { SIMPLE_DEFINITIONS } from "../../../../functions/core/questionnaire/kinds/simple.ts";
import { cellOf, chapters, layoutColumns } from "../../../../functions/core/report/layout.ts";
import { findRoles } from "../../../../functions/core/report/roles.ts";
import { generateFormAnswers, seededRng } from "../../../../functions/local/demo-answers.ts";
import { items, question, questionnaire, text } from "../../../support/factories.ts";

const SIMPLE_SAMPLES: { [K in SimpleType]: Record<string, unknown> } = {
  "single-choice": { options: "topics" },
  "multiple-choice": { options: "topics", maxPicks: 2 },
  scale: { items: "topics", min: 1, max: 5 },
  "top-n": { items: "topics", n: 2 },
  "short-text": { maxLength: 80 },
  "long-text": {},
  number: { min: -5, max: 1000, integer: true },
  money: { currencies: ["USD", "EUR"] },
  "yes-no": {},
  allocation: { items: "topics", total: 100 },
  matrix: { items: "topics", columns: items("useful", "not-useful", "unknown") },
  file: { accept: ["pdf", "docx"], maxFiles: 2 },
};

/** One question of each kind, as the Secretariat would write it: a group holds one field of each simple kind. */
const SAMPLES: { [K in QuestionType]: Record<string, unknown> } = {
  ...SIMPLE_SAMPLES,
  group: {
    itemLabel: text("Entry"),
    maxItems: 3,
    // Every simple kind but a file, which a group's entries cannot hold (kinds/group.ts).
    fields: Object.entries(SIMPLE_SAMPLES)
      .filter(([type]) => type !== "file")
      .map(([type, extra]) => question(`f-${type}`, type, extra)),
  },
};

const t = (key: string) => key;
const who = { name: "Ana", email: "ana@example.org" };
const LANGS: Language[] = ["es", "en", "fr", "pt"];

const single = (type: QuestionType) => {
  const q = questionnaire([question(type, type, { ...SAMPLES[type], required: true })]);
  const qn = q.sections[0]!.questions[0]!;
  return { q, qn };
};

describe("the question kinds", () => {
  it("are the types the definition schema knows, each with its form partial", () => {
    expect(QUESTION_TYPES).toEqual([...Object.keys(SIMPLE_DEFINITIONS), "group"]);
    const dir = fileURLToPath(new URL("../../../../templates/web/partials/kinds/", import.meta.url));
    for (const type of QUESTION_TYPES) expect(existsSync(`${dir}${type}.hbs`), type).toBe(true);
    expect(
      readdirSync(dir)
        .map((f) => f.replace(/\.hbs$/, ""))
        .sort(),
    ).toEqual([...QUESTION_TYPES].sort());
  });

  for (const type of QUESTION_TYPES) {
    it(`${type}: its demo answers, read from the form, are answers its schema accepts`, () => {
      const { q, qn } = single(type);
      for (let seed = 1; seed <= 40; seed++) {
        const lang = LANGS[seed % LANGS.length]!;
        const form = generateFormAnswers(q, seededRng(seed), lang, who);
        const read = answersFromForm(q, form);
        const schema = kindOf(qn).answer(qn, "submit");
        expect(schema.safeParse(emptyToUndefined(read[type])).success, `${type} seed ${seed}`).toBe(true);
        expect(validateAnswers(q, read, "submit", "government").ok, `${type} seed ${seed}`).toBe(true);
      }
    });

    it(`${type}: an answer reads as text, fills its columns and adds up in its block`, () => {
      const { q, qn } = single(type);
      const kind = kindOf(qn);
      const read = answersFromForm(q, generateFormAnswers(q, seededRng(3), "en", who));
      const valid = validateAnswers(q, read, "submit", "government");
      if (!valid.ok) throw new Error(JSON.stringify(valid.error));
      const answer = valid.value[type]!;
      expect(kind.text(qn, answer, "en", t)).not.toBe("");

      const { columns } = layoutColumns(q, "en");
      expect(columns.length).toBe(kind.columns(qn, "en").length);
      for (const column of columns) expect(cellOf(qn, column, answer, "en", t)).toBeDefined();

      const roles = findRoles(q);
      const blocks = chapters(q, roles, "en").flatMap((c) => c.blocks);
      const part = kind.report;
      if (!part) return;
      const completion = { answered: 1, notAnswered: 0, notAsked: 0 };
      const ref = { id: qn.id, label: "", section: "", type: qn.type };
      const tally = part.tally(qn, { ref, completion, lang: "en", t, inOrder: (l) => l, ranking: undefined });
      const respondent = {
        code: "ARG",
        member: "Argentina",
        name: "Argentina",
        group: "government" as const,
        subregion: undefined,
        answers: valid.value,
        submission: undefined as never,
      };
      tally.visit(respondent, answer, true);
      const ids = part.ids?.(qn) ?? [qn.id];
      expect([tally.result()].flat().map((found) => found.question.id)).toEqual(ids);
      // A question shows in the block its findings go to, unless a role claims it (a lone scale: priorities).
      const block = qn === roles.priorityScale ? "priorities" : part.block;
      expect(blocks).toEqual(
        qn === roles.priorityScale
          ? [{ kind: block, questionId: qn.id }]
          : ids.map((questionId) => ({ kind: block, questionId })),
      );
    });

    it(`${type}: its form view names a control that exists for an error anywhere in it`, () => {
      const { qn } = single(type);
      const kind = kindOf(qn);
      expect(kind.control(qn, "q-x", "x", [])).toMatch(/^f-q-x/);
      for (const key of kind.rowKeys(qn) ?? []) {
        expect(kind.ownsRow(qn, [key])).toBe(true);
        expect(kind.rowLabel(qn, [key], "en", t)).toBeTruthy();
      }
      expect(kind.ownsRow(qn, [])).toBe(false);
    });
  }
});
