// The questionnaire as a document to fill in Word: a neutral block model each kind writes its answer
// place into (content controls tagged with the question's id), and the reading of those tags back.
import type { Language } from "../languages.ts";
import type { Translate } from "../report/model.ts";
import type { AnswerValue, Answers } from "./answers.ts";
import { conditionHolds } from "./conditions.ts";
import type { Condition, Questionnaire, RespondentGroup, SimpleQuestion } from "./definition.ts";
import { kindOf } from "./kinds/index.ts";
import { line, normal, note, type DocumentBlock, type FoundControls } from "./kinds/document-parts.ts";

export type { Control, DocumentBlock, FoundControls, Inline } from "./kinds/document-parts.ts";

/** The whole document, ready for an adapter to lay out (adapters/docx-documents.ts). */
export type QuestionnaireDocument = {
  lang: Language;
  title: string;
  /** What an empty text control and an unset list show, in the document's language. */
  placeholders: { text: string; choose: string };
  /** The reference control's text: which campaign, member and questionnaire the document is of. */
  reference: string;
  blocks: DocumentBlock[];
};

/** The tag of the control holding the document's reference: never a question id (ids are kebab-case). */
export const REFERENCE_TAG = "consulta:reference";

/** One content control as a document holds it: its tag (or title) and its text, or a check box's state. */
export type ReadControl = { tag: string; text: string; checked?: boolean };

/** What a .docx holds for the reader: its controls, and its text for a person to read. */
export type ReadDocument = { controls: ReadControl[]; text: string };

// The document of a questionnaire.

export type DocumentRequest = {
  questionnaire: Questionnaire;
  lang: Language;
  t: Translate;
  /** The member it is for (its name and group), or none for a blank questionnaire. */
  member?: { code: string; name: string; group: RespondentGroup } | undefined;
  answers?: Answers | undefined;
  campaignId: string;
  campaignTitle: string;
  /** The deadline as the campaign shows it, in its time zone. */
  deadline: string;
  secretariat: { name: string; email: string };
};

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key as keyof typeof params]) : whole,
  );

/** The reference line a returned document is recognised by: campaign, member and questionnaire version. */
export const documentReference = (campaignId: string, memberCode: string | undefined, q: Questionnaire) =>
  [campaignId, memberCode ?? "-", q.id, `v${q.version}`].join(" ");

export const parseReference = (text: string) => {
  const [campaignId, member, questionnaireId, version] = text.trim().split(/\s+/);
  if (!campaignId || !member || !questionnaireId || !version?.startsWith("v")) return undefined;
  return {
    campaignId,
    memberCode: member === "-" ? undefined : member,
    questionnaireId,
    version: Number(version.slice(1)),
  };
};

/** The blocks of one question's answer place, as its kind writes them. */
const answerPlace = (
  q: SimpleQuestion | Questionnaire["sections"][number]["questions"][number],
  value: AnswerValue | undefined,
  lang: Language,
  t: Translate,
  tag: string,
): DocumentBlock[] =>
  kindOf(q).document.write(q, value, {
    lang,
    t,
    tag,
    field: (f, v, fieldTag) => answerPlace(f, v as AnswerValue | undefined, lang, t, fieldTag),
  });

/** The questionnaire as a document: instructions, then each section's questions with their controls. */
export const composeQuestionnaireDocument = (r: DocumentRequest): QuestionnaireDocument => {
  const { questionnaire: q, lang, t } = r;
  const answers = r.answers ?? {};
  const blocks: DocumentBlock[] = [];
  blocks.push({ block: "heading", level: 1, text: q.title[lang] });
  blocks.push(line({ text: r.campaignTitle, bold: true }));
  if (r.member) blocks.push(line(fill(t("document.for_member"), { member: r.member.name })));
  else blocks.push(line(t("document.blank")));
  blocks.push(line(fill(t("document.deadline"), { deadline: r.deadline })));
  blocks.push(line(fill(t("document.contact"), { name: r.secretariat.name, email: r.secretariat.email })));
  blocks.push({ block: "heading", level: 2, text: t("document.how_heading") });
  for (const key of ["document.how_fill", "document.how_keep", "document.how_return", "document.how_submit"])
    blocks.push(note(t(key)));
  if (q.intro) blocks.push(line(q.intro[lang]));
  let number = 0;
  for (const section of q.sections) {
    // A member's document leaves out what its group is never asked; answer-dependent questions stay,
    // marked, since the answers they depend on may change in the document itself.
    if (r.member && !conditionHolds(onlyGroups(section.when), answers, r.member.group)) continue;
    blocks.push({ block: "heading", level: 2, text: section.title[lang] });
    if (section.description) blocks.push(note(section.description[lang]));
    for (const question of section.questions) {
      if (r.member && !conditionHolds(onlyGroups(question.when), answers, r.member.group)) continue;
      number++;
      const label = `${number}. ${question.label[lang]}${question.required ? " *" : ""}`;
      blocks.push({ block: "heading", level: 3, text: label });
      if (question.help) blocks.push(note(question.help[lang]));
      if (question.when && !("group" in question.when)) blocks.push(note(t("document.conditional")));
      blocks.push(...answerPlace(question, answers[question.id], lang, t, question.id));
    }
  }
  blocks.push(note(t("document.required_note")));
  return {
    lang,
    title: q.title[lang],
    placeholders: { text: t("document.type_here"), choose: t("document.choose") },
    reference: documentReference(r.campaignId, r.member?.code, q),
    blocks,
  };
};

/** A condition's group part alone (answer conditions are left to the reader of the document). */
const onlyGroups = (when: Condition | undefined) => (when && "group" in when ? when : undefined);

// Reading a returned document.

export type DocumentReading = {
  /** The reference the document carries, if its control survived. */
  reference: ReturnType<typeof parseReference>;
  /** Per question found, what a form post of its answer would hold (before `fromForm`). */
  values: Record<string, unknown>;
  /** Tags no question of this questionnaire claims. */
  unrecognised: string[];
  /** Tags found more than once (a control copied): the first is read. */
  duplicated: string[];
  /** Questions none of whose controls is in the document. */
  missing: string[];
};

/**
 * Reads the controls of a returned document question by question. `placeholders` are the texts an
 * unfilled control shows in any language: they read as nothing typed.
 */
export const readQuestionnaireDocument = (
  questionnaire: Questionnaire,
  controls: ReadControl[],
  placeholders: string[],
): DocumentReading => {
  const byTag = new Map<string, ReadControl>();
  const duplicated = new Set<string>();
  let reference: DocumentReading["reference"];
  const untagged: string[] = [];
  for (const c of controls) {
    if (c.tag === "") {
      // Named by its text, the one thing a person can find it by.
      if (c.text.trim()) untagged.push(`“${c.text.trim().slice(0, 60)}”`);
      continue;
    }
    if (c.tag === REFERENCE_TAG) {
      reference ??= parseReference(c.text);
      continue;
    }
    if (byTag.has(c.tag)) duplicated.add(c.tag);
    else byTag.set(c.tag, c);
  }
  const empty = new Set(placeholders.map(normal));
  const used = new Set<string>();
  const found: FoundControls = {
    text: (tag) => {
      const c = byTag.get(tag);
      if (!c) return undefined;
      used.add(tag);
      if (c.checked !== undefined) return c.checked ? "x" : "";
      return empty.has(normal(c.text)) ? "" : c.text;
    },
    checked: (tag) => {
      const c = byTag.get(tag);
      if (!c) return undefined;
      used.add(tag);
      return c.checked ?? /^\s*[xX☒☑✓✔]\s*$/.test(c.text);
    },
  };
  const values: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const section of questionnaire.sections) {
    for (const question of section.questions) {
      const value = kindOf(question).document.read(question, found, question.id);
      if (value === undefined) missing.push(question.id);
      else values[question.id] = value;
    }
  }
  return {
    reference,
    values,
    unrecognised: [...[...byTag.keys()].filter((tag) => !used.has(tag)), ...untagged],
    duplicated: [...duplicated],
    missing,
  };
};
