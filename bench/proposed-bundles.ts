// What-if bundles: cdk/functions.ts's esbuild options on functions/ with the size changes proposed for issue 8.
//
// Two changes, made as esbuild reads the sources (functions/ itself is not touched): `import * as z from
// "zod"` instead of `import { z } from "zod"` (the named `z` is a namespace object esbuild cannot
// tree-shake: every locale ships), and each handler bundling only the AWS SDK clients its line in
// HANDLERS needs (the others replaced by stubs, which is what constructing ports per handler would
// leave out).
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import { bundling, HANDLERS, HANDLER_NAMES, type HandlerName } from "../cdk/functions.ts";
import { freshDir } from "./fixtures.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );

/** The SDK packages a handler's ports use: DynamoDB always, the rest as its grants say. */
const sdkNeeds = (handler: HandlerName) => {
  const spec = HANDLERS[handler];
  return new Set([
    "@aws-sdk/client-dynamodb",
    "@aws-sdk/lib-dynamodb",
    ...(spec.queuesEmail ? ["@aws-sdk/client-sqs"] : []),
    ...(spec.sendsEmail ? ["@aws-sdk/client-sesv2"] : []),
    ...(spec.writesReports || spec.readsReports ? ["@aws-sdk/client-s3"] : []),
    ...(spec.readsReports ? ["@aws-sdk/s3-request-presigner"] : []),
    ...(spec.admin || spec.signsSessions ? ["@aws-sdk/client-secrets-manager"] : []),
  ]);
};

/** cdk/functions.ts's --alias arguments; any other extra argument would need mapping here. */
const cdkAliases = (): Record<string, string> => {
  const { "--alias": aliases, ...others } = bundling.esbuildArgs ?? {};
  if (Object.keys(others).length)
    throw new Error(`Map ${Object.keys(others).join(", ")} in bench/proposed-bundles.ts`);
  return Object.fromEntries(
    [aliases ?? []].flat().map((a) => {
      const i = String(a).indexOf("=");
      return [String(a).slice(0, i), String(a).slice(i + 1)];
    }),
  );
};

type Changes = {
  /** Packages replaced, on top of cdk/functions.ts's own aliases (or instead of them: `cdkAliases: false`). */
  alias?: Record<string, string>;
  cdkAliases?: boolean;
  plugins?: Plugin[];
};

/** cdk/functions.ts's bundling options, as the esbuild command NodejsFunction runs them, SDK bundled. */
const esbuildOptions = (entry: string, outdir: string, changes: Changes = {}) => ({
  entryPoints: [entry],
  outfile: join(outdir, "index.mjs"),
  absWorkingDir: ROOT,
  bundle: true,
  platform: "node" as const,
  format: "esm" as const,
  target: bundling.target,
  mainFields: bundling.mainFields,
  banner: { js: bundling.banner! },
  minify: bundling.minify,
  keepNames: bundling.keepNames,
  sourcemap: bundling.sourceMap,
  sourcesContent: bundling.sourcesContent,
  metafile: true,
  logLevel: "warning" as const,
  alias: { ...(changes.cdkAliases === false ? {} : cdkAliases()), ...changes.alias },
  plugins: changes.plugins ?? [],
});

const NAMED_ZOD = /import \{ z \} from "zod";/g;

/** Change 1, as esbuild loads each of our sources. */
const namespaceZod: Plugin = {
  name: "namespace-zod",
  setup(b) {
    const ours = new RegExp(`^${join(ROOT, "functions").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/.*\\.ts$`);
    b.onLoad({ filter: ours }, (args) => ({
      contents: readFileSync(args.path, "utf8").replace(NAMED_ZOD, 'import * as z from "zod";'),
      loader: "ts",
    }));
  },
};

/** Builds every handler, the SDK bundled (the size targets count it); returns where each bundle is. */
export const buildProposed = async (): Promise<{ handler: HandlerName; dir: string }[]> => {
  const dir = freshDir("bundles-proposed");
  // The SDK names our sources import, package by package: what a stub must export.
  const imported = new Map<string, Set<string>>();
  for (const file of walk(join(ROOT, "functions")).filter((f) => f.endsWith(".ts"))) {
    for (const m of readFileSync(file, "utf8").matchAll(
      /import\s*\{([^}]*)\}\s*from\s*"(@aws-sdk\/[^"]+)"/g,
    )) {
      const names = m[1]!
        .split(",")
        .map((n) => n.trim())
        .filter((n) => n && !n.startsWith("type "));
      imported.set(m[2]!, new Set([...(imported.get(m[2]!) ?? []), ...names]));
    }
  }
  // Change 2: stubs for the SDK packages a handler does not use (never called on the paths it runs).
  const stubs = join(dir, "stubs");
  mkdirSync(stubs, { recursive: true });
  const stubOf = (pkg: string) => {
    const file = join(stubs, `${pkg.replace(/\W/g, "-")}.mjs`);
    const names = [...(imported.get(pkg) ?? [])];
    writeFileSync(
      file,
      names
        .map((n) => `export function ${n}() { throw new Error("${pkg} is not in this bundle"); }`)
        .join("\n"),
    );
    return file;
  };
  const out: { handler: HandlerName; dir: string }[] = [];
  for (const handler of HANDLER_NAMES) {
    const needs = sdkNeeds(handler);
    const alias = Object.fromEntries(
      [...imported.keys()].filter((p) => !needs.has(p)).map((p) => [p, stubOf(p)]),
    );
    const outdir = join(dir, handler);
    const entry = join(ROOT, "functions/handlers", `${handler}.ts`);
    const result = await build(esbuildOptions(entry, outdir, { alias, plugins: [namespaceZod] }));
    writeFileSync(join(outdir, "index.meta.json"), JSON.stringify(result.metafile));
    cpSync(join(ROOT, "templates"), join(outdir, "templates"), { recursive: true });
    out.push({ handler, dir: outdir });
  }
  return out;
};

/**
 * A handler built from the unchanged source with these options, SDK bundled, with or without
 * cdk/functions.ts's node:http alias; returns its folder. With the alias, it must be the size cdk synth builds.
 */
export const buildAsDeployed = async (handler: HandlerName, options: { httpAlias: boolean }) => {
  const outdir = join(freshDir(`bundles-as-deployed-${options.httpAlias ? "alias" : "no-alias"}`), handler);
  await build(
    esbuildOptions(join(ROOT, "functions/handlers", `${handler}.ts`), outdir, {
      cdkAliases: options.httpAlias,
    }),
  );
  return outdir;
};

export const checkMapping = async (handler: HandlerName) =>
  readFileSync(join(await buildAsDeployed(handler, { httpAlias: true }), "index.mjs")).length;
