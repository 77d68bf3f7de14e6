// A count shown to a person agrees with its noun, in every language, in the local and the precompiled views.
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  createHandlebarsViews,
  writePrecompiledTemplates,
} from "../../../functions/adapters/handlebars-views.ts";
import { createPrecompiledViews } from "../../../functions/adapters/precompiled-views.ts";
import { formatMessage } from "../../../functions/core/message-format.ts";
import type { Language } from "../../../functions/core/languages.ts";
import { completionLine, fill } from "../../../functions/core/report/strings.ts";

const TEMPLATES = fileURLToPath(new URL("../../../templates/", import.meta.url));

const bundleTemplates = () => {
  const dir = join(mkdtempSync(join(tmpdir(), "consulta-plurals-")), "templates");
  cpSync(TEMPLATES, dir, { recursive: true });
  writePrecompiledTemplates(dir);
  return dir;
};

describe("plural messages", () => {
  it("picks the branch by the language's plural rules, exact matches first", () => {
    const text = "{n, plural, =0 {no contact} one {# contact} other {# contacts}}";
    expect(formatMessage("en", text, { n: 0 })).toBe("no contact");
    expect(formatMessage("en", text, { n: 1 })).toBe("1 contact");
    expect(formatMessage("en", text, { n: 2 })).toBe("2 contacts");
    const noExact = "{n, plural, one {# contact} other {# contacts}}";
    expect(formatMessage("en", noExact, { n: 0 })).toBe("0 contacts");
    // French and Brazilian Portuguese count 0 as one; Spanish does not.
    expect(formatMessage("fr", noExact, { n: 0 })).toBe("0 contact");
    expect(formatMessage("pt", noExact, { n: 0 })).toBe("0 contact");
    expect(formatMessage("es", noExact, { n: 0 })).toBe("0 contacts");
  });

  it("writes # as a number of the language, and fills {name} inside and outside the branches", () => {
    const text = "{who}: {n, plural, one {# contact for {members}} other {# contacts for {members}}}.";
    expect(formatMessage("en", text, { who: "A", n: 1234, members: 3 })).toBe("A: 1,234 contacts for 3.");
    expect(formatMessage("es", text, { who: "A", n: 1, members: 3 })).toBe("A: 1 contact for 3.");
    expect(formatMessage("en", "{missing} stays", {})).toBe("{missing} stays");
    // A count the handler already wrote for the language keeps its writing and still picks the branch.
    expect(formatMessage("en", text, { who: "A", n: "10,000", members: 3 })).toBe(
      "A: 10,000 contacts for 3.",
    );
    expect(formatMessage("fr", text, { who: "A", n: "10\u202f000", members: 3 })).toBe(
      "A: 10\u202f000 contacts for 3.",
    );
    expect(formatMessage("es", text, { who: "A", n: "1", members: 3 })).toBe("A: 1 contact for 3.");
    expect(formatMessage("en", "{n, plural, one {#} other {# x}}", {})).toBe(
      "{n, plural, one {#} other {# x}}",
    );
  });

  const precompiled = createPrecompiledViews(bundleTemplates());
  const local = createHandlebarsViews(TEMPLATES, { strict: true });

  const expected: Record<string, Record<string, string>> = {
    "console.confirm.effect.compile": {
      en: "The report will count 1 submitted answer of 1 member invited.",
      es: "El informe contará 1 respuesta enviada de 1 miembro invitado.",
      fr: "Le rapport comptera 1 réponse envoyée sur 1 membre invité.",
      pt: "O relatório contará 1 resposta enviada de 1 membro convidado.",
    },
    "console.import-confirm": {
      en: "Import 1 contact",
      es: "Importar 1 contacto",
      fr: "Importer 1 contact",
      pt: "Importar 1 contato",
    },
    "console.audit-counts.imported-the-directory": {
      en: "1 contact for 1 member",
      es: "1 contacto de 1 miembro",
      fr: "1 contact pour 1 membre",
      pt: "1 contato de 1 membro",
    },
  };
  const params = { submitted: 1, invited: 1, ok: 1, contacts: 1, members: 1 };

  for (const [key, byLang] of Object.entries(expected)) {
    for (const [lang, text] of Object.entries(byLang)) {
      it(`reads singular for a count of 1: ${key} in ${lang}`, () => {
        expect(local.translate(lang, key, params)).toBe(text);
        expect(precompiled.translate(lang, key, params)).toBe(text);
      });
    }
  }

  it("words the report's counts of 1 in the singular, in its language", () => {
    const t = (lang: string) => (key: string) => local.translate(lang, key);
    const one = { answered: 1, notAnswered: 1, notAsked: 1 };
    expect(completionLine(t("es"), one, "es")).toBe("1 respondió · 1 la dejó en blanco · 1 no la recibió");
    expect(completionLine(t("fr"), one, "fr")).toBe("1 a répondu · 1 l'a laissée vide · 1 ne l'a pas reçue");
    expect(completionLine(t("pt"), one, "pt")).toBe("1 respondeu · 1 deixou em branco · 1 não a recebeu");
    // Where a sheet does not know the report's language, 1 still reads singular.
    expect(completionLine(t("es"), one)).toBe("1 respondió · 1 la dejó en blanco · 1 no la recibió");
    const summary = (lang: Language) =>
      fill(t(lang)("report.cooperation-summary"), { needs: 1, offers: 1, matched: 1 }, lang);
    expect(summary("en")).toBe("1 need, 1 offer; 1 need has an offer on the same topic from another member.");
    expect(summary("es")).toBe(
      "1 necesidad, 1 oferta; 1 necesidad tiene una oferta de otro miembro sobre el mismo tema.",
    );
    const intro = (lang: string) =>
      precompiled.translate(lang, "report.answered-of-invited", { answered: 1, invited: 1 });
    expect(intro("en")).toBe("1 of 1 invited member answered.");
    expect(intro("es")).toBe("Respondió 1 de 1 miembro invitado.");
    expect(intro("fr")).toBe("1 du 1 membre invité a répondu.");
    expect(intro("pt")).toBe("Respondeu 1 do 1 membro convidado.");
  });

  it("keeps the plural for other counts", () => {
    expect(local.translate("en", "console.import-confirm", { ok: 2 })).toBe("Import 2 contacts");
    expect(precompiled.translate("pt", "console.import-confirm", { ok: 2 })).toBe("Importar 2 contatos");
  });

  /** Every string of every area and language, by its dotted key. */
  const allStrings = (): { lang: string; key: string; text: string }[] =>
    readdirSync(join(TEMPLATES, "i18n")).flatMap((lang) =>
      readdirSync(join(TEMPLATES, "i18n", lang))
        .filter((f) => f.endsWith(".json"))
        .flatMap((f) => {
          const out: { lang: string; key: string; text: string }[] = [];
          const walk = (node: unknown, key: string) => {
            if (typeof node === "string") out.push({ lang, key, text: node });
            else if (node && typeof node === "object")
              for (const [k, v] of Object.entries(node)) walk(v, key ? `${key}.${k}` : k);
          };
          walk(JSON.parse(readFileSync(join(TEMPLATES, "i18n", lang, f), "utf8")), "");
          return out;
        }),
    );

  it("has every plural well formed, with an other branch, in every string", () => {
    const plurals = allStrings().filter((s) => s.text.includes(", plural,"));
    expect(plurals.length).toBeGreaterThan(100);
    for (const { lang, key, text } of plurals) {
      const names = [...text.matchAll(/\{(\w+), plural,/g)].map((m) => m[1] as string);
      for (const n of [0, 1, 2, 5]) {
        const filled = formatMessage(lang, text, Object.fromEntries(names.map((name) => [name, n])));
        expect(filled, `${lang} ${key}`).not.toMatch(/plural|#/);
      }
      for (const name of names) {
        const start = text.indexOf(`{${name}, plural,`);
        expect(text.slice(start), `${lang} ${key}`).toMatch(/^\{\w+, plural,.*other \{/s);
      }
    }
  });
});
