// Build step of the Lambda bundles that write or read a workbook (cdk/functions.ts): exceljs as a module of its own.
// The handler's bundle leaves exceljs external (`import("exceljs")`, functions/core/excel.ts), so its
// cold start neither parses nor compiles exceljs and what it carries (jszip, bluebird, archiver, ~1 MB);
// Node finds this copy in the bundle's node_modules/ the first time a request needs it. A bundle that
// never imports it gets nothing.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { ALIASES, bundling, IMPORTS_EXCELJS } from "./functions.ts";

const [inputDir, outputDir] = process.argv.slice(2);
if (!inputDir || !outputDir) {
  console.error("Usage: node cdk/exceljs-beside.ts <project root> <bundle folder>");
  process.exit(2);
}
if (IMPORTS_EXCELJS.test(readFileSync(join(outputDir, "index.mjs"), "utf8"))) {
  const dir = join(outputDir, "node_modules", "exceljs");
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [join(inputDir, "node_modules", "exceljs")],
    outfile: join(dir, "index.mjs"),
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
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "exceljs", type: "module", main: "index.mjs" }),
  );
}
