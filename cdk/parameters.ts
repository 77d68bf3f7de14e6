// Deployment parameters: read once from CDK context (cdk.json or -c key=value) and validated before any resource exists.
import * as z from "zod";

/** Values of `-c key=value` arrive as strings, those of cdk.json as JSON: both are accepted. */
const flag = z.union([z.boolean(), z.enum(["true", "false"])]).transform((v) => v === true || v === "true");

/** CloudWatch Logs accepts only these retention periods (days). */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 3653];

const Context = z
  .object({
    stage: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,19}$/, "lower-case letters, digits and dashes, 20 at most")
      .default("dev"),
    senderEmail: z.email().default("consulta@example.org"),
    senderDomain: z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, "a domain name")
      .optional(),
    senderIdentityExists: flag.default(false),
    alarmEmail: z.email().optional(),
    customDomain: z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, "a domain name")
      .optional(),
    certificateArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, "an ACM certificate ARN")
      .optional(),
    publicBaseUrl: z
      .url()
      .transform((u) => u.replace(/\/$/, ""))
      .optional(),
    secretariatAllowlist: z
      .union([z.string(), z.array(z.string())])
      .transform((list) =>
        (typeof list === "string" ? list.split(",") : list)
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(z.email("a comma-separated list of email addresses"))
          // Lambda holds 4 KB of environment in all; the list is one variable of the console's.
          .refine((list) => list.join(",").length <= 1024, "1024 characters at most, commas included"),
      )
      .default([]),
    sendRatePerSecond: z.coerce.number().positive().max(10_000).default(14),
    logRetentionDays: z.coerce
      .number()
      .int()
      .refine((d) => RETENTION_DAYS.includes(d), `one of ${RETENTION_DAYS.join(", ")}`)
      .default(90),
  })
  .refine((c) => !c.customDomain === !c.certificateArn, {
    message: "customDomain and certificateArn go together: give both or neither",
  })
  .refine(
    (c) => !c.senderDomain || c.senderEmail.toLowerCase().endsWith(`@${c.senderDomain.toLowerCase()}`),
    {
      message: "senderEmail must be an address of senderDomain",
    },
  );

export type Parameters = z.output<typeof Context>;

/** The context keys this app reads; anything else in the context belongs to the CDK itself. */
export const PARAMETER_KEYS = Object.keys(Context.shape) as (keyof Parameters)[];

/** Parses the app's parameters from a context lookup; throws one error listing every bad value. */
export const readParameters = (context: (key: string) => unknown): Parameters => {
  const given = Object.fromEntries(
    PARAMETER_KEYS.map((key) => [key, context(key)]).filter(
      ([, value]) => value !== undefined && value !== "",
    ),
  );
  const parsed = Context.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
      .join("; ");
    throw new Error(`Invalid CDK context: ${problems}`);
  }
  return parsed.data;
};
