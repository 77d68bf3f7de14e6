// Translator on the embedded stack: Debian's Apertium, run as a command, many texts per run.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Language } from "../core/languages.ts";
import { translationRoute } from "../core/translation/routes.ts";
import type { TranslationOutcome, Translator } from "../core/translation/ports.ts";

/**
 * Debian's modes for each pair. Portuguese is Brazil's (pt_BR): Brazil is the OAS's only
 * Portuguese-speaking member, and the plain es-pt mode writes Portugal's spelling ("inspecção").
 */
export const APERTIUM_MODES: Partial<Record<`${Language}-${Language}`, string>> = {
  "en-es": "eng-spa",
  "es-en": "spa-eng",
  "es-fr": "es-fr",
  "fr-es": "fr-es",
  "es-pt": "es-pt_BR",
  "pt-es": "pt-es",
};

/**
 * Put between texts of one run. Tested on every mode: a line of its own that no mode translates or
 * moves, and that Apertium's text format treats as a paragraph break, so one text's last sentence
 * never runs into the next one's first.
 */
const SEPARATOR = "\n\n§§§\n\n";
const SEPARATOR_LINE = /\n[ \t]*§§§[ \t]*\n/;

export type ApertiumOptions = {
  /** The `apertium` command; a path that does not exist makes every pair "unavailable". */
  command?: string;
  modes?: Partial<Record<`${Language}-${Language}`, string>>;
  /** A run that takes longer is killed and its texts "failed". */
  timeoutMs?: number;
  /**
   * Most characters in one run: memory and the timeout stay bounded. Below that, a call's texts are
   * shared evenly among `runsAtOnce` runs (none under 20,000 characters): each run costs a process
   * start per step (~0.1 s of CPU), so a few large runs, one per core, are fastest.
   */
  charsPerRun?: number;
  /** Runs at once across all calls (a two-step route is two processes per run). */
  runsAtOnce?: number;
};

const MIN_RUN = 20_000;

/** At most `limit` tasks at once; the rest wait their turn in order. */
const limiter = (limit: number) => {
  let running = 0;
  const queue: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      queue.shift()?.();
    }
  };
};

/** Texts grouped into runs of about `chars` characters; a text holding the separator runs alone. */
const runsOf = (texts: readonly string[], chars: number): string[][] => {
  const runs: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const text of texts) {
    const alone = text.includes("§§§");
    if (current.length && (alone || size + text.length > chars)) {
      runs.push(current);
      current = [];
      size = 0;
    }
    current.push(text);
    size += text.length;
    if (alone) {
      runs.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length) runs.push(current);
  return runs;
};

export const createApertiumTranslator = ({
  command = "apertium",
  modes = APERTIUM_MODES,
  timeoutMs = 60_000,
  charsPerRun = 150_000,
  runsAtOnce = 2,
}: ApertiumOptions = {}): Translator => {
  const queued = limiter(runsAtOnce);

  /** `apertium -l` once it has worked: the installed modes, or why there are none (asked again next call). */
  let installed: Promise<{ modes: Set<string>; missing?: string }> | undefined;
  const installedModes = async () => {
    installed ??= new Promise((resolve) => {
      const child = spawn(command, ["-l"], { stdio: ["ignore", "pipe", "ignore"] });
      let out = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
      child.on("error", (error) =>
        resolve({ modes: new Set(), missing: `${command} cannot be run (${error.message})` }),
      );
      child.on("close", (code) =>
        code === 0
          ? resolve({ modes: new Set(out.split(/\s+/).filter(Boolean)) })
          : resolve({ modes: new Set(), missing: `${command} -l exited with ${code}` }),
      );
    });
    const found = await installed;
    if (found.missing) installed = undefined;
    return found;
  };

  /**
   * One process, reading a file: the apertium script opens /dev/stdin by name, which fails on the
   * socket Node gives a child as stdin (and the script still exits 0 with nothing written).
   */
  const runStep = (mode: string, file: string) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(command, ["-u", mode, file], { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let errors = "";
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`apertium ${mode} took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (errors += d));
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(new Error(error.message));
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        // Exit status 0 with no output is how the script fails to open its input: not a translation.
        if (code !== 0 || !out.trim())
          reject(
            new Error(`apertium ${mode} exited with ${code ?? signal}: ${errors.trim() || "no output"}`),
          );
        else resolve(out);
      });
    });

  /** One run: the text through each mode in turn (a two-step route is the Spanish pivot). */
  const run = (steps: string[], input: string) =>
    queued(async () => {
      const folder = await mkdtemp(join(tmpdir(), "consulta-apertium-"));
      try {
        let text = input;
        for (const [i, mode] of steps.entries()) {
          const file = join(folder, `step-${i}.txt`);
          await writeFile(file, text);
          text = await runStep(mode, file);
        }
        return text;
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });

  const translateRun = async (steps: string[], texts: string[]): Promise<string[]> => {
    const out = (await run(steps, texts.join(SEPARATOR))).split(SEPARATOR_LINE).map((t) => t.trim());
    if (out.length === texts.length) return out;
    // A mode that ate or doubled a separator: each text alone is slower but cannot be misaligned.
    if (texts.length === 1) return [out.join("\n\n")];
    return Promise.all(texts.map(async (t) => (await run(steps, t)).trim()));
  };

  return {
    async translate(texts, source, target): Promise<TranslationOutcome> {
      const { modes: present, missing } = await installedModes();
      if (missing) return { kind: "unavailable", reason: missing };
      const modeOf = (s: Language, t: Language) => modes[`${s}-${t}`];
      const route = translationRoute(source, target, (s, t) => present.has(modeOf(s, t) ?? ""));
      if (!route) return { kind: "unavailable", reason: `no Apertium mode for ${source}→${target}` };
      const steps = route.slice(1).map((t, i) => modeOf(route[i]!, t)!);
      const via = route.length > 2 ? route[1] : undefined;
      if (steps.length === 0) return { kind: "translated", texts: [...texts], engine: "apertium" };
      // Blank texts stay as they are: in a run they would merge two separators into one.
      const worded = texts.filter((t) => t.trim());
      try {
        const total = worded.reduce((sum, t) => sum + t.length, 0);
        const perRun = Math.min(charsPerRun, Math.max(MIN_RUN, Math.ceil(total / runsAtOnce)));
        const runs = await Promise.all(runsOf(worded, perRun).map((r) => translateRun(steps, r)));
        const translated = runs.flat();
        let next = 0;
        return {
          kind: "translated",
          texts: texts.map((t) => (t.trim() ? (translated[next++] ?? "") : t)),
          engine: "apertium",
          ...(via ? { via } : {}),
        };
      } catch (error) {
        // Also a temporary folder that cannot be written: the port's callers never see an exception.
        return { kind: "failed", reason: error instanceof Error ? error.message : String(error) };
      }
    },
  };
};
