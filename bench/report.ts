// Report: compile time and peak memory for generated respondents, against the floor of a bare exceljs streaming write.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Campaign } from "../functions/core/campaign.ts";
import { forEachConcurrently } from "../functions/core/concurrently.ts";
import { receiptCode } from "../functions/core/receipts.ts";
import type { ResponseVersion } from "../functions/core/responses.ts";
import { adminClient } from "../functions/local/demo.ts";
import { seededRng } from "../functions/local/demo-answers.ts";
import { startDynalite } from "../functions/local/dynalite.ts";
import { startLocalStack } from "../functions/local/stack.ts";
import { runChild } from "./child.ts";
import { contentQuestionnaire, freshDir, generatedAnswers, syntheticMembers } from "./fixtures.ts";
import type { CompileResult, CompileSpec } from "./report-compile.ts";
import { met, mb, quick, record, table } from "./results.ts";
import { writeTargets, type TargetRow } from "./issue19.ts";
import { workbookShape, type FloorResult } from "./xlsx-floor.ts";

// 100,000 respondents are measured by report-scale.ts on an in-memory paged store: a campaign
// invites members by their three-letter codes, of which there are 17,576.
const SIZES = quick ? [40, 10_000] : [40, 1_000, 10_000];
const COMPILE_SCRIPT = fileURLToPath(new URL("report-compile.ts", import.meta.url));
const FLOOR_SCRIPT = fileURLToPath(new URL("xlsx-floor.ts", import.meta.url));

/** A campaign where each of `count` synthetic members has submitted a generated, valid answer. */
const seed = async (endpoint: string, dir: string, count: number) => {
  const tableName = `report-${count}`;
  const stack = await startLocalStack({ dynamodbEndpoint: endpoint, dir, port: 0, tableName });
  const { definition, source } = contentQuestionnaire();
  const members = syntheticMembers(count);
  await stack.ports.repository.putMembers(members);
  await adminClient(stack)("POST", "/api/questionnaires", source);
  const campaign = await adminClient(stack)<Campaign>("POST", "/api/campaigns", {
    questionnaireId: definition.id,
    closesAt: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
  });
  await stack.close();
  const rng = seededRng(count);
  const { repository } = stack.ports;
  await forEachConcurrently(members, 16, async (member) => {
    const contact = member.contacts[0]!;
    const answers = generatedAnswers(definition, rng, member);
    const now = new Date().toISOString();
    const author = { contactId: contact.id, name: contact.name };
    await repository.saveResponse(
      {
        campaignId: campaign.id,
        memberCode: member.code,
        status: "submitted",
        version: 1,
        answers,
        updatedAt: now,
        updatedBy: author,
        submittedAt: now,
        submittedVersion: 1,
      },
      0,
    );
    const version: Omit<ResponseVersion, "receiptCode"> = {
      campaignId: campaign.id,
      memberCode: member.code,
      version: 1,
      answers,
      submittedAt: now,
      submittedBy: author,
      questionnaireVersion: definition.version,
    };
    await repository.putResponseVersion({ ...version, receiptCode: receiptCode(version) });
  });
  return { tableName, campaignId: campaign.id };
};

const run = async () => {
  const dynamo = await startDynalite();
  const rows: (string | number)[][] = [];
  // Issue 8's targets are at 10,000 respondents, or the largest size below it in a smaller run.
  let largest: { compile: CompileResult; floor: FloorResult } | undefined;
  const floorTargets: string[] = [];
  const targetRows: TargetRow[] = [];
  for (const count of SIZES) {
    const dir = freshDir(`report-${count}`);
    const seeded = await seed(dynamo.endpoint, dir, count);
    const spec: CompileSpec = { endpoint: dynamo.endpoint, localDir: dir, ...seeded };
    writeFileSync(join(dir, "compile.json"), JSON.stringify(spec));
    const compile = await runChild<CompileResult>(COMPILE_SCRIPT, [join(dir, "compile.json")]);
    if (compile.respondents !== count)
      throw new Error(`Compiled ${compile.respondents} respondents of ${count}`);
    const shapes = await workbookShape(join(dir, compile.xlsx));
    writeFileSync(join(dir, "shapes.json"), JSON.stringify(shapes));
    const floor = await runChild<FloorResult>(FLOOR_SCRIPT, [join(dir, "shapes.json")]);
    const cells = shapes.reduce((sum, s) => sum + s.strings + s.numbers, 0);
    rows.push([
      count.toLocaleString("en"),
      cells.toLocaleString("en"),
      `${compile.seconds.toFixed(2)} s`,
      `${compile.repositorySeconds.toFixed(2)} s`,
      mb(compile.peakRssBytes),
      mb(compile.peakRssBytes - compile.rssBeforeBytes),
      `${floor.seconds.toFixed(2)} s`,
      mb(floor.peakRssBytes),
      `${(compile.seconds / floor.seconds).toFixed(1)}×`,
      `${(compile.peakRssBytes / floor.peakRssBytes).toFixed(1)}×`,
    ]);
    if (count <= 10_000) largest = { compile, floor };
    if (count === 10_000 || count === 100_000) {
      const size = count === 10_000 ? "10k" : "100k";
      const time = compile.seconds / floor.seconds;
      const memory = compile.peakRssBytes / floor.peakRssBytes;
      targetRows.push(
        {
          id: `report-${size}-time`,
          measured: `${compile.seconds.toFixed(2)} s`,
          floor: `2× ${floor.seconds.toFixed(2)} s`,
          ratio: time,
          met: time <= 2,
        },
        {
          id: `report-${size}-memory`,
          measured: mb(compile.peakRssBytes),
          floor: `1.3× ${mb(floor.peakRssBytes)}`,
          ratio: memory,
          met: memory <= 1.3,
        },
      );
    }
    if (count >= 10_000)
      floorTargets.push(
        `${count.toLocaleString("en")}: time ${met(compile.seconds <= 2 * floor.seconds)} ` +
          `(${(compile.seconds / floor.seconds).toFixed(2)}×), ` +
          `memory ${met(compile.peakRssBytes <= 1.3 * floor.peakRssBytes)} ` +
          `(${(compile.peakRssBytes / floor.peakRssBytes).toFixed(2)}×)`,
      );
    process.stderr.write(`report: ${count} respondents compiled in ${compile.seconds.toFixed(2)} s\n`);
  }
  await dynamo.close();
  writeTargets("report", targetRows);

  const { compile, floor } = largest!;
  const n = compile.respondents.toLocaleString("en");
  const body = [
    "Each size is its own table of synthetic members who all submitted a generated answer (demo-answers.ts, " +
      "validated as a submission). The compile runs `compileInputsReport` (Excel, HTML and CSV, written to the " +
      "local folder store) in a fresh process reading dynalite in this one; peak RSS is that process's maxRSS, " +
      "the rise is above its RSS just before compiling. The floor writes as many cells per sheet (strings of " +
      "the same mean length, numbers as numbers) with exceljs' streaming writer and the report's options, in a " +
      "fresh process. Ratios are compile ÷ floor.",
    "",
    table(
      [
        "respondents",
        "cells (xlsx)",
        "compile",
        "of which awaiting the repository",
        "peak RSS",
        "rise",
        "floor",
        "floor peak RSS",
        "time ratio",
        "memory ratio",
      ],
      rows,
    ),
    "",
    `Targets (issue 8) at ${n} respondents${compile.respondents < 10_000 ? " (not the 10,000 of the target)" : ""}: ` +
      `< 10 s ${met(compile.seconds < 10)} (${compile.seconds.toFixed(1)} s); ` +
      `< 400 MB peak ${met(compile.peakRssBytes < 400 * 2 ** 20)} (${mb(compile.peakRssBytes)}); ` +
      `within 2× the floor's time ${met(compile.seconds <= 2 * floor.seconds)} ` +
      `(${(compile.seconds / floor.seconds).toFixed(1)}×).`,
    "",
    `Targets (issue 19), ≤ 2× the floor's time and ≤ 1.3× its peak memory, submissions read page by page` +
      ` (100,000: bench/report-scale.ts): ${floorTargets.join("; ")}.`,
  ].join("\n");
  record("Report", body);
};

if (import.meta.main) await run();
