// Build step of every Lambda bundle (cdk/functions.ts): the large, rarely used packages as modules beside it.
// The handler's bundle leaves them external (`import("exceljs")`, functions/core/excel.ts; nodemailer in
// functions/adapters/mime-message.ts and smtp-mailer.ts), so its cold start neither parses nor compiles
// them; Node finds these copies in the bundle's node_modules/ the first time a request needs one. A
// bundle that never imports a package gets no copy of it.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { ALIASES, BESIDE, bundling, importedBeside } from "./functions.ts";

const [inputDir, outputDir] = process.argv.slice(2);
if (!inputDir || !outputDir) {
  console.error("Usage: node cdk/modules-beside.ts <project root> <bundle folder>");
  process.exit(2);
}

for (const name of importedBeside(readFileSync(join(outputDir, "index.mjs"), "utf8"))) {
  const dir = join(outputDir, "node_modules", name);
  const exports: Record<string, string> = {};
  for (const [subpath, file] of Object.entries(BESIDE[name]!)) {
    await build({
      // The code imports each one's default export (the module's exports, for a CommonJS package).
      stdin: {
        contents: `export { default } from "${join(name, subpath)}";`,
        resolveDir: inputDir,
        loader: "js",
      },
      outfile: join(dir, file),
      absWorkingDir: inputDir,
      bundle: true,
      platform: "node",
      format: "esm",
      target: bundling.target,
      mainFields: bundling.mainFields,
      banner: { js: bundling.banner! },
      minify: bundling.minify,
      keepNames: bundling.keepNames,
      logLevel: "warning",
      alias: ALIASES,
    });
    exports[subpath] = `./${file}`;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, type: "module", exports }));
}
