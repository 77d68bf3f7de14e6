// A kept submission's free texts translated by a queued job, with Apertium for real, into the cache the report reads.
import { beforeEach, describe, expect, it } from "vitest";
import { createApertiumTranslator } from "../../../functions/adapters/apertium-translator.ts";
import { createInMemoryRepository } from "../../../functions/adapters/in-memory/index.ts";
import { queueTranslation, runJobChunk, type Job } from "../../../functions/core/jobs.ts";
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
import { campaign, carriedFromLastCycle } from "../../support/factories.ts";
import { createMemoryTranslationStore } from "../../support/memory-translations.ts";
import { generatedSubmissions } from "../../support/submissions.ts";

const questionnaire = readQuestionnaireFile(defaultQuestionnairePath);
const members = readDirectoryFile(defaultDirectoryPath).members;
const submissions = generatedSubmissions(questionnaire, members);
const brazil = submissions.find((s) => s.memberCode === "BRA") as ResponseVersion;

describe("a submission's free texts", () => {
  it("are its long and short texts and its groups' text fields, never the respondent's name or address", () => {
    const texts = freeTexts(questionnaire, brazil.answers);
    expect(texts.length).toBeGreaterThan(2);
    // The demo writes a Brazilian ministry's answers in Portuguese.
    expect(texts.some((t) => t.includes("Ministérios do Trabalho") || t.includes("trabalho"))).toBe(true);
    for (const t of texts) expect(t).not.toMatch(/@/);
    const contact = members.find((m) => m.code === "BRA")?.contacts[0];
    expect(texts).not.toContain(contact?.name);
  });
});

describe("the translate job", () => {
  let ports: Ports & { translations: ReturnType<typeof createMemoryTranslationStore>["store"] };
  let cache: ReturnType<typeof createMemoryTranslationStore>;
  let enqueued: string[];

  beforeEach(async () => {
    const repository = createInMemoryRepository();
    await repository.putMembers(members);
    await repository.putQuestionnaire(questionnaire);
    await repository.createCampaign(
      campaign({ questionnaireId: questionnaire.id, questionnaireVersion: questionnaire.version }),
    );
    await repository.putResponseVersion({ ...brazil, language: "pt" });
    cache = createMemoryTranslationStore();
    enqueued = [];
    let ids = 0;
    ports = {
      repository,
      clock: { now: () => new Date("2026-03-01T12:00:00Z") },
      random: { id: () => `job-${++ids}`, token: () => "token" },
      jobs: { enqueue: async (id: string) => void enqueued.push(id) },
      log: { error: () => undefined, warn: () => undefined },
      translations: cache.store,
    } as unknown as typeof ports;
  });

  const run = async (job: Job | undefined) => (await runJobChunk(ports, job?.id ?? "", "worker")).job;

  it("is queued when a version is kept, and caches each text in the three other languages (Apertium)", async () => {
    ports.translator = createApertiumTranslator();
    const job = await queueTranslation(ports, brazil);
    expect(enqueued).toEqual([job?.id]);
    expect(job).toMatchObject({ kind: "translate", memberCode: "BRA", version: brazil.version });
    const done = await run(job);
    const texts = freeTexts(questionnaire, brazil.answers);
    expect(done).toMatchObject({
      status: "done",
      result: { texts: texts.length, translated: texts.length * 3, notTranslated: 0, source: "pt" },
    });
    const [first] = texts;
    const toSpanish = cache.items.get(`${textHash(first ?? "")}:pt:es`);
    expect(toSpanish).toMatchObject({ engine: expect.stringContaining("apertium") });
    expect(toSpanish?.text).not.toEqual(first);
    // English and French pass through Spanish: Debian's Apertium pairs each language with Spanish.
    expect(cache.items.get(`${textHash(first ?? "")}:pt:en`)).toMatchObject({ via: "es" });

    // The same submission again (a retried job, or unchanged text re-submitted) costs no engine call.
    const puts = cache.counts.puts;
    const again = await run(await queueTranslation(ports, brazil));
    expect(again?.status).toBe("done");
    expect(cache.counts.puts).toBe(puts);
  });

  it("without an engine, finishes and leaves every text 'not translated'", async () => {
    const done = await run(await queueTranslation(ports, brazil));
    const texts = freeTexts(questionnaire, brazil.answers);
    expect(done).toMatchObject({
      status: "done",
      result: { translated: 0, notTranslated: texts.length * 3 },
    });
    expect(cache.items.size).toBe(0);
  });

  it("is never a reason for a submission to fail: a job that cannot be recorded is logged", async () => {
    const logged: string[] = [];
    const failing = {
      ...ports,
      log: { error: (m: string) => void logged.push(m), warn: () => undefined },
      jobs: { enqueue: () => Promise.reject(new Error("queue down")) },
    } as typeof ports;
    expect(await queueTranslation(failing, brazil)).toBeUndefined();
    expect(logged).toEqual(["translation not queued"]);
  });

  it("sends no engine a text carried over from last cycle that the member never confirmed", async () => {
    const carried: ResponseVersion = {
      ...brazil,
      version: brazil.version + 1,
      language: "pt",
      carriedOver: carriedFromLastCycle(Object.keys(brazil.answers), [], questionnaire.version),
    };
    await ports.repository.putResponseVersion(carried);
    const asked: string[] = [];
    ports.translator = {
      translate: async (texts: readonly string[]) => {
        asked.push(...texts);
        return texts.map(() => ({ kind: "failed" as const }));
      },
    } as unknown as typeof ports.translator;
    const done = await run(await queueTranslation(ports, carried));
    expect(done).toMatchObject({ status: "done", result: { texts: 0 } });
    expect(asked).toEqual([]);
  });
});
