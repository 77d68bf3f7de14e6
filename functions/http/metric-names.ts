// The names of the metrics the functions publish (functions/adapters/telemetry.ts) and the stack alarms
// on (cdk/observability.ts): one place, so the two never drift apart.

export const METRIC_NAMESPACE = "Consulta";
/** The `service` dimension Powertools Metrics puts on every metric. */
export const METRIC_SERVICE = "consulta";
/** A console sign-in request a rate limit refused; the stack alarms on it. */
export const SIGN_IN_REFUSED = "SignInRefused";
