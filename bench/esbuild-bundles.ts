// cdk/functions.ts's esbuild options run directly: one handler built with or without some of its
// aliases, for the paired comparisons of the cold-start benchmark; checked against what cdk synth builds.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { ALIASES, bundling, type HandlerName } from "../cdk/functions.ts";
import { freshDir } from "./fixtures.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** cdk/functions.ts's extra esbuild arguments: its aliases and externals; any other would need mapping here. */
const cdkArgs = () => {
  const { "--alias": _aliases, "--external": external, ...others } = bundling.esbuildArgs ?? {};
  if (Object.keys(others).length)
    throw new Error(`Map ${Object.keys(others).join(", ")} in bench/esbuild-bundles.ts`);
  return { aliases: ALIASES, external: [external ?? []].flat().map(String) };
};

/**
 * A handler built with cdk/functions.ts's bundling options, SDK bundled, leaving out the aliases named in
 * `without`; returns its folder. With none left out, it must be the size cdk synth builds (`checkMapping`).
 */
export const buildAsDeployed = (handler: HandlerName, options: { without?: string[] } = {}) => {
  const without = options.without ?? [];
  const outdir = join(
    freshDir(`bundles-as-deployed-${without.join("-").replace(/\W/g, "") || "all"}`),
    handler,
  );
  const alias = Object.fromEntries(
    Object.entries(cdkArgs().aliases).filter(([name]) => !without.includes(name)),
  );
  return buildWith(join(ROOT, "functions/handlers", `${handler}.ts`), outdir, alias);
};

/**
 * The floor a handler's cold start is measured against (issue 19): bench/ddb-min.ts, which imports only
 * the DynamoDB client and its document client, built with the same options.
 */
export const buildFloor = () =>
  buildWith(join(ROOT, "bench/ddb-min.ts"), freshDir("bundles-ddb-min"), cdkArgs().aliases);

const buildWith = async (entry: string, outdir: string, alias: Record<string, string>) => {
  const result = await build({
    entryPoints: [entry],
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
    external: cdkArgs().external,
    alias,
  });
  writeFileSync(join(outdir, "index.meta.json"), JSON.stringify(result.metafile));
  return outdir;
};

export const checkMapping = async (handler: HandlerName) =>
  readFileSync(join(await buildAsDeployed(handler), "index.mjs")).length;
