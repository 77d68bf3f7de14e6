// CloudWatch metrics as log lines (the embedded metric format): Lambda's log becomes the metric, with no
// client in the bundle and no metric filter to keep in step with the text.

export const METRIC_NAMESPACE = "Consulta";
/** A console sign-in request a rate limit refused; the stack alarms on it. */
export const SIGN_IN_REFUSED = "SignInRefused";

/**
 * One count of `metric`, without dimensions so one alarm sees them all; `detail` stays in the log
 * line for whoever reads it (which limit, never the address or the client).
 */
export const metricLine = (metric: string, at: Date, detail: Record<string, string> = {}): string =>
  JSON.stringify({
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        { Namespace: METRIC_NAMESPACE, Dimensions: [[]], Metrics: [{ Name: metric, Unit: "Count" }] },
      ],
    },
    level: "warn",
    msg: metric,
    ...detail,
    [metric]: 1,
  });
