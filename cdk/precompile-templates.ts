// Build step of every Lambda bundle (cdk/functions.ts): precompiles its copy of templates/ beside it.
import { writePrecompiledTemplates } from "../functions/adapters/handlebars-views.ts";

const [templatesDir] = process.argv.slice(2);
if (!templatesDir) {
  console.error("Usage: node cdk/precompile-templates.ts <bundle>/templates");
  process.exit(2);
}
writePrecompiledTemplates(templatesDir);
