// cdk/functions.ts's esbuild options run directly: one handler built with or without some of its
// aliases, for the paired comparisons of the cold-start benchmark; checked against what cdk synth builds.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { bundling, type HandlerName } from "../cdk/functions.ts";
import { freshDir } from "./fixtures.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** cdk/functions.ts's --alias arguments; any other extra argument would need mapping here. */
const cdkAliases = (): Record<string, string> => {
  const { "--alias": aliases, ...others } = bundling.esbuildArgs ?? {};
  if (Object.keys(others).length)
    throw new Error(`Map ${Object.keys(others).join(", ")} in bench/esbuild-bundles.ts`);
  return Object.fromEntries(
    [aliases ?? []].flat().map((a) => {
      const i = String(a).indexOf("=");
      return [String(a).slice(0, i), String(a).slice(i + 1)];
    }),
  );
};

/**
 * A handler built with cdk/functions.ts's bundling options, SDK bundled, leaving out the aliases named in
 * `without`; returns its folder. With none left out, it must be the size cdk synth builds (`checkMapping`).
 */
export const buildAsDeployed = async (handler: HandlerName, options: { without?: string[] } = {}) => {
  const without = options.without ?? [];
  const outdir = join(
    freshDir(`bundles-as-deployed-${without.join("-").replace(/\W/g, "") || "all"}`),
    handler,
  );
  const result = await build({
    entryPoints: [join(ROOT, "functions/handlers", `${handler}.ts`)],
    outfile: join(outdir, "index.mjs"),
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    format: "esm",
    target: bundling.target,
    mainFields: bundling.mainFields,
    banner: { js: bundling.banner! },
    minify: bundling.minify,
    keepNames: bundling.keepNames,
    sourcemap: bundling.sourceMap,
    sourcesContent: bundling.sourcesContent,
    metafile: true,
    logLevel: "warning",
    alias: Object.fromEntries(Object.entries(cdkAliases()).filter(([name]) => !without.includes(name))),
  });
  writeFileSync(join(outdir, "index.meta.json"), JSON.stringify(result.metafile));
  return outdir;
};

export const checkMapping = async (handler: HandlerName) =>
  readFileSync(join(await buildAsDeployed(handler), "index.mjs")).length;
