// What the kinds that take a number per item (scale, allocation) share: a row per item on the form and
// a column per item in the report.
import type { Language } from "../../languages.ts";
import type { ListItem } from "../definition.ts";
import type { ViewContext } from "./kind.ts";

/** Form: each item is a row; an error about an item shows in its row and points at its first control. */
export const itemControl = {
  rowKeys: (q: { items: ListItem[] }) => q.items.map((i) => i.id),
  ownsRow: (q: { items: ListItem[] }, [first]: string[]) =>
    first !== undefined && q.items.some((i) => i.id === first),
  control: (q: { items: ListItem[] }, anchor: string, _path: string, [first]: string[]) => {
    const row = first !== undefined && q.items.some((i) => i.id === first) ? first : q.items[0]?.id;
    return `f-${anchor}-${row ?? ""}`;
  },
  rowLabel: (q: { items: ListItem[] }, [first]: string[], lang: Language) =>
    first === undefined ? undefined : q.items.find((i) => i.id === first)?.label[lang],
};

/** The parts of an item's row every such kind shows. */
export const itemView = (i: ListItem, c: ViewContext) => ({
  id: i.id,
  label: i.label[c.lang],
  name: `${c.name}[${i.id}]`,
  controlId: `f-${c.anchor}-${i.id}`,
  error: c.rowError(i.id, i.label[c.lang]),
});

/** One column per item, so each item's numbers can be sorted and summed. */
export const itemColumns = (q: { label: Record<Language, string>; items: ListItem[] }, lang: Language) =>
  q.items.map((item) => ({
    itemId: item.id,
    item: item.label[lang],
    header: `${q.label[lang]} — ${item.label[lang]}`,
  }));

/** One item's number, if the answer holds one. */
export const itemScore = (value: unknown, id: string) => {
  const score = (value as Record<string, number> | undefined)?.[id];
  return typeof score === "number" ? score : undefined;
};
