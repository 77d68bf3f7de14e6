// One structured logger and one metrics writer for every function: Powertools for AWS Lambda, the
// Lambda convention (JSON lines carrying the invocation's context; metrics as embedded-metric lines, so
// no CloudWatch client and no metric filter). Locally the same lines go to the console.
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";

import { METRIC_NAMESPACE, METRIC_SERVICE } from "../http/metric-names.ts";

export const logger = new Logger({ serviceName: METRIC_SERVICE });

const metrics = new Metrics({ namespace: METRIC_NAMESPACE, serviceName: METRIC_SERVICE });

/** One count of `name`, published at once (a handler may not reach its end normally). */
export const countMetric = (name: string, detail: Record<string, string> = {}) => {
  metrics.addMetric(name, MetricUnit.Count, 1);
  for (const [key, value] of Object.entries(detail)) metrics.addMetadata(key, value);
  metrics.publishStoredMetrics();
};
