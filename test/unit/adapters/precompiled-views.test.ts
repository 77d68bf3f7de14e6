// The views a Lambda renders from its precompiled templates are the views the local stack compiles.
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  createHandlebarsViews,
  writePrecompiledTemplates,
} from "../../../functions/adapters/handlebars-views.ts";
import {
  createPrecompiledViews,
  PRECOMPILED_DIR,
  type PrecompiledIndex,
} from "../../../functions/adapters/precompiled-views.ts";
import type { Views } from "../../../functions/core/ports.ts";

const TEMPLATES = fileURLToPath(new URL("../../../templates/", import.meta.url));

/** A bundle's templates folder, as cdk/functions.ts's build step leaves it. */
const bundleTemplates = () => {
  const dir = join(mkdtempSync(join(tmpdir(), "consulta-views-")), "templates");
  cpSync(TEMPLATES, dir, { recursive: true });
  writePrecompiledTemplates(dir);
  return dir;
};

const hbsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? hbsFiles(join(dir, e.name)) : e.name.endsWith(".hbs") ? [e.name] : [],
  );

const outcome = (views: Views, template: string, context: object) => {
  try {
    return { html: views.render(template, context) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

const member = "Trabajo & Empleo <Perú>";
const context = (lang: string) => ({
  lang,
  memberName: member,
  ofMember: `de ${member}`,
  submittedAt: "23 de noviembre de 2026",
  closesAt: "30 de noviembre de 2026",
  version: 2,
  receiptCode: "ABCD-EFGH-JKLM",
  link: "https://consulta.example.org/r/abc?x=1&y=2",
  secretariat: { name: "Secretaría Técnica", email: "cimt@oas.org" },
  answers: [{ label: "¿Prioridades?", value: "Empleo & formación" }],
});

describe("precompiled views", () => {
  const dir = bundleTemplates();
  const built = createPrecompiledViews(dir);
  const local = createHandlebarsViews(TEMPLATES);
  const index = JSON.parse(
    readFileSync(join(dir, PRECOMPILED_DIR, "index.json"), "utf8"),
  ) as PrecompiledIndex;
  const names = index.templates;

  it("carries every template and partial of templates/", () => {
    expect(names.length + index.partials.length).toBe(hbsFiles(TEMPLATES).length);
    expect(names).toContain("web/form");
    expect(index.partials).toContain("question");
  });

  it("renders every template exactly as the local stack does, in each language", () => {
    for (const lang of ["es", "en", "fr", "pt"]) {
      for (const name of names) {
        expect(outcome(built, name, context(lang)), `${name} (${lang})`).toEqual(
          outcome(local, name, context(lang)),
        );
      }
    }
  });

  it("escapes HTML emails and pages but not plain-text emails and subjects", () => {
    const html = built.render("email/receipt.html", context("es"));
    const text = built.render("email/receipt.txt", context("es"));
    expect(html).toContain("Trabajo &amp; Empleo &lt;Perú&gt;");
    expect(html).not.toContain(member);
    expect(text).toContain(member);
    expect(built.render("email/receipt-subject", context("es"))).toContain(member);
  });

  it("says which template is missing", () => {
    expect(() => built.render("web/no-such-page", context("es"))).toThrow('No template "web/no-such-page"');
  });
});
