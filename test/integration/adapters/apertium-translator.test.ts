import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APERTIUM_MODES, createApertiumTranslator } from "../../../functions/adapters/apertium-translator.ts";
import { translateAnswers } from "../../../functions/core/translation/translate-answers.ts";
import { SAMPLES, translatorContract } from "../../contract/translator-contract.ts";
import { createMemoryTranslationStore } from "../../support/memory-translations.ts";

const folder = mkdtempSync(join(tmpdir(), "apertium-test-"));

/** A stand-in `apertium` command: the real one, counted, or one that misbehaves in a given way. */
const command = (name: string, body: string) => {
  const path = join(folder, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
};
const counted = () => {
  const log = join(folder, `runs-${Math.random()}`);
  writeFileSync(log, "");
  const path = command(`counted-${Math.random()}`, `echo "$*" >> ${log}\nexec apertium "$@"`);
  return {
    path,
    runs: () =>
      readFileSync(log, "utf8")
        .split("\n")
        .filter((l) => l && l !== "-l"),
  };
};

describe("Debian's Apertium on this machine", () => {
  it("is installed with every mode the translator uses (.ci/run installs it)", () => {
    const modes = execFileSync("apertium", ["-l"], { encoding: "utf8" }).split(/\s+/);
    expect(modes).toEqual(expect.arrayContaining(Object.values(APERTIUM_MODES)));
  });
});

translatorContract("Apertium", {
  translator: () => createApertiumTranslator(),
  unavailable: () => createApertiumTranslator({ command: join(folder, "no-such-apertium") }),
});

describe("the Apertium translator", () => {
  it("translates many texts in one process per step, and pivots through Spanish in two", async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `Propuesta ${i}: fortalecer el diálogo social.`);
    const direct = counted();
    await createApertiumTranslator({ command: direct.path }).translate(texts, "es", "pt");
    expect(direct.runs()).toHaveLength(1);

    const pivot = counted();
    const outcome = await createApertiumTranslator({ command: pivot.path }).translate(
      [SAMPLES.en],
      "en",
      "fr",
    );
    expect(outcome).toMatchObject({ kind: "translated", engine: "apertium", via: "es" });
    expect(pivot.runs().map((r) => r.split(" ")[1])).toEqual(["eng-spa", "es-fr"]);
  });

  it("writes Brazilian Portuguese, not Portugal's", async () => {
    const outcome = await createApertiumTranslator().translate(["La inspección del trabajo."], "es", "pt");
    expect(outcome.kind === "translated" && outcome.texts[0]).toMatch(/inspeção/);
  });

  it("marks no unknown words with asterisks", async () => {
    const outcome = await createApertiumTranslator().translate(["El parrafo de Tegucigalpa."], "es", "en");
    expect(outcome.kind === "translated" && outcome.texts[0]).not.toContain("*");
  });

  it("is unavailable for a pair whose mode is not installed", async () => {
    const outcome = await createApertiumTranslator({ modes: { "es-en": "spa-xyz" } }).translate(
      ["Hola"],
      "es",
      "en",
    );
    expect(outcome).toMatchObject({ kind: "unavailable", reason: expect.stringMatching(/es→en/) });
  });

  it("fails, without throwing, when a run hangs, crashes, or writes nothing", async () => {
    const lists = 'if [ "$1" = -l ]; then echo spa-eng; exit 0; fi\n';
    const hanging = command("hanging", `${lists}exec sleep 30`);
    const crashing = command("crashing", `${lists}echo "Error: broken" >&2; exit 3`);
    const silent = command("silent", `${lists}exit 0`);
    for (const [path, reason] of [
      [hanging, /longer than/],
      [crashing, /broken/],
      [silent, /no output/],
    ] as const) {
      const outcome = await createApertiumTranslator({ command: path, timeoutMs: 300 }).translate(
        ["Hola"],
        "es",
        "en",
      );
      expect(outcome).toMatchObject({ kind: "failed", reason: expect.stringMatching(reason) });
    }
  });

  it("through translateAnswers: a second pass over the same answers runs no process at all", async () => {
    const { store } = createMemoryTranslationStore();
    const apertium = counted();
    const translator = createApertiumTranslator({ command: apertium.path });
    const answers = [SAMPLES.es, "Necesitamos asistencia técnica para la formación profesional."];
    const first = await translateAnswers(answers, "es", ["es", "en", "fr", "pt"], { translator, store });
    expect(first[0]?.translations.pt).toMatchObject({ kind: "machine", engine: "apertium" });
    expect(first[1]?.translations.en).toMatchObject({ kind: "machine", engine: "apertium" });
    const runs = apertium.runs().length;
    expect(runs).toBe(3);
    const second = await translateAnswers(answers, "es", ["es", "en", "fr", "pt"], { translator, store });
    expect(second).toEqual(first);
    expect(apertium.runs()).toHaveLength(runs);
  });

  it("through translateAnswers: with no apertium on the machine every text is 'not translated' and nothing fails", async () => {
    const { store, items } = createMemoryTranslationStore();
    const translator = createApertiumTranslator({ command: join(folder, "no-such-apertium") });
    const [answer] = await translateAnswers([SAMPLES.es], "es", ["en", "fr", "pt"], { translator, store });
    for (const target of ["en", "fr", "pt"] as const)
      expect(answer?.translations[target]).toMatchObject({
        kind: "not-translated",
        reason: "unavailable",
        detail: expect.stringMatching(/cannot be run/),
      });
    expect(items.size).toBe(0);
  });
});
