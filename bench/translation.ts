// Apertium's throughput through the translator adapter, against the bare `apertium` command on the same text.
//
//   npx node bench/translation.ts [--quick]
//
// The corpus is a 40-member campaign's free text in Spanish (seven answers of about 700 characters a
// member, ~200,000 characters), from sentences of the kind ministries write, numbered so no two are
// alike. Each direction is timed through createApertiumTranslator (its defaults: the
// texts shared between two runs at once) and, as the floor, as one `apertium -u <mode> file` of the whole text. Wall-clock and the
// children's CPU seconds, median of the runs; the machine is shared, so wall-clock moves with its load.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { APERTIUM_MODES, createApertiumTranslator } from "../functions/adapters/apertium-translator.ts";
import type { Language } from "../functions/core/languages.ts";
import { quick, record, table } from "./results.ts";
import { median } from "./stats.ts";

const SENTENCES = [
  "Proponemos fortalecer la inspección del trabajo en las zonas rurales y en la economía informal.",
  "El ministerio necesita asistencia técnica para diseñar un sistema de información del mercado laboral.",
  "Se podría intercambiar experiencias sobre la formalización de los trabajadores de plataformas digitales.",
  "Nuestro país puede ofrecer cooperación en materia de diálogo social tripartito y negociación colectiva.",
  "Es prioritario mejorar la formación profesional de los jóvenes que no estudian ni trabajan.",
  "La igualdad de género en el empleo sigue siendo un desafío, sobre todo en los salarios.",
  "Hace falta coordinar mejor los servicios públicos de empleo con el sector privado.",
  "Recomendamos un taller regional sobre seguridad y salud en el trabajo para los inspectores.",
  "Las pequeñas empresas requieren incentivos para contratar a personas con discapacidad.",
  "Solicitamos apoyo para evaluar el impacto de la migración laboral en los países de la subregión.",
];

const MEMBERS = 40;
const ANSWERS_PER_MEMBER = 7;
const RUNS = quick ? 1 : 3;

const corpus = (): string[] => {
  const texts: string[] = [];
  let n = 0;
  for (let m = 0; m < MEMBERS * ANSWERS_PER_MEMBER; m++) {
    let text = "";
    while (text.length < 700) text += `${SENTENCES[n++ % SENTENCES.length]} (${n}) `;
    texts.push(text.trim());
  }
  return texts;
};

/** CPU seconds of this process's finished children (user + system, /proc/self/stat's cutime and cstime). */
const childCpu = () => {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100;
};

/** Median wall-clock and CPU seconds: on a shared machine the CPU figure moves far less with the load. */
const seconds = async (work: () => Promise<unknown> | unknown) => {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const startCpu = childCpu();
    await work();
    wall.push((performance.now() - start) / 1000);
    cpu.push(childCpu() - startCpu);
  }
  return { wall: median(wall), cpu: median(cpu) };
};

const folder = mkdtempSync(join(tmpdir(), "bench-apertium-"));
const translator = createApertiumTranslator();
const spanish = corpus();
const english = await translator.translate(spanish, "es", "en");
if (english.kind !== "translated") throw new Error(`Apertium is not available: ${JSON.stringify(english)}`);

const directions: [Language, Language, string[]][] = [
  ["es", "pt", spanish],
  ["es", "en", spanish],
  ["en", "fr", english.texts],
];
const rows: (string | number)[][] = [];
for (const [source, target, texts] of directions) {
  const chars = texts.reduce((sum, t) => sum + t.length, 0);
  const adapter = await seconds(() => translator.translate(texts, source, target));
  const file = join(folder, `${source}-${target}.txt`);
  writeFileSync(file, texts.join("\n\n"));
  const steps = APERTIUM_MODES[`${source}-${target}`]
    ? [APERTIUM_MODES[`${source}-${target}`]!]
    : [APERTIUM_MODES[`${source}-es`]!, APERTIUM_MODES[`es-${target}`]!];
  const floor = await seconds(() => {
    let input = file;
    for (const [i, mode] of steps.entries()) {
      const out = execFileSync("apertium", ["-u", mode, input], { maxBuffer: 64 * 2 ** 20 });
      input = join(folder, `floor-${i}.txt`);
      writeFileSync(input, out);
    }
  });
  const rate = (s: number) => Math.round(chars / s).toLocaleString("en");
  rows.push([
    `${source}→${target}${steps.length > 1 ? " (via es)" : ""}`,
    chars.toLocaleString("en"),
    `${adapter.wall.toFixed(1)} s, ${rate(adapter.wall)}/s`,
    `${adapter.cpu.toFixed(1)} s, ${rate(adapter.cpu)}/s`,
    `${floor.wall.toFixed(1)} s, ${rate(floor.wall)}/s`,
    `${floor.cpu.toFixed(1)} s, ${rate(floor.cpu)}/s`,
    (adapter.cpu / floor.cpu).toFixed(2),
  ]);
}
const oneShort = await seconds(() => translator.translate(["Hola."], "es", "pt"));

record(
  "Translation: Apertium throughput",
  `${MEMBERS} members × ${ANSWERS_PER_MEMBER} answers of ~700 characters, median of ${RUNS} run(s).\n\n` +
    table(
      [
        "direction",
        "characters",
        "adapter: wall, chars",
        "adapter: CPU, chars",
        "bare apertium: wall, chars",
        "bare: CPU, chars",
        "CPU ratio",
      ],
      rows,
    ) +
    `\n\nOne short text alone (a process start per step): ${(oneShort.wall * 1000).toFixed(0)} ms wall, ${(oneShort.cpu * 1000).toFixed(0)} ms CPU.`,
);
