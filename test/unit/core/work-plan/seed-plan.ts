// The 2018-2020 Work Plan's activities and Cuadro No. 1, rebuilt over the demo's inputs, with evidence linked.
import { proposeCandidates } from "../../../../functions/core/work-plan/candidates.ts";
import {
  addActivity,
  adopt,
  linkEvidence,
  setFreeSections,
  setRialFundAvailable,
} from "../../../../functions/core/work-plan/plan-changes.ts";
import {
  emptyWorkPlan,
  freeText,
  TO_BE_DEFINED,
  type ActivityKind,
  type FundingLine,
  type WorkPlan,
} from "../../../../functions/core/work-plan/work-plan.ts";
import { demoInputs } from "./demo.ts";

const who = { by: "secretariat@example.org", at: "2026-04-27T15:00:00.000Z" };
const usd = (amount: number) => ({ amount, currency: "USD" });
export const CANADA = "Proyecto de Canadá para la RIAL";
const rial = (amount: number): FundingLine => ({ source: "rial-fund", money: usd(amount) });
const canada = (amount: number): FundingLine => ({ source: "project", project: CANADA, money: usd(amount) });
const host = (memberCode: string): FundingLine => ({ source: "host-in-kind", memberCode });
const oas: FundingLine = { source: "oas" };

type SeedActivity = {
  title: string;
  kind: ActivityKind;
  place?: string;
  date?: string;
  hosts?: string[];
  funding: FundingLine[];
};

/** The seed's Cuadro No. 1, row by row: RIAL $104.000, Canada's project $133.000. */
export const SEED_ACTIVITIES: SeedActivity[] = [
  {
    title: "Taller RIAL sobre estrategias para mejorar el cumplimiento de la legislación laboral",
    kind: "rial-workshop",
    place: "Costa Rica",
    date: "6 y 7 de diciembre de 2018",
    hosts: ["CRI"],
    funding: [canada(34000), host("CRI")],
  },
  {
    title: "Taller RIAL “Las destrezas del futuro”",
    kind: "rial-workshop",
    place: "Chile",
    date: "primera quincena de mayo, 2019",
    hosts: ["CHL"],
    funding: [rial(35000), host("CHL")],
  },
  {
    title: "Estudio sobre transversalización de la perspectiva de género",
    kind: "study",
    date: "2019",
    funding: [canada(14000)],
  },
  {
    title: "Taller sobre transversalización de la perspectiva de género",
    kind: "rial-workshop",
    place: "Argentina",
    date: "mayo de 2020",
    hosts: ["ARG"],
    funding: [canada(40000), host("ARG")],
  },
  { title: "Reuniones virtuales de autoridades", kind: "virtual-meeting", funding: [oas] },
  {
    title: "Reunión de los Grupos de Trabajo y 1ª Preparatoria",
    kind: "working-group-meeting",
    place: "Ecuador",
    date: "noviembre de 2019",
    hosts: ["ECU"],
    funding: [rial(5000), host("ECU")],
  },
  {
    title: "Actividades 11ª Convocatoria RIAL (2018)",
    kind: "bilateral-cooperation-call",
    funding: [rial(40000), canada(5000), oas],
  },
  {
    title: "Actividades 12ª Convocatoria RIAL (2019)",
    kind: "bilateral-cooperation-call",
    funding: [rial(24000), canada(20000), oas],
  },
  {
    title: "Actividades 13ª Convocatoria RIAL (2020)",
    kind: "bilateral-cooperation-call",
    funding: [canada(20000), oas],
  },
];

/** The seed plan over the demo's inputs: activities 1, 2 and 6 cite candidates' evidence; adopted unless a draft is asked. */
export const seedPlan = (campaignId: string, options: { adopted?: boolean } = {}): WorkPlan => {
  const inputs = demoInputs();
  const candidates = proposeCandidates(inputs);
  let plan = emptyWorkPlan(campaignId, who);
  for (const a of SEED_ACTIVITIES)
    plan = addActivity(
      plan,
      {
        kind: a.kind,
        title: freeText("es", a.title),
        place: a.place ? freeText("es", a.place) : TO_BE_DEFINED,
        date: a.date ? freeText("es", a.date) : TO_BE_DEFINED,
        hosts: a.hosts ?? [],
        responsible: [],
        funding: a.funding,
        serves: [],
      },
      who,
    );
  const byRule = (rule: string) => candidates.filter((c) => c.rule === rule);
  plan = linkEvidence(plan, "a1", byRule("proposals")[0]?.evidence ?? [], who);
  plan = linkEvidence(plan, "a2", byRule("hosting")[0]?.evidence ?? [], who);
  plan = linkEvidence(plan, "a6", byRule("top-topic")[0]?.evidence.slice(0, 3) ?? [], who);
  plan = setFreeSections(
    plan,
    {
      supportingInitiatives: [
        { text: freeText("es", "Intensificar el uso de nuevas tecnologías en todas las actividades.") },
      ],
      organisationContributions: [
        {
          organisation: freeText("es", "Organización Internacional del Trabajo (OIT)"),
          text: freeText("es", "Presentó sus tres áreas prioritarias de acción a nivel regional."),
        },
      ],
    },
    who,
  );
  plan = setRialFundAvailable(plan, [usd(104000)], who);
  return options.adopted === false ? plan : adopt(plan, who);
};
