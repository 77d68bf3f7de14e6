// Views: handlebars templates and per-language strings, loaded once from the templates folder.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import Handlebars from "handlebars";
import type { Views } from "../core/ports.ts";

type Strings = Record<string, unknown>;

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );

const lookup = (strings: Strings | undefined, key: string): string | undefined => {
  let node: unknown = strings;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Strings)[part];
  }
  return typeof node === "string" ? node : undefined;
};

const interpolate = (text: string, params: Record<string, unknown>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

export const createHandlebarsViews = (templatesDir: string): Views => {
  const hbs = Handlebars.create();
  // Strings live in i18n/<lang>/<area>.json; the areas of a language are merged into one tree.
  const strings: Record<string, Strings> = {};
  for (const lang of readdirSync(join(templatesDir, "i18n"))) {
    const merged: Strings = {};
    for (const file of readdirSync(join(templatesDir, "i18n", lang)).filter((f) => f.endsWith(".json"))) {
      Object.assign(merged, JSON.parse(readFileSync(join(templatesDir, "i18n", lang, file), "utf8")));
    }
    strings[lang] = merged;
  }
  const translate = (lang: string, key: string, params: Record<string, unknown> = {}) => {
    const text = lookup(strings[lang], key) ?? lookup(strings.en, key);
    if (text === undefined) throw new Error(`Missing string "${key}"`);
    return interpolate(text, params);
  };

  hbs.registerHelper("t", function (this: unknown, key: string, options: Handlebars.HelperOptions) {
    const lang = (options.hash.lang as string | undefined) ?? (options.data.root as { lang: string }).lang;
    return translate(lang, key, options.hash);
  });
  hbs.registerHelper(
    "errorText",
    function (code: string, params: Record<string, unknown>, options: Handlebars.HelperOptions) {
      return translate((options.data.root as { lang: string }).lang, `errors.${code}`, params ?? {});
    },
  );
  // Console dates: in the page's language, at the OAS headquarters' time.
  hbs.registerHelper("date", function (iso: unknown, options: Handlebars.HelperOptions) {
    if (typeof iso !== "string" || !iso) return "";
    const lang = (options.data.root as { lang: string }).lang;
    return new Intl.DateTimeFormat(lang, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "America/New_York",
    }).format(new Date(iso));
  });
  hbs.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hbs.registerHelper("concat", (...args: unknown[]) => args.slice(0, -1).join(""));
  hbs.registerHelper("barWidth", (n: unknown) => (typeof n === "number" ? Math.round(n * 12) : 0));
  hbs.registerHelper("inc", (n: number) => n + 1);
  hbs.registerHelper("dec", (n: number) => n - 1);
  hbs.registerHelper("fixed", (n: unknown, digits: number) =>
    typeof n === "number" ? n.toFixed(digits) : "–",
  );

  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of walk(templatesDir)) {
    if (!file.endsWith(".hbs")) continue;
    const name = relative(templatesDir, file).slice(0, -4).split("\\").join("/");
    const source = readFileSync(file, "utf8");
    if (name.includes("/partials/")) hbs.registerPartial(name.split("/partials/")[1] as string, source);
    else {
      // Plain-text emails and subjects are not HTML: escaping would show "&amp;" to the reader.
      const plain = name.endsWith(".txt") || name.endsWith("-subject");
      compiled.set(name, hbs.compile(source, { strict: false, preventIndent: true, noEscape: plain }));
    }
  }

  return {
    render(template, context) {
      const fn = compiled.get(template);
      if (!fn) throw new Error(`No template "${template}"`);
      return fn(context);
    },
    translate: (lang, key) => translate(lang, key),
  };
};
