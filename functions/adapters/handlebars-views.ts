// Views compiled from templates/ in this process: the local stack, the tests, and the build's precompiler.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import Handlebars from "handlebars";
import type { Views } from "../core/ports.ts";
import { PRECOMPILED_DIR, precompiledFile, type PrecompiledIndex } from "./precompiled-views.ts";
import {
  compileOptionsFor,
  viewsFromTemplates,
  type TemplateSource,
  type ViewOptions,
} from "./template-views.ts";

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );

/** Every .hbs file of templates/: a template by its path ("web/form"), a partial by its own name ("head"). */
const templateFiles = (templatesDir: string) =>
  walk(templatesDir)
    .filter((file) => file.endsWith(".hbs"))
    .sort()
    .map((file) => {
      const path = relative(templatesDir, file).slice(0, -4).split("\\").join("/");
      const partial = path.split("/partials/")[1];
      return partial
        ? { kind: "partial" as const, name: partial, path, file }
        : { kind: "template" as const, name: path, path, file };
    });

/** One template as the JavaScript source of its specification. */
const precompile = (file: { path: string; file: string }) =>
  Handlebars.precompile(readFileSync(file.file, "utf8"), compileOptionsFor(file.path)) as unknown as string;

/** The build step: templates/compiled/, one CommonJS module per template and an index of their names. */
export const writePrecompiledTemplates = (templatesDir: string) => {
  const files = templateFiles(templatesDir);
  const index: PrecompiledIndex = { templates: [], partials: [] };
  for (const f of files) {
    const out = join(templatesDir, PRECOMPILED_DIR, precompiledFile(f.kind, f.name));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(
      out,
      `// Generated from templates/${f.path}.hbs: do not edit.\nmodule.exports = ${precompile(f)};\n`,
    );
    index[f.kind === "template" ? "templates" : "partials"].push(f.name);
  }
  writeFileSync(join(templatesDir, PRECOMPILED_DIR, "index.json"), JSON.stringify(index));
};

export const createHandlebarsViews = (templatesDir: string, options: ViewOptions = {}): Views => {
  const files = templateFiles(templatesDir);
  const source: TemplateSource = {
    templates: files.filter((f) => f.kind === "template").map((f) => f.name),
    partials: files.filter((f) => f.kind === "partial").map((f) => f.name),
    load(kind, name) {
      const file = files.find((f) => f.kind === kind && f.name === name);
      if (!file) throw new Error(`No ${kind} "${name}"`);
      // Our own template, compiled a moment ago: evaluating it is what requiring the built file does.
      return new Function(`return ${precompile(file)};`)() as object;
    },
  };
  return viewsFromTemplates(templatesDir, source, options);
};
