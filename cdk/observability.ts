// The observability concern: alarms on what needs a person (dead letters, 5xx, function errors and throttles,
// refused console sign-ins) to one topic.
import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import type * as apigw from "aws-cdk-lib/aws-apigatewayv2";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { METRIC_NAMESPACE, SIGN_IN_REFUSED } from "../functions/http/metric-line.ts";

export type ObservabilityProps = {
  /** The Secretariat's IT contact; without one, subscribe to the topic by other means. */
  alarmEmail?: string | undefined;
  api: apigw.IHttpApi;
  functions: Record<string, lambda.IFunction>;
  emailJobs: sqs.IQueue;
  /** Every dead-letter queue, by the name its alarm takes. */
  deadLetterQueues: Record<string, sqs.IQueue>;
};

export class Observability extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, "Alarms", { enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    const period = Duration.minutes(5);
    // Traffic is a few hundred requests a day: a single failure is news, so most thresholds are 1.
    const alarm = (id: string, description: string, metric: cloudwatch.IMetric, threshold = 1) => {
      const a = new cloudwatch.Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No data means nothing happened, which for errors is good news.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(new actions.SnsAction(this.topic));
      a.addOkAction(new actions.SnsAction(this.topic));
      this.alarms.push(a);
    };

    for (const [id, dlq] of Object.entries(props.deadLetterQueues)) {
      alarm(
        id,
        `Messages failed every retry and wait in ${id}: read the consumer's logs, fix, then redrive.`,
        dlq.metricApproximateNumberOfMessagesVisible({ period, statistic: "Maximum" }),
      );
    }
    alarm(
      "EmailJobsStuck",
      "The oldest email job has waited an hour: the worker is not keeping up, or not running.",
      props.emailJobs.metricApproximateAgeOfOldestMessage({ period, statistic: "Maximum" }),
      3600,
    );
    alarm(
      "Api5xx",
      "The API answered with a server error (5xx): read the access logs and the handler's logs.",
      props.api.metricServerError({ period, statistic: "Sum" }),
    );
    // The console logs each refusal as an embedded metric (functions/http/metric-line.ts). An owner
    // refused after five tries from one client is news, and so is a crowd of clients asking.
    alarm(
      "SignInRefused",
      "A console sign-in request was refused by a rate limit: someone asked too often, from one client or many. The log line says which limit.",
      new cloudwatch.Metric({
        namespace: METRIC_NAMESPACE,
        metricName: SIGN_IN_REFUSED,
        period,
        statistic: "Sum",
      }),
    );
    for (const [name, fn] of Object.entries(props.functions)) {
      const id = name.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase());
      alarm(
        `${id}Errors`,
        `${name} failed (an uncaught error or a timeout).`,
        fn.metricErrors({ period, statistic: "Sum" }),
      );
      alarm(
        `${id}Throttles`,
        `${name} was throttled: it hit its concurrency limit.`,
        fn.metricThrottles({ period, statistic: "Sum" }),
      );
    }
  }
}
