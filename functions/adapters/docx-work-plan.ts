// The Work Plan as a Word document (.docx), written with the docx package from the document core composed.
//
// It places what core/work-plan/document.ts gives, in the order of the seed: title, introduction,
// activities with their labelled fields, the free sections, Cuadro No. 1 as a table with its totals
// row, and the annex's tables. Each text in another language than the document's carries its own
// language tag, so Word's spelling and a screen reader treat it as what it is.
import type { Documents } from "../core/ports.ts";
import type { Language } from "../core/languages.ts";
import type { ShownText, WorkPlanDocument } from "../core/work-plan/document.ts";

type Docx = typeof import("docx");
let loading: Promise<Docx> | undefined;

/** docx, loaded on the first document: the console's other pages never need it. */
const docxModule = () => (loading ??= import("docx"));

const LOCALES: Record<Language, string> = { es: "es-ES", en: "en-US", fr: "fr-FR", pt: "pt-BR" };

/** The text's width on docx's default page (US Letter, one-inch margins), in twentieths of a point. */
const TEXT_WIDTH = 9360;

/** What XML 1.0 cannot carry (a pasted bell or escape): dropped, as the workbook does. */
// eslint-disable-next-line no-control-regex
const xmlSafe = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");

export const workPlanDocx = async (doc: WorkPlanDocument): Promise<Uint8Array> => {
  const d = await docxModule();
  const { Paragraph, TextRun, HeadingLevel, Table, TableRow, TableCell, WidthType, AlignmentType } = d;
  type Run = InstanceType<typeof TextRun>;
  type Block = InstanceType<typeof Paragraph> | InstanceType<typeof Table>;

  /** A text as runs, its line breaks kept, tagged with its language when not the document's. */
  const runs = (
    text: string,
    options: { lang?: Language; bold?: boolean; italics?: boolean; color?: string; size?: number } = {},
  ): Run[] =>
    xmlSafe(text)
      .split(/\r?\n/)
      .map(
        (line, i) =>
          new TextRun({
            text: line,
            ...(i > 0 ? { break: 1 } : {}),
            ...(options.bold ? { bold: true } : {}),
            ...(options.italics ? { italics: true } : {}),
            ...(options.color ? { color: options.color } : {}),
            ...(options.size ? { size: options.size } : {}),
            ...(options.lang && options.lang !== doc.lang
              ? { language: { value: LOCALES[options.lang] } }
              : {}),
          }),
      );

  /** A shown text: the text, its note in grey, and the original below it when there is one. */
  const shownRuns = (s: ShownText, options: { bold?: boolean; size?: number } = {}): Run[] => [
    ...runs(s.text, { lang: s.lang, ...options }),
    ...(s.note ? runs(` — ${s.note}`, { italics: true, color: "595959", size: options.size ?? 18 }) : []),
  ];
  const originalOf = (s: ShownText): Block[] =>
    s.original
      ? [
          new Paragraph({
            indent: { left: 360 },
            children: runs(s.original.text, { lang: s.original.lang, color: "595959", size: 18 }),
          }),
        ]
      : [];
  const shownParagraphs = (s: ShownText, prefix: Run[] = []): Block[] => [
    new Paragraph({ children: [...prefix, ...shownRuns(s)] }),
    ...originalOf(s),
  ];
  const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    new Paragraph({ heading: level, children: runs(text) });
  const para = (text: string, options: { italics?: boolean } = {}) =>
    new Paragraph({ children: runs(text, options) });

  const cell = (lines: string[], options: { header?: boolean; number?: boolean; size?: number } = {}) =>
    new TableCell({
      ...(options.header ? { shading: { fill: "EEF1F6", type: d.ShadingType.CLEAR, color: "auto" } } : {}),
      children: (lines.length ? lines : [""]).map(
        (line) =>
          new Paragraph({
            ...(options.number ? { alignment: AlignmentType.RIGHT } : {}),
            children: runs(line, {
              ...(options.header ? { bold: true } : {}),
              ...(options.size ? { size: options.size } : {}),
            }),
          }),
      ),
    });
  const shownCell = (s: ShownText, prefix: string, size: number) =>
    new TableCell({
      children: [
        new Paragraph({ children: [...runs(prefix, { size }), ...shownRuns(s, { size })] }),
        ...originalOf(s),
      ] as InstanceType<typeof Paragraph>[],
    });
  /** A table across the text's width, the first column `first` of it (in twips), the others sharing the rest. */
  const table = (rows: InstanceType<typeof TableRow>[], columns: number, first: number) => {
    const rest = Math.floor((TEXT_WIDTH - first) / Math.max(1, columns - 1));
    return new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      layout: d.TableLayoutType.FIXED,
      columnWidths: [first, ...Array.from({ length: columns - 1 }, () => rest)],
      rows,
    });
  };

  const activities: Block[] = doc.activities.length
    ? doc.activities.flatMap((a) => [
        new Paragraph({
          heading: HeadingLevel.HEADING_2,
          children: [...runs(`${a.number}. `), ...shownRuns(a.title)],
        }),
        ...originalOf(a.title),
        ...a.fields.flatMap((f) =>
          f.values.flatMap((v, i) => shownParagraphs(v, i === 0 ? runs(`${f.label}: `, { bold: true }) : [])),
        ),
      ])
    : [para(doc.noActivities)];

  const initiatives: Block[] = doc.initiatives.length
    ? doc.initiatives.flatMap((s) => [
        new Paragraph({ bullet: { level: 0 }, children: shownRuns(s) }),
        ...originalOf(s),
      ])
    : [para(doc.none)];

  const contributions: Block[] = doc.contributions.length
    ? doc.contributions.flatMap((c) => [
        new Paragraph({ heading: HeadingLevel.HEADING_3, children: shownRuns(c.organisation) }),
        ...originalOf(c.organisation),
        ...c.items.flatMap((s) => [
          new Paragraph({ bullet: { level: 0 }, children: shownRuns(s) }),
          ...originalOf(s),
        ]),
      ])
    : [para(doc.none)];

  const { budget } = doc;
  // Cuadro No. 1 in 8 points: with the usual four to six sources, each amount fits its column unbroken.
  const small = 16;
  const budgetTable = table(
    [
      new TableRow({
        tableHeader: true,
        children: budget.head.map((h) => cell([h], { header: true, size: small })),
      }),
      ...budget.rows.map(
        (r) =>
          new TableRow({
            children: [
              shownCell(r.title, `${r.number}. `, small),
              ...r.cells.map((c) => cell(c, { number: true, size: small })),
            ],
          }),
      ),
      new TableRow({
        children: [
          cell([budget.totals.label], { header: true, size: small }),
          ...budget.totals.cells.map((c) => cell(c, { header: true, number: true, size: small })),
        ],
      }),
    ],
    budget.head.length,
    Math.max(1800, TEXT_WIDTH - (budget.head.length - 1) * 1150),
  );

  const annex: Block[] = doc.annex.flatMap((entry) => [
    new Paragraph({
      heading: HeadingLevel.HEADING_3,
      children: [...runs(`${entry.number}. `), ...shownRuns(entry.title)],
    }),
    ...(entry.supporters.length
      ? [
          table(
            [
              new TableRow({
                tableHeader: true,
                children: [doc.headings.member, doc.headings.inputs, doc.headings.receipt].map((h) =>
                  cell([h], { header: true }),
                ),
              }),
              ...entry.supporters.map(
                (s) => new TableRow({ children: [cell([s.member]), cell([s.inputs]), cell(s.receipts)] }),
              ),
            ],
            3,
            3200,
          ),
        ]
      : [para(doc.annexNone, { italics: true })]),
  ]);

  const document = new d.Document({
    creator: "Consulta",
    title: `${doc.title} — ${doc.subtitle}`,
    styles: { default: { document: { run: { language: { value: LOCALES[doc.lang] } } } } },
    sections: [
      {
        footers: { default: new d.Footer({ children: [para(doc.footer, { italics: true })] }) },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: runs(doc.title) }),
          new Paragraph({ children: runs(doc.subtitle, { bold: true, size: 28 }) }),
          new Paragraph({ children: runs(doc.status, { bold: true }) }),
          heading(`I. ${doc.headings.introduction}`, HeadingLevel.HEADING_1),
          ...doc.introduction.map((p) => para(p)),
          heading(`II. ${doc.headings.activities}`, HeadingLevel.HEADING_1),
          ...activities,
          heading(`III. ${doc.headings.initiatives}`, HeadingLevel.HEADING_1),
          ...initiatives,
          heading(`IV. ${doc.headings.contributions}`, HeadingLevel.HEADING_1),
          ...contributions,
          heading(`V. ${doc.headings.budget}`, HeadingLevel.HEADING_1),
          new Paragraph({ children: runs(budget.caption, { bold: true }) }),
          para(budget.subtitle),
          budgetTable,
          ...budget.notes.map((n) => para(n, { italics: true })),
          heading(doc.headings.annex, HeadingLevel.HEADING_1),
          para(doc.annexIntro),
          ...annex,
        ],
      },
    ],
  });
  return new Uint8Array(await d.Packer.toBuffer(document));
};

/** The Work Plan's Word writer as the port core calls (Ports.documents.workPlanDocx). */
export const workPlanWord: Pick<Documents, "workPlanDocx"> = { workPlanDocx };
