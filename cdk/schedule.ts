// The schedule concern: the EventBridge rule that wakes the reminder handler, once there is one.
import { Duration } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";

export type ScheduleProps = {
  /**
   * The handler that queues due reminders (functions/handlers/send-reminders.ts). Without one this
   * construct creates nothing, so no rule ever fires at a target that is not there.
   */
  reminderHandler?: lambda.IFunction | undefined;
  /** How often reminders are looked for; reminder plans are in days, so hourly is plenty. */
  every?: Duration;
};

export class Schedule extends Construct {
  readonly reminders: events.Rule | undefined;

  constructor(scope: Construct, id: string, props: ScheduleProps = {}) {
    super(scope, id);
    if (!props.reminderHandler) return;
    this.reminders = new events.Rule(this, "Reminders", {
      schedule: events.Schedule.rate(props.every ?? Duration.hours(1)),
      targets: [new targets.LambdaFunction(props.reminderHandler, { retryAttempts: 2 })],
    });
  }
}
