// Build step of every Lambda bundle (cdk/functions.ts): the large, rarely used packages as modules beside it.
// The handler's bundle leaves them external (`import("exceljs")`, functions/core/excel.ts; nodemailer in
// functions/adapters/mime-message.ts and smtp-mailer.ts; pdfmake in pdf-documents.ts), so its cold start
// neither parses nor compiles them; Node finds these copies in the bundle's node_modules/ the first time a request needs one. A
// bundle that never imports a package gets no copy of it.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import {
  ALIASES,
  BESIDE,
  BESIDE_EXPORTS,
  BESIDE_FILES,
  BESIDE_NAMED,
  bundling,
  importedBeside,
} from "./functions.ts";

// A CommonJS package that names files by __dirname (pdfmake's virtual file system does) finds its own
// folder: an ES module has no __dirname of its own.
const DIRNAME = "const __dirname = import.meta.dirname;";

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
      // The code imports each one's default export (the module's exports, for a CommonJS package),
      // or, for an ES module without one, its named exports.
      stdin: {
        contents: BESIDE_EXPORTS[name]
          ? `export { ${BESIDE_EXPORTS[name].join(", ")} } from "${join(name, subpath)}";`
          : BESIDE_NAMED.has(name)
            ? `export * from "${join(name, subpath)}";`
            : `export { default } from "${join(name, subpath)}";`,
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
      banner: { js: `${bundling.banner!} ${DIRNAME}` },
      minify: bundling.minify,
      keepNames: bundling.keepNames,
      logLevel: "warning",
      alias: ALIASES,
    });
    exports[subpath] = `./${file}`;
  }
  for (const folder of BESIDE_FILES[name] ?? []) {
    cpSync(join(inputDir, "node_modules", name, folder), join(dir, folder), { recursive: true });
    exports[`./${folder}/*`] = `./${folder}/*`;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, type: "module", exports }));
}
