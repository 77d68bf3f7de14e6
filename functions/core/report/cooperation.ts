// Bilateral cooperation: needs and offers gathered by topic, so the meeting sees who could help whom, on what.
//
// Needs and offers are kept per topic rather than paired: a topic with many needs and many offers
// would make a list of pairs grow with their product, while the renderers only ever need, for one
// need, the offers on its topic.
import type { Member } from "../directory.ts";
import type { Language } from "../languages.ts";
import type { AnswerValue, GroupItem } from "../questionnaire/answers.ts";
import type { SimpleQuestion } from "../questionnaire/definition.ts";
import { simpleText } from "./answer-text.ts";
import type { Respondent } from "./aggregation.ts";
import type {
  Attribution,
  Cooperation,
  CooperationNeed,
  CooperationOffer,
  QuestionRef,
  Translate,
} from "./model.ts";
import type { CooperationRoles } from "./roles.ts";

/** Lower case, no accents, no punctuation: "Perú" and "peru" name the same member. */
export const normalizeName = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/^the /, "");

/** Every way the directory writes a member: its code and its name in each language. */
const memberIndex = (members: Member[]) => {
  const index = new Map<string, string>();
  for (const m of members) {
    index.set(normalizeName(m.code), m.code);
    for (const name of Object.values(m.name)) index.set(normalizeName(name), m.code);
  }
  return index;
};

/** How many counterparts (offers for a need, needs for an offer) a document names before "and N more". */
export const COUNTERPART_LIMIT = 25;

/** How many entries each member made on one topic: counted once per topic, read once per counterpart. */
export const entriesByMember = (entries: { code: string }[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.code, (counts.get(e.code) ?? 0) + 1);
  return counts;
};

/**
 * The first `limit` entries of a topic made by members other than `self`, and how many more there
 * are: naming every offer beside every need would grow with their product on a busy topic.
 */
export const counterparts = <T extends { code: string }>(
  entries: T[],
  perMember: Map<string, number>,
  self: string,
  limit = COUNTERPART_LIMIT,
): { shown: T[]; more: number } => {
  const shown: T[] = [];
  for (const entry of entries) {
    if (shown.length >= limit) break;
    if (entry.code !== self) shown.push(entry);
  }
  return { shown, more: entries.length - (perMember.get(self) ?? 0) - shown.length };
};

// "Chile y Perú", "Chile, Peru", "Chile / Peru", "Chile or Peru"…
const SEPARATORS = /\s*(?:[,;/|]|\s(?:y|e|o|ou|and|or|et)\s)\s*/iu;

export const buildCooperation = (
  roles: CooperationRoles,
  members: Member[],
  lang: Language,
  needsQuestion: QuestionRef,
  offersQuestion: QuestionRef,
  t: Translate,
  /** Puts entries in the respondents' order, whatever order they were visited in. */
  inOrder: <T extends { code: string }>(list: T[]) => T[] = (list) => list,
) => {
  const needs = new Map<string, CooperationNeed[]>();
  const offers = new Map<string, CooperationOffer[]>();
  const text = (field: SimpleQuestion | undefined, item: GroupItem) => {
    const value = field ? item[field.id] : undefined;
    return field && value !== undefined ? simpleText(field, value, lang, t) : undefined;
  };
  const attribution = (r: Respondent): Attribution => ({ code: r.code, member: r.member, group: r.group });
  const push = <T>(map: Map<string, T[]>, key: string, entry: T) => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  const topicOf = (item: GroupItem, field: SimpleQuestion) => {
    const topic = item[field.id];
    return typeof topic === "string" ? topic : "";
  };

  const visitNeeds = (r: Respondent, value: AnswerValue | undefined) => {
    if (!Array.isArray(value)) return;
    for (const item of value as GroupItem[]) {
      push(needs, topicOf(item, roles.needTopic), {
        ...attribution(r),
        description: text(roles.needText, item),
        preferredProvider: text(roles.preferredProvider, item),
        preferredOffers: undefined,
      });
    }
  };
  const visitOffers = (r: Respondent, value: AnswerValue | undefined) => {
    if (!Array.isArray(value)) return;
    for (const item of value as GroupItem[]) {
      const inPortfolio = roles.inPortfolio ? item[roles.inPortfolio.id] : undefined;
      push(offers, topicOf(item, roles.offerTopic), {
        ...attribution(r),
        programme: text(roles.offerText, item),
        inPortfolio: typeof inPortfolio === "boolean" ? inPortfolio : undefined,
      });
    }
  };

  const result = (): Cooperation => {
    for (const list of needs.values()) inOrder(list);
    for (const list of offers.values()) inOrder(list);
    const index = memberIndex(members);
    // The questionnaire's topic order, then any topic it no longer lists, then entries that named none.
    const known = roles.needTopic.options.map((o) => ({ id: o.id, label: o.label[lang] }));
    const ids = new Set(known.map((k) => k.id));
    const unknown = [...new Set([...needs.keys(), ...offers.keys()])]
      .filter((id) => id !== "" && !ids.has(id))
      .sort()
      .map((id) => ({ id, label: id }));
    const topics = [...known, ...unknown, { id: "", label: t("report.no-topic") }];
    let matchedNeeds = 0;
    const out: Cooperation["topics"] = [];
    for (const topic of topics) {
      const topicNeeds = needs.get(topic.id) ?? [];
      const topicOffers = offers.get(topic.id) ?? [];
      if (!topicNeeds.length && !topicOffers.length) continue;
      const offering = new Set(topicOffers.map((o) => o.code));
      out.push({
        ...topic,
        offers: topicOffers,
        needs: topicNeeds.map((need) => {
          if (offering.size > (offering.has(need.code) ? 1 : 0)) matchedNeeds++;
          const named = (need.preferredProvider ?? "")
            .split(SEPARATORS)
            .flatMap((part) => index.get(normalizeName(part)) ?? []);
          return {
            ...need,
            preferredOffers: named.length
              ? named.some((code) => code !== need.code && offering.has(code))
              : undefined,
          };
        }),
      });
    }
    const count = (map: Map<string, unknown[]>) => [...map.values()].reduce((n, list) => n + list.length, 0);
    return {
      needsQuestion,
      offersQuestion,
      topics: out,
      needs: count(needs),
      offers: count(offers),
      matchedNeeds,
    };
  };
  return { visitNeeds, visitOffers, result };
};
