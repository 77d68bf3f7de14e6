// What several sheets of the workbook share: the groups present, rates, the members' order by subregion.
import { SUBREGIONS, type Subregion } from "../../directory.ts";
import { RESPONDENT_GROUPS, type RespondentGroup } from "../../questionnaire/definition.ts";
import type { InputsReport, Translate } from "../model.ts";
import { groupName, subregionName } from "../strings.ts";

export const groupsOf = (report: InputsReport): RespondentGroup[] =>
  RESPONDENT_GROUPS.filter((g) => report.groups.some((c) => c.group === g));

export const rate = (answered: number, invited: number) => (invited ? answered / invited : undefined);

/** Where a member's subregion comes in the directory's order; members without one come last. */
export const subregionPlace = (r: { subregion: Subregion | undefined }) =>
  r.subregion ? SUBREGIONS.indexOf(r.subregion) : SUBREGIONS.length;

/** Subregion for each attributed answer, from the respondents' list. */
export const subregionIndex = (report: InputsReport, t: Translate) =>
  new Map(report.respondents.map((r) => [r.code, subregionName(t, r.subregion)]));

/** The four cells that name a member on every per-member sheet: name, code, group, subregion. */
export const memberCells = (
  t: Translate,
  m: { name: string; code: string; group: RespondentGroup; subregion: Subregion | undefined },
) => [m.name, m.code, groupName(t, m.group), subregionName(t, m.subregion)];
