// Views in a Lambda: the templates precompiled at synth into templates/compiled/ beside the bundle.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Views } from "../core/ports.ts";
import { viewsFromTemplates } from "./template-views.ts";

export const PRECOMPILED_DIR = "compiled";

export type PrecompiledIndex = { templates: string[]; partials: string[] };

/** Where the build writes a template's module, relative to templates/compiled/. */
export const precompiledFile = (kind: "template" | "partial", name: string) =>
  `${kind === "template" ? "templates" : "partials"}/${name}.cjs`;

export const createPrecompiledViews = (templatesDir: string): Views => {
  const dir = join(templatesDir, PRECOMPILED_DIR);
  const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as PrecompiledIndex;
  const require = createRequire(import.meta.url);
  return viewsFromTemplates(templatesDir, {
    ...index,
    load: (kind, name) => require(join(dir, precompiledFile(kind, name))) as object,
  });
};
