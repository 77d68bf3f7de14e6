// Which engine steps turn one language into another: direct where an engine has the pair, else via Spanish.
import type { Language } from "../languages.ts";

/** Apertium's Debian packages pair each language with Spanish only (eng-spa, es-fr, es-pt…). */
export const PIVOT: Language = "es";

/**
 * The languages a text passes through, source first and target last, or undefined when neither the
 * pair nor both legs through Spanish are available. Two steps cost a second engine pass and read
 * worse, so a direct pair always wins.
 */
export const translationRoute = (
  source: Language,
  target: Language,
  hasPair: (source: Language, target: Language) => boolean,
): Language[] | undefined => {
  if (source === target) return [source];
  if (hasPair(source, target)) return [source, target];
  if (source !== PIVOT && target !== PIVOT && hasPair(source, PIVOT) && hasPair(PIVOT, target))
    return [source, PIVOT, target];
  return undefined;
};
