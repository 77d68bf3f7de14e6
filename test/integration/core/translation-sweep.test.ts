// A submission kept but never given its translate job (the request died after keeping it, or the queue
// refused the job) is translated all the same: the compile finds its free texts missing from the cache
// and queues the job, once, however often it compiles.
import { beforeEach, describe, expect, it } from "vitest";
import { createApertiumTranslator } from "../../../functions/adapters/apertium-translator.ts";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { createInMemoryRepository } from "../../../functions/adapters/in-memory/index.ts";
import { writeXlsx } from "../../../functions/adapters/xlsx/stream-writer.ts";
import { compileInputsReport } from "../../../functions/core/compile-inputs-report.ts";
import { queueTranslation, runJob, startJob } from "../../../functions/core/jobs.ts";
import type { Ports } from "../../../functions/core/ports.ts";
import type { ResponseVersion } from "../../../functions/core/responses.ts";
import { textHash } from "../../../functions/core/translation/translate-answers.ts";
import { freeTexts } from "../../../functions/core/translation/translate-submission.ts";
import {
  defaultDirectoryPath,
  defaultQuestionnairePath,
  readDirectoryFile,
  readQuestionnaireFile,
} from "../../../functions/local/content.ts";
import { campaign } from "../../support/factories.ts";
import { createMemoryTranslationStore } from "../../support/memory-translations.ts";
import { generatedSubmissions } from "../../support/submissions.ts";

const questionnaire = readQuestionnaireFile(defaultQuestionnairePath);
const members = readDirectoryFile(defaultDirectoryPath).members;
const brazil = {
  ...(generatedSubmissions(questionnaire, members).find((s) => s.memberCode === "BRA") as ResponseVersion),
  language: "pt" as const,
};
const views = createHandlebarsViews(new URL("../../../templates/", import.meta.url).pathname);

describe("a kept submission whose translate job was lost", () => {
  let ports: Ports & { translations: ReturnType<typeof createMemoryTranslationStore>["store"] };
  let cache: ReturnType<typeof createMemoryTranslationStore>;
  let queued: string[];
  let refuse: number;

  beforeEach(async () => {
    const repository = createInMemoryRepository();
    await repository.putMembers(members);
    await repository.putQuestionnaire(questionnaire);
    await repository.createCampaign(
      campaign({
        id: "c1",
        questionnaireId: questionnaire.id,
        questionnaireVersion: questionnaire.version,
        invited: ["BRA"],
      }),
    );
    cache = createMemoryTranslationStore();
    queued = [];
    refuse = 0;
    let ids = 0;
    const blobs = new Map<string, Uint8Array>();
    ports = {
      repository,
      clock: { now: () => new Date("2026-03-01T12:00:00Z") },
      random: { id: () => `job-${++ids}`, token: () => "token" },
      // A queue that refuses the next `refuse` jobs handed to it, as SQS does when it is down.
      jobs: {
        enqueue: async (id: string) => {
          if (refuse > 0) {
            refuse--;
            throw new Error("queue unavailable");
          }
          queued.push(id);
        },
      },
      log: { error: () => undefined, warn: () => undefined, info: () => undefined },
      blobs: { put: async (key: string, body: Uint8Array) => void blobs.set(key, body) },
      views,
      workbooks: writeXlsx,
      translations: cache.store,
      translator: createApertiumTranslator(),
    } as unknown as typeof ports;
    // The request kept the submission (its version, its receipt) ...
    await repository.putResponseVersion(brazil);
  });

  /** What the queue's workers do: every job handed over, in order, until none is left. */
  const drain = async () => {
    const ran: string[] = [];
    while (queued.length) {
      const id = queued.shift() as string;
      ran.push(id);
      await runJob(ports, id, { owner: "worker" });
    }
    return ran;
  };
  const compile = async () => {
    await startJob(ports, { kind: "compile", campaignId: "c1" }, "secretariat");
    return drain();
  };
  const cached = () =>
    freeTexts(questionnaire, brazil.answers).every((text) =>
      ["es", "en", "fr"].every((target) => cache.items.has(`${textHash(text)}:pt:${target}`)),
    );

  it("is translated after the next compile when the process died before queueing its job", async () => {
    // ... and died before queueTranslation: no translate job exists.
    const ran = await compile();
    expect(ran.some((id) => id.startsWith("translate-"))).toBe(true);
    expect(cached()).toBe(true);
    // The next compile shows the translations; it finds nothing missing and queues nothing more.
    const again = await compile();
    expect(again.filter((id) => id.startsWith("translate-"))).toEqual([]);
    const report = await compileInputsReport(ports, "c1", "es");
    const machine = report.report.texts.flatMap((x) => x.answers).filter((a) => a.translation?.engine);
    expect(machine.length).toBeGreaterThan(0);
  }, 240_000);

  it("is translated after the next compile when the queue refused its job once", async () => {
    refuse = 1;
    expect(await queueTranslation(ports, brazil)).toBeUndefined();
    expect(queued).toEqual([]);
    await compile();
    expect(cached()).toBe(true);
  }, 240_000);

  it("is left to its own job when it was submitted a moment ago", async () => {
    const justNow = { ...brazil, version: brazil.version + 1, submittedAt: "2026-03-01T11:58:00.000Z" };
    await ports.repository.putResponseVersion(justNow);
    const ran = await compile();
    expect(ran.filter((id) => id.startsWith("translate-"))).toEqual([]);
  }, 240_000);

  it("gets one job however many languages and compiles find it missing", async () => {
    // Without an engine the texts stay untranslated: each compile (four languages) finds them missing.
    delete (ports as Partial<Ports>).translator;
    await startJob(ports, { kind: "compile", campaignId: "c1" }, "secretariat");
    await startJob(ports, { kind: "compile", campaignId: "c1" }, "secretariat");
    const ran = await drain();
    expect(ran.filter((id) => id.startsWith("translate-"))).toEqual([]);
    // With an engine, four language chunks and two compiles queue the submission's job once.
    ports.translator = createApertiumTranslator();
    await startJob(ports, { kind: "compile", campaignId: "c1" }, "secretariat");
    await startJob(ports, { kind: "compile", campaignId: "c1" }, "secretariat");
    const next = await drain();
    expect(next.filter((id) => id.startsWith("translate-"))).toEqual([`translate-c1-BRA-${brazil.version}`]);
    expect(cached()).toBe(true);
  }, 240_000);
});
