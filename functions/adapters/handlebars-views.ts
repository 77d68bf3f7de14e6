// Views compiled from templates/ in this process: the local stack, the tests, and the build's precompiler.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import Handlebars from "handlebars";
import type { Views } from "../core/ports.ts";
import { compileOptionsFor, viewsFromTemplates, type TemplateSpecs } from "./template-views.ts";

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );

/**
 * templates/ as the source of a CommonJS module exporting its `TemplateSpecs`: what the build writes
 * beside each Lambda's bundle, and what this process evaluates locally, so both render the same way.
 */
export const precompileTemplates = (templatesDir: string): string => {
  const entries = { templates: [] as string[], partials: [] as string[] };
  for (const file of walk(templatesDir).sort()) {
    if (!file.endsWith(".hbs")) continue;
    const name = relative(templatesDir, file).slice(0, -4).split("\\").join("/");
    const spec = Handlebars.precompile(
      readFileSync(file, "utf8"),
      compileOptionsFor(name),
    ) as unknown as string;
    if (name.includes("/partials/")) {
      entries.partials.push(`${JSON.stringify(name.split("/partials/")[1])}: ${spec}`);
    } else entries.templates.push(`${JSON.stringify(name)}: ${spec}`);
  }
  const object = (list: string[]) => `{\n${list.join(",\n")}\n}`;
  return `// Generated from templates/ by Handlebars.precompile: do not edit.\nmodule.exports = {\ntemplates: ${object(entries.templates)},\npartials: ${object(entries.partials)}\n};\n`;
};

export const createHandlebarsViews = (templatesDir: string): Views => {
  const module = { exports: {} as TemplateSpecs };
  // Our own templates, compiled a moment ago: evaluating them is what loading the built file does.
  new Function("module", precompileTemplates(templatesDir))(module);
  return viewsFromTemplates(templatesDir, module.exports);
};
