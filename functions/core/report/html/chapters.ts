// The HTML report's chapters: each block of a chapter as the figures or listings it shows.
import type { Block } from "../model.ts";
import {
  allocationBlock,
  choiceBlock,
  comparisonChart,
  numberBlock,
  prioritiesBlock,
  scaleBlock,
} from "./figures.ts";
import { contributionsBlock, cooperationBlock, tableBlock, textBlock } from "./listings.ts";
import type { BlockView, HtmlContext } from "./view.ts";

const blockViews = (ctx: HtmlContext, b: Block, rial: boolean): BlockView[] => {
  const { report, t } = ctx;
  const find = <T extends { question: { id: string } }>(list: T[]) =>
    list.find((x) => x.question.id === b.questionId);
  switch (b.kind) {
    case "text": {
      const x = find(report.texts);
      return x ? [textBlock(ctx, x)] : [];
    }
    case "choice": {
      const x = find(report.choices);
      return x ? [choiceBlock(ctx, x)] : [];
    }
    case "scale": {
      const x = find(report.scales);
      return x ? [scaleBlock(ctx, x)] : [];
    }
    case "priorities": {
      const x = report.priorities;
      if (!x) return [];
      return [
        prioritiesBlock(ctx, x),
        ...(ctx.groups.length > 1
          ? [{ title: t("report.by-group-title"), notes: [], chart: comparisonChart(ctx, x) }]
          : []),
      ];
    }
    case "allocation": {
      const x = find(report.allocations);
      return x ? [allocationBlock(ctx, x)] : [];
    }
    case "number": {
      const x = find(report.numbers);
      return x ? [numberBlock(ctx, x)] : [];
    }
    case "table": {
      const x = find(report.tables);
      return x ? [tableBlock(ctx, x, rial ? "rial" : "work-plan")] : [];
    }
    case "hosting":
      return report.hosting ? [tableBlock(ctx, report.hosting, "hosting")] : [];
    case "contributions":
      return [contributionsBlock(ctx)];
    case "cooperation": {
      const x = cooperationBlock(ctx);
      return x ? [x] : [];
    }
  }
};

export const chapterViews = (ctx: HtmlContext) =>
  ctx.report.chapters.map((c, i) => ({
    id: `chapter-${c.id}`,
    number: i + 1,
    title: c.title,
    blocks: c.blocks.flatMap((b) => blockViews(ctx, b, c.rial)),
  }));
