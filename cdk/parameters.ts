// Deployment parameters: read once from CDK context (cdk.json or -c key=value) and validated before any resource exists.
import * as z from "zod";

/** Values of `-c key=value` arrive as strings, those of cdk.json as JSON: both are accepted. */
const flag = z.union([z.boolean(), z.enum(["true", "false"])]).transform((v) => v === true || v === "true");

/** Stages that send real campaigns: they must send as a domain that SPF, DKIM and DMARC can vouch for. */
export const PRODUCTION_STAGES = ["prod", "production"];

const domainName = z
  .string()
  .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, "a domain name")
  .transform((d) => d.toLowerCase());

/** CloudWatch Logs accepts only these retention periods (days). */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 3653];

const Context = z
  .object({
    stage: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,19}$/, "lower-case letters, digits and dashes, 20 at most")
      .default("dev"),
    senderEmail: z.email().default("consulta@example.org"),
    senderDomain: domainName.optional(),
    // The envelope sender's domain (Return-Path): a subdomain of senderDomain, so SPF aligns with From.
    mailFromSubdomain: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i, "one DNS label, such as mail")
      .transform((d) => d.toLowerCase())
      .default("mail"),
    senderIdentityExists: flag.default(false),
    /** Where replies to any email go: the Secretariat's mailbox, not the unattended sender. */
    replyToEmail: z.email().optional(),
    alarmEmail: z.email().optional(),
    customDomain: domainName.optional(),
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
    /** CloudFront with AWS WAF in front of the API (needs customDomain, and the stack in us-east-1). */
    frontDoor: flag.default(false),
    sendRatePerSecond: z.coerce.number().positive().max(10_000).default(14),
    /**
     * Reserve the email workers' concurrency. Off by default: the event source's maximum concurrency
     * already bounds them, and a new account's quota of 10 leaves nothing to reserve.
     */
    reserveWorkerConcurrency: flag.default(false),
    logRetentionDays: z.coerce
      .number()
      .int()
      .refine((d) => RETENTION_DAYS.includes(d), `one of ${RETENTION_DAYS.join(", ")}`)
      .default(90),
  })
  .refine((c) => !c.customDomain === !c.certificateArn, {
    message: "customDomain and certificateArn go together: give both or neither",
  })
  .refine((c) => !c.senderDomain || c.senderEmail.toLowerCase().endsWith(`@${c.senderDomain}`), {
    message: "senderEmail must be an address of senderDomain",
  })
  .refine((c) => !PRODUCTION_STAGES.includes(c.stage) || c.senderDomain, {
    message:
      "a production stage sends as a domain identity (DKIM, custom MAIL FROM): give senderDomain, the domain of senderEmail",
  })
  .refine((c) => !PRODUCTION_STAGES.includes(c.stage) || c.replyToEmail, {
    message: "a production stage needs replyToEmail, the Secretariat's mailbox that replies reach",
  })
  .refine((c) => !c.frontDoor || c.customDomain, {
    message:
      "frontDoor needs customDomain and certificateArn: CloudFront serves that name, and the API's own endpoint is turned off",
  });

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
