// The three groups of the tripartite consultation a respondent answers for: governments, workers, employers.
import * as z from "zod";

export const RESPONDENT_GROUPS = ["government", "workers", "employers"] as const;
export const RespondentGroup = z.enum(RESPONDENT_GROUPS);
export type RespondentGroup = z.infer<typeof RespondentGroup>;
