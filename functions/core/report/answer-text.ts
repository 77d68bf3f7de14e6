// Any answer as text a person reads, in a given language: for the report, the confirmation and the receipt.
import { formatMoney } from "../format.ts";
import type { Language } from "../languages.ts";
import type { AnswerValue, GroupItem, Money } from "../questionnaire/answers.ts";
import type { ListItem, Question, SimpleQuestion } from "../questionnaire/definition.ts";
import type { Translate } from "./model.ts";

/** Labels by id, built once per list: answers are looked up many times over. */
const labelIndex = new WeakMap<ListItem[], Map<string, ListItem>>();

export const labelOf = (items: ListItem[], id: string, lang: Language): string => {
  let index = labelIndex.get(items);
  if (!index) {
    index = new Map(items.map((item) => [item.id, item]));
    labelIndex.set(items, index);
  }
  return index.get(id)?.label[lang] ?? id;
};

/** Any answer as readable text in the given language. */
export const answerText = (question: Question, value: AnswerValue, lang: Language, t: Translate): string => {
  if (question.type !== "group") return simpleText(question, value, lang, t);
  return (value as GroupItem[])
    .map(
      (item, i) =>
        `${i + 1}. ` +
        question.fields
          .filter((f) => item[f.id] !== undefined)
          .map((f) => `${f.label[lang]}: ${simpleText(f, item[f.id] as AnswerValue, lang, t)}`)
          .join("; "),
    )
    .join("\n");
};

export const simpleText = (q: SimpleQuestion, value: AnswerValue, lang: Language, t: Translate): string => {
  switch (q.type) {
    case "single-choice":
      return labelOf(q.options, value as string, lang);
    case "multiple-choice":
      return (value as string[]).map((id) => labelOf(q.options, id, lang)).join("; ");
    case "top-n":
      return (value as string[]).map((id, i) => `${i + 1}. ${labelOf(q.items, id, lang)}`).join("; ");
    case "scale":
    case "allocation":
      return Object.entries(value as Record<string, number>)
        .map(([id, n]) => `${labelOf(q.items, id, lang)}: ${n}`)
        .join("; ");
    case "money": {
      const money = value as Money;
      return formatMoney(money.amount, money.currency, lang);
    }
    case "yes-no":
      return t(value ? "common.yes" : "common.no");
    default:
      return String(value);
  }
};
