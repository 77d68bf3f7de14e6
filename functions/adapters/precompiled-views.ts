// Views in a Lambda: the templates precompiled at synth into templates/compiled.cjs beside the bundle.
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Views } from "../core/ports.ts";
import { viewsFromTemplates, type TemplateSpecs } from "./template-views.ts";

export const PRECOMPILED_FILE = "compiled.cjs";

export const createPrecompiledViews = (templatesDir: string): Views =>
  viewsFromTemplates(
    templatesDir,
    createRequire(import.meta.url)(join(templatesDir, PRECOMPILED_FILE)) as TemplateSpecs,
  );
