// Bundle sizes: every Lambda bundle as `cdk synth` builds it, with the AWS SDK bundled and left to the runtime.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { App } from "aws-cdk-lib";
import { ConsultaStack } from "../cdk/consulta-stack.ts";
import { bundling, HANDLERS, type HandlerName } from "../cdk/functions.ts";
import { readParameters } from "../cdk/parameters.ts";
import { freshDir, OUT_DIR } from "./fixtures.ts";
import { checkMapping } from "./esbuild-bundles.ts";
import { kb, met, mb, record, table } from "./results.ts";

export type Variant = "sdk-bundled" | "sdk-runtime";
export const VARIANTS: Variant[] = ["sdk-bundled", "sdk-runtime"];
export const VARIANT_LABEL: Record<Variant, string> = {
  "sdk-bundled": "SDK bundled",
  "sdk-runtime": "SDK from the runtime",
};
/** What cdk/functions.ts deploys today. */
export const DEPLOYED: Variant = bundling.bundleAwsSDK ? "sdk-bundled" : "sdk-runtime";

export type Bundle = {
  handler: HandlerName;
  /** The asset folder: index.mjs, its source map, the metafile and templates/. */
  dir: string;
  bytes: number;
  gzipBytes: number;
  /** The three inputs that put the most bytes into the bundle, and the same by package. */
  inputs: { path: string; bytes: number }[];
  packages: { name: string; bytes: number }[];
};
export type Manifest = {
  builtAt: string;
  seconds: Record<Variant, number>;
  bundles: Record<Variant, Bundle[]>;
  /** bench/esbuild-bundles.ts's build of one handler against the CDK-built size: they must be equal. */
  mappingCheck: { handler: HandlerName; esbuildBytes: number; cdkBytes: number };
};

export const MANIFEST = `${OUT_DIR}bundles.json`;

/** Report compilers: compile-report, and the console, which compiles in-process. Their target is 2 MB. */
export const COMPILES_REPORTS: HandlerName[] = ["compile-report", "console"];
export const sizeTarget = (handler: HandlerName) =>
  HANDLERS[handler].trigger !== "http"
    ? undefined
    : COMPILES_REPORTS.includes(handler)
      ? 2 * 2 ** 20
      : 600 * 1024;

const packageOf = (path: string) => {
  const i = path.lastIndexOf("node_modules/");
  if (i < 0) return path.startsWith("functions/") ? "functions/ (ours)" : path;
  const [scope, name] = path.slice(i + "node_modules/".length).split("/");
  return scope?.startsWith("@") ? `${scope}/${name}` : (scope ?? path);
};

const top = <T extends { bytes: number }>(items: T[]) => items.sort((a, b) => b.bytes - a.bytes).slice(0, 3);

/** Synthesizes the real stack with a metafile per bundle; only the SDK switch differs between variants. */
const synthesize = (variant: Variant): Bundle[] => {
  const cdkContext = JSON.parse(readFileSync(new URL("../cdk.json", import.meta.url), "utf8"))
    .context as object;
  // The template's validation has no bearing on the bundles.
  process.env.CDK_VALIDATION = "false";
  const outdir = freshDir(`bundles-${variant}`);
  const app = new App({
    outdir,
    context: { ...cdkContext, senderEmail: "consulta@oas.org", secretariatAllowlist: "secretariat@oas.org" },
  });
  const stack = new ConsultaStack(app, "Bench", {
    parameters: readParameters((key) => app.node.tryGetContext(key)),
    bundling: { metafile: true, bundleAwsSDK: variant === "sdk-bundled" },
  });
  const template = app.synth().getStackByName(stack.stackName).template as {
    Resources: Record<string, { Type: string; Properties: { Description: string; Code: { S3Key: string } } }>;
  };
  return Object.values(template.Resources)
    .filter((r) => r.Type === "AWS::Lambda::Function")
    .map((fn) => {
      const handler = fn.Properties.Description.replace("Consulta ", "") as HandlerName;
      const key = fn.Properties.Code.S3Key;
      return describe(handler, join(outdir, `asset.${key.replace(/\.zip$/, "")}`));
    })
    .sort((a, b) => a.handler.localeCompare(b.handler));
};

/** A bundle's sizes and its largest contributors, from index.mjs and esbuild's metafile beside it. */
const describe = (handler: HandlerName, dir: string): Bundle => {
  const code = readFileSync(join(dir, "index.mjs"));
  const meta = JSON.parse(readFileSync(join(dir, "index.meta.json"), "utf8")) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const output = Object.entries(meta.outputs).find(([path]) => path.endsWith("index.mjs"))![1];
  const inputs = Object.entries(output.inputs).map(([path, i]) => ({ path, bytes: i.bytesInOutput }));
  const byPackage = new Map<string, number>();
  for (const i of inputs) byPackage.set(packageOf(i.path), (byPackage.get(packageOf(i.path)) ?? 0) + i.bytes);
  return {
    handler,
    dir,
    bytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    inputs: top(inputs.map((i) => ({ path: i.path.replace(/^.*node_modules\//, ""), bytes: i.bytes }))),
    packages: top([...byPackage].map(([name, bytes]) => ({ name, bytes }))),
  };
};

/** Builds both variants and writes bench/out/bundles.json for the cold-start benchmark. */
export const buildBundles = async (): Promise<Manifest> => {
  const seconds = {} as Record<Variant, number>;
  const bundles = {} as Record<Variant, Bundle[]>;
  for (const variant of VARIANTS) {
    const started = performance.now();
    bundles[variant] = synthesize(variant);
    seconds[variant] = (performance.now() - started) / 1000;
  }
  const probe: HandlerName = "respondent-form";
  const mappingCheck = {
    handler: probe,
    esbuildBytes: await checkMapping(probe),
    cdkBytes: bundles["sdk-bundled"].find((b) => b.handler === probe)!.bytes,
  };
  const manifest: Manifest = { builtAt: new Date().toISOString(), seconds, bundles, mappingCheck };
  writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2));
  return manifest;
};

export const readManifest = (): Manifest => JSON.parse(readFileSync(MANIFEST, "utf8")) as Manifest;

const report = (m: Manifest) => {
  const sections = VARIANTS.map((variant) => {
    const rows = m.bundles[variant].map((b) => {
      const target = sizeTarget(b.handler);
      return [
        b.handler,
        HANDLERS[b.handler].trigger,
        kb(b.bytes),
        kb(b.gzipBytes),
        target === undefined
          ? "none"
          : `< ${target >= 2 ** 20 ? mb(target) : kb(target)}: ${met(b.bytes < target)}`,
        b.packages.map((p) => `${p.name} ${kb(p.bytes)}`).join(", "),
        b.inputs.map((i) => `${i.path} ${kb(i.bytes)}`).join(", "),
      ];
    });
    const http = m.bundles[variant].filter((b) => sizeTarget(b.handler) !== undefined);
    const missed = http.filter((b) => b.bytes >= sizeTarget(b.handler)!);
    return [
      `### ${VARIANT_LABEL[variant]}${variant === DEPLOYED ? " (deployed)" : ""}: synth ${m.seconds[variant].toFixed(0)} s`,
      "",
      table(
        ["handler", "trigger", "minified", "gzip -9", "target", "largest packages", "largest inputs"],
        rows,
      ),
      "",
      variant === "sdk-runtime"
        ? "The runtime provides @aws-sdk/* and @smithy/*; these bundles import them (not counted above)."
        : `Size targets (issue 8, SDK included): ${http.length - missed.length} of ${http.length} HTTP bundles met; ` +
          (missed.length
            ? `missed by ${missed.map((b) => `${b.handler} +${kb(b.bytes - sizeTarget(b.handler)!)}`).join(", ")}.`
            : "all met."),
    ].join("\n");
  });
  const check = m.mappingCheck;
  record(
    "Bundles",
    [
      ...sections,
      `The cold-start comparisons build ${check.handler} with cdk/functions.ts's options run directly ` +
        `(bench/esbuild-bundles.ts): ${check.esbuildBytes} bytes, against ${check.cdkBytes} by cdk synth.`,
    ].join("\n\n"),
  );
};

if (import.meta.main) report(await buildBundles());
