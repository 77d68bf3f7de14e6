// The matrix kind on its own: its definition, reading a posted table of radio buttons, an error per
// row, the named row, its text, its columns and its per-row findings.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../../functions/adapters/handlebars-views.ts";
import type { FieldError } from "../../../../functions/core/errors.ts";
import { errorSummary } from "../../../../functions/core/form-errors.ts";
import { buildFormView } from "../../../../functions/core/form-view.ts";
import { validateAnswers } from "../../../../functions/core/questionnaire/answers.ts";
import { loadQuestionnaire } from "../../../../functions/core/questionnaire/definition.ts";
import { answersFromForm } from "../../../../functions/core/questionnaire/form-input.ts";
import { kindOf } from "../../../../functions/core/questionnaire/kinds/index.ts";
import { buildInputsReport } from "../../../../functions/core/report/inputs-report.ts";
import { layoutColumns, cellOf } from "../../../../functions/core/report/layout.ts";
import type { RespondentSession } from "../../../../functions/core/respond.ts";
import { generateFormAnswers, seededRng } from "../../../../functions/local/demo-answers.ts";
import {
  campaign,
  items,
  member,
  question,
  questionnaire,
  questionnaireSource,
  submission,
  text,
} from "../../../support/factories.ts";

const COLUMNS = items("very-useful", "useful", "not-useful", "unknown");
const tools = (extra: Record<string, unknown> = {}) =>
  question("tools", "matrix", {
    items: items("portfolio", "forum", "studies"),
    columns: COLUMNS,
    other: text("Another tool (write its name)"),
    ...extra,
  });
const q = questionnaire([tools({ required: true })]);
const qn = q.sections[0]!.questions[0]!;
const t = (key: string) => key;

const submit = (answers: unknown) => validateAnswers(q, answers, "submit", "government");
const draft = (answers: unknown) => validateAnswers(q, answers, "draft", "government");
const codes = (result: ReturnType<typeof submit>) =>
  result.ok ? [] : result.error.map((e) => `${e.path}:${e.code}`);

const views = createHandlebarsViews(fileURLToPath(new URL("../../../../templates/", import.meta.url)));
/** The respondent's page in English, holding these values and errors. */
const formHtml = (values: Record<string, unknown>, errors: FieldError[]) => {
  const arg = member("ARG");
  const session = {
    campaign: campaign(),
    questionnaire: q,
    member: arg,
    contact: arg.contacts[0]!,
    role: "signatory",
  };
  return views.render(
    "web/form",
    buildFormView(session as unknown as RespondentSession, "en", values, errors, 1),
  );
};

describe("a matrix question", () => {
  it("loads rows from a list or inline, its columns inline, and refuses shapes it cannot answer", () => {
    expect(questionnaire([question("m", "matrix", { items: "topics", columns: COLUMNS })])).toBeDefined();
    const problems = (extra: Record<string, unknown>) => {
      const loaded = loadQuestionnaire(questionnaireSource([tools(extra)]));
      return loaded.ok ? [] : loaded.error.map((e) => e.path);
    };
    expect(problems({ columns: items("only") })).toEqual(["sections[0].questions[0].columns"]);
    expect(problems({ columns: items("a", "a") })).toEqual(["sections[0].questions[0].columns"]);
    expect(problems({ items: items("portfolio", "other") })).toEqual(["sections[0].questions[0].items"]);
    // Without a named row, "other" is an ordinary row.
    expect(problems({ items: items("portfolio", "other"), other: undefined })).toEqual([]);
  });

  it("reads a posted table of radio buttons and a typed name, as a browser sends them", () => {
    const posted = {
      tools: {
        portfolio: "very-useful",
        forum: "useful",
        studies: "unknown",
        other: "useful",
        "other-name": "  Observatorio\r\nlaboral ",
      },
    };
    expect(submit(answersFromForm(q, posted))).toEqual({
      ok: true,
      value: {
        tools: {
          portfolio: "very-useful",
          forum: "useful",
          studies: "unknown",
          other: "useful",
          "other-name": "Observatorio\nlaboral",
        },
      },
    });
  });

  it("when required, names each row left without a choice; a draft keeps what is there", () => {
    expect(codes(submit({ tools: { portfolio: "useful" } }))).toEqual([
      "tools.forum:required",
      "tools.studies:required",
    ]);
    expect(codes(submit({}))).toEqual(["tools:required"]);
    expect(draft({ tools: { portfolio: "useful" } })).toEqual({
      ok: true,
      value: { tools: { portfolio: "useful" } },
    });
  });

  it("refuses a choice that is not a column, a row it does not have, and a name too long", () => {
    const full = { portfolio: "useful", forum: "useful", studies: "useful" };
    expect(codes(submit({ tools: { ...full, portfolio: "brilliant" } }))).toEqual([
      "tools.portfolio:invalid_choice",
    ]);
    expect(codes(draft({ tools: { elsewhere: "useful" } }))).toEqual(["tools:invalid"]);
    expect(codes(draft({ tools: { "other-name": "x".repeat(201) } }))).toEqual(["tools.other-name:too_long"]);
  });

  it("asks the named row for both its name and its choice on submitting, not in a draft", () => {
    const full = { portfolio: "useful", forum: "useful", studies: "useful" };
    expect(codes(submit({ tools: { ...full, "other-name": "Observatorio" } }))).toEqual([
      "tools.other:other_choice",
    ]);
    expect(codes(submit({ tools: { ...full, other: "useful" } }))).toEqual(["tools.other-name:other_name"]);
    expect(draft({ tools: { "other-name": "Observatorio" } }).ok).toBe(true);
    expect(draft({ tools: { other: "useful" } }).ok).toBe(true);
  });

  it("links each missing row from the error summary to that row's first radio button", () => {
    const result = submit({ tools: { portfolio: "useful" } });
    const errors = result.ok ? [] : result.error;
    expect(errorSummary(q, errors, "en", t)).toEqual([
      {
        target: "f-q-tools-forum",
        label: "Question tools",
        code: "missing_rows",
        params: { rows: "forum; studies", count: 2 },
      },
    ]);
    const named = submit({
      tools: { portfolio: "useful", forum: "useful", studies: "useful", other: "useful" },
    });
    expect(errorSummary(q, named.ok ? [] : named.error, "en", t)[0]).toMatchObject({
      target: "f-q-tools-other-name",
      row: "Another tool (write its name)",
      code: "other_name",
    });
  });

  it("shows the error beside its row and keeps every choice and the typed name", () => {
    const typed = { tools: { portfolio: "useful", other: "not-useful", "other-name": "Observatorio <b>" } };
    const result = submit(answersFromForm(q, typed));
    const errors = result.ok ? [] : result.error;
    const html = formHtml(typed, errors);
    const row = (id: string) =>
      html.match(new RegExp(`<tr[^>]*><th scope="row"><span id="r-q-tools-${id}">[^]*?</tr>`))?.[0] ?? "";
    expect(row("forum")).toContain('class="has-error"');
    expect(row("forum")).toContain('id="e-q-tools-row-forum"');
    expect(row("forum")).toContain('aria-describedby="e-q-tools-row-forum"');
    expect(row("portfolio")).not.toContain("has-error");
    expect(row("portfolio")).toMatch(
      /value="useful" aria-labelledby="r-q-tools-portfolio c-q-tools-useful" checked/,
    );
    expect(html).toMatch(
      /name="tools\[other\]" value="not-useful" aria-labelledby="r-q-tools-other c-q-tools-not-useful" checked/,
    );
    expect(html).toContain('value="Observatorio &lt;b&gt;"');
    // The summary links to the first missing row's first radio button, which exists.
    expect(html).toContain('href="#f-q-tools-forum"');
    expect(html).toContain('id="f-q-tools-forum"');
  });

  it("left blank when required, marks the listed rows' radio buttons with the question's error, not the named row's", () => {
    const result = submit({});
    const html = formHtml({}, result.ok ? [] : result.error);
    expect(html).toContain('<p class="error" id="e-q-tools-0">This answer is required.</p>');
    expect(html).toMatch(
      /id="f-q-tools-portfolio" name="tools\[portfolio\]"[^>]*aria-invalid="true" aria-describedby="e-q-tools-0"/,
    );
    expect(html).toMatch(
      /id="f-q-tools-other" name="tools\[other\]" value="very-useful" aria-labelledby="[^"]*">/,
    );
  });

  it("reads as one line per answered row, and fills one column per row", () => {
    const answer = {
      portfolio: "very-useful",
      studies: "unknown",
      other: "useful",
      "other-name": "Observatorio",
    };
    const kind = kindOf(qn);
    expect(kind.text(qn, answer, "en", t)).toBe(
      "portfolio: very-useful\nstudies: unknown\nObservatorio: useful",
    );
    expect(kind.text(qn, answer, "es", t)).toBe(
      "portfolio (es): very-useful (es)\nstudies (es): unknown (es)\nObservatorio: useful (es)",
    );
    const { columns } = layoutColumns(q, "en");
    expect(columns.map((c) => c.header)).toEqual([
      "Question tools — portfolio",
      "Question tools — forum",
      "Question tools — studies",
      "Question tools — Another tool (write its name)",
    ]);
    expect(columns.map((c) => cellOf(qn, c, answer, "en", t))).toEqual([
      "very-useful",
      undefined,
      "unknown",
      "Observatorio: useful",
    ]);
  });

  it("adds up each row's choices over those who answered that row, the named row too", () => {
    const optional = questionnaire([tools()]);
    const report = buildInputsReport({
      campaign: campaign({ invited: ["ARG", "BRA", "CHL"] }),
      questionnaire: optional,
      members: [member("ARG"), member("BRA"), member("CHL", { group: "workers" })],
      submissions: [
        submission("ARG", {
          tools: { portfolio: "very-useful", forum: "useful", other: "useful", "other-name": "X" },
        }),
        submission("BRA", { tools: { portfolio: "very-useful" } }),
        submission("CHL", { tools: { portfolio: "not-useful", forum: "useful" } }),
      ],
      lang: "en",
      generatedAt: new Date("2026-03-01T00:00:00Z"),
      t,
    });
    expect(report.chapters[0]!.blocks).toEqual(
      ["portfolio", "forum", "studies", "other"].map((row) => ({
        kind: "choice",
        questionId: `tools.${row}`,
      })),
    );
    const counts = (id: string) => {
      const found = report.choices.find((c) => c.question.id === `tools.${id}`)!;
      return {
        label: found.question.label,
        completion: found.completion,
        counts: Object.fromEntries(found.options.map((o) => [o.id, o.count])),
        shares: found.options.map((o) => o.share),
      };
    };
    expect(counts("portfolio")).toEqual({
      label: "Question tools — portfolio",
      completion: { answered: 3, notAnswered: 0, notAsked: 0 },
      counts: { "very-useful": 2, useful: 0, "not-useful": 1, unknown: 0 },
      shares: [2 / 3, 0, 1 / 3, 0],
    });
    expect(counts("forum")).toMatchObject({
      completion: { answered: 2, notAnswered: 1, notAsked: 0 },
      counts: { "very-useful": 0, useful: 2, "not-useful": 0, unknown: 0 },
      shares: [0, 1, 0, 0],
    });
    expect(counts("studies")).toMatchObject({ completion: { answered: 0, notAnswered: 3, notAsked: 0 } });
    expect(counts("other")).toMatchObject({
      label: "Question tools — Another tool (write its name)",
      counts: { useful: 1 },
      completion: { answered: 1, notAnswered: 2, notAsked: 0 },
    });
    const portfolio = report.choices.find((c) => c.question.id === "tools.portfolio")!;
    expect(portfolio.options[0]!.byGroup).toMatchObject({ government: 2, workers: 0 });
    expect(portfolio.options[2]!.byGroup).toMatchObject({ government: 0, workers: 1 });
  });

  it("makes up demo answers the form reads back valid, the named row now and then", () => {
    let named = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const form = generateFormAnswers(q, seededRng(seed), "pt", { name: "Ana", email: "ana@example.org" });
      const read = submit(answersFromForm(q, form));
      expect(read.ok, `seed ${seed}`).toBe(true);
      if (read.ok && "other-name" in (read.value.tools as object)) named++;
    }
    expect(named).toBeGreaterThan(0);
    expect(named).toBeLessThan(60);
  });
});
