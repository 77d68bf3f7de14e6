// Build step of every Lambda bundle (cdk/functions.ts): precompiles its copy of templates/ beside it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { precompileTemplates } from "../functions/adapters/handlebars-views.ts";
import { PRECOMPILED_FILE } from "../functions/adapters/precompiled-views.ts";

const [templatesDir] = process.argv.slice(2);
if (!templatesDir) {
  console.error("Usage: node cdk/precompile-templates.ts <bundle>/templates");
  process.exit(2);
}
writeFileSync(join(templatesDir, PRECOMPILED_FILE), precompileTemplates(templatesDir));
