// The observability concern: alarms on what needs a person (dead letters, old email jobs, the API's 5xx rate,
// SES reputation, refused console sign-ins), to one topic.
import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import type * as apigw from "aws-cdk-lib/aws-apigatewayv2";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { METRIC_NAMESPACE, METRIC_SERVICE, SIGN_IN_REFUSED } from "../functions/http/metric-names.ts";

/**
 * SES puts an account under review at a 5 % bounce rate or 0.1 % complaint rate, and may pause its
 * sending at 10 % or 0.5 %: these thresholds leave time to act first (fractions, as SES reports them).
 */
export const SES_REPUTATION_THRESHOLDS = { bounceRate: 0.02, complaintRate: 0.0005 };

/** Percent of the API's answers in five minutes that were server errors. */
export const API_5XX_PERCENT = 5;

export type ObservabilityProps = {
  /** The Secretariat's IT contact; without one, subscribe to the topic by other means. */
  alarmEmail?: string | undefined;
  api: apigw.IHttpApi;
  emailJobs: sqs.IQueue;
  /** Every dead-letter queue, by the name its alarm takes. */
  deadLetterQueues: Record<string, sqs.IQueue>;
};

/**
 * No alarm per function: the HTTP handlers turn errors into 500s (the API's 5xx rate sees them), the
 * worker reports failed jobs back to the queue (their age and the dead-letter queue see them), and
 * a throttled function shows up in one of those as well.
 */
export class Observability extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, "Alarms", { enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    const period = Duration.minutes(5);
    const alarm = (
      id: string,
      description: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      comparisonOperator = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    ) => {
      const a = new cloudwatch.Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator,
        // No data means nothing happened, which for errors is good news.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      // Only bad news is mailed: an "OK" a few minutes later would teach people to ignore the topic.
      a.addAlarmAction(new actions.SnsAction(this.topic));
      this.alarms.push(a);
    };

    for (const [id, dlq] of Object.entries(props.deadLetterQueues)) {
      alarm(
        id,
        `Messages failed every retry and wait in ${id}: read the consumer's logs, fix, then redrive.`,
        // SQS reports each minute: the first dead letter is news at once.
        dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: "Maximum" }),
        0,
        cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      );
    }
    alarm(
      "EmailJobsStuck",
      "The oldest email job has waited an hour: the worker is not keeping up, or not running.",
      props.emailJobs.metricApproximateAgeOfOldestMessage({ period, statistic: "Maximum" }),
      3600,
    );
    // A rate, not a count: one 500 among a deadline's thousands of requests is not a page, a run of them is.
    // With so little traffic a single failure among a handful of requests still counts, as it should.
    alarm(
      "Api5xxRate",
      `${API_5XX_PERCENT} % or more of the API's answers in five minutes were server errors (5xx): read the access logs and the handler's logs.`,
      new cloudwatch.MathExpression({
        expression: "IF(requests > 0, 100 * errors / requests, 0)",
        usingMetrics: {
          errors: props.api.metricServerError({ period, statistic: "Sum" }),
          requests: props.api.metricCount({ period, statistic: "Sum" }),
        },
        period,
        label: "5xx %",
      }),
      API_5XX_PERCENT,
    );
    // The account's reputation, as SES measures it over its recent sending (not per message).
    const reputation = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: "AWS/SES",
        metricName,
        period: Duration.hours(1),
        statistic: "Maximum",
      });
    alarm(
      "SesBounceRate",
      "SES reports a bounce rate of 2 % or more (review at 5 %): check the directory's addresses (the bounces are recorded per contact).",
      reputation("Reputation.BounceRate"),
      SES_REPUTATION_THRESHOLDS.bounceRate,
    );
    alarm(
      "SesComplaintRate",
      "SES reports a complaint rate of 0.05 % or more (review at 0.1 %): someone marked our mail as spam; find who in the recorded complaints.",
      reputation("Reputation.ComplaintRate"),
      SES_REPUTATION_THRESHOLDS.complaintRate,
    );
    // The console logs each refusal as an embedded metric (functions/http/metric-names.ts). An owner
    // refused after five tries from one client is news, and so is a crowd of clients asking.
    alarm(
      "SignInRefused",
      "A console sign-in request was refused by a rate limit: someone asked too often, from one client or many. The log line says which limit.",
      new cloudwatch.Metric({
        namespace: METRIC_NAMESPACE,
        metricName: SIGN_IN_REFUSED,
        dimensionsMap: { service: METRIC_SERVICE },
        period,
        statistic: "Sum",
      }),
      1,
    );
  }
}
