// Views: precompiled handlebars templates and per-language strings, with only handlebars' runtime.
//
// Templates arrive as specifications (what `Handlebars.precompile` makes): built beside each Lambda's
// bundle at synth, compiled in-process from templates/ locally; each is loaded when first rendered. The
// compiler is 90 KB of bundle, and compiling the form's template took 92 ms of a respondent's cold start.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { HelperOptions } from "handlebars";
import HandlebarsRuntime from "handlebars/runtime.js";
import { formatMessage } from "../core/message-format.ts";
import type { Views } from "../core/ports.ts";

/** What `Handlebars.precompile` makes of one template: an object of functions, opaque to us. */
type TemplateSpecification = object;

/**
 * Where the templates come from: their names (templates as "web/form", partials by their own name,
 * "head"), and each one's specification, loaded on its first use: a cold start reads only what it renders.
 */
export type TemplateSource = {
  templates: string[];
  partials: string[];
  load(kind: "template" | "partial", name: string): TemplateSpecification;
};

/** What this module uses of the runtime, whose package ships no types of its own. */
type Environment = {
  registerHelper(name: string, fn: (...args: never[]) => unknown): void;
  registerPartial(name: string, partial: Template): void;
  template(spec: TemplateSpecification): Template;
};
type Template = (context: unknown, options?: unknown) => string;
const runtime = HandlebarsRuntime as unknown as { create(): Environment };

type Strings = Record<string, unknown>;

const lookup = (strings: Strings | undefined, key: string): string | undefined => {
  let node: unknown = strings;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Strings)[part];
  }
  return typeof node === "string" ? node : undefined;
};

/** Plain-text emails and subjects are not HTML: escaping would show "&amp;" to the reader. */
export const compileOptionsFor = (name: string) => ({
  strict: false,
  preventIndent: true,
  noEscape: name.endsWith(".txt") || name.endsWith("-subject"),
});

/**
 * `strict`: a key missing in the asked language throws instead of reading the English string. Tests
 * use it to prove a page or report is wholly in its language; people get English over an error.
 */
export type ViewOptions = { strict?: boolean };

export const viewsFromTemplates = (
  templatesDir: string,
  source: TemplateSource,
  { strict = false }: ViewOptions = {},
): Views => {
  const hbs = runtime.create();
  // Strings live in i18n/<lang>/<area>.json; the areas of a language are merged into one tree, read the
  // first time that language is asked for (most cold starts render one language, or none).
  const languages = new Set(readdirSync(join(templatesDir, "i18n")));
  const strings = new Map<string, Strings | undefined>();
  const stringsOf = (lang: string): Strings | undefined => {
    if (!strings.has(lang)) {
      let merged: Strings | undefined;
      if (languages.has(lang)) {
        merged = {};
        const dir = join(templatesDir, "i18n", lang);
        for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
          Object.assign(merged, JSON.parse(readFileSync(join(dir, file), "utf8")));
        }
      }
      strings.set(lang, merged);
    }
    return strings.get(lang);
  };
  const translate = (lang: string, key: string, params: Record<string, unknown> = {}) => {
    const text = lookup(stringsOf(lang), key) ?? (strict ? undefined : lookup(stringsOf("en"), key));
    if (text === undefined) throw new Error(`Missing string "${key}"${strict ? ` in ${lang}` : ""}`);
    return formatMessage(lang, text, params);
  };
  const pageLanguage = (options: HelperOptions) => (options.data.root as { lang: string }).lang;

  hbs.registerHelper("t", function (this: unknown, key: string, options: HelperOptions) {
    return translate((options.hash.lang as string | undefined) ?? pageLanguage(options), key, options.hash);
  });
  hbs.registerHelper(
    "errorText",
    function (code: string, params: Record<string, unknown>, options: HelperOptions) {
      return translate(pageLanguage(options), `errors.${code}`, params ?? {});
    },
  );
  // Console dates: in the page's language, at the campaign's time (`zone=`, or the page's `timeZone`),
  // else the OAS headquarters'. One formatter per language and zone, built when first used.
  const dateFormats = new Map<string, Intl.DateTimeFormat>();
  hbs.registerHelper("date", function (iso: unknown, options: HelperOptions) {
    if (typeof iso !== "string" || !iso) return "";
    const lang = pageLanguage(options);
    const zone =
      (options.hash.zone as string | undefined) ??
      (options.data.root as { timeZone?: string }).timeZone ??
      "America/New_York";
    let format = dateFormats.get(`${lang}|${zone}`);
    if (!format)
      dateFormats.set(
        `${lang}|${zone}`,
        (format = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone: zone })),
      );
    return format.format(new Date(iso));
  });
  hbs.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hbs.registerHelper("concat", (...args: unknown[]) => args.slice(0, -1).join(""));
  hbs.registerHelper("barWidth", (n: unknown) => (typeof n === "number" ? Math.round(n * 12) : 0));
  hbs.registerHelper("inc", (n: number) => n + 1);
  hbs.registerHelper("dec", (n: number) => n - 1);
  hbs.registerHelper("fixed", (n: unknown, digits: number) =>
    typeof n === "number" ? n.toFixed(digits) : "–",
  );

  const loaded = new Map<string, Template>();
  const loadOnce = (kind: "template" | "partial", name: string): Template => {
    const key = `${kind}:${name}`;
    let fn = loaded.get(key);
    if (!fn) loaded.set(key, (fn = hbs.template(source.load(kind, name))));
    return fn;
  };
  // A partial is called as its template would be (context and options), once loaded.
  for (const name of source.partials) {
    hbs.registerPartial(name, (context, options) => loadOnce("partial", name)(context, options));
  }
  const templates = new Set(source.templates);

  return {
    render(template, context) {
      if (!templates.has(template)) throw new Error(`No template "${template}"`);
      return loadOnce("template", template)(context);
    },
    translate: (lang, key, params) => translate(lang, key, params),
  };
};
