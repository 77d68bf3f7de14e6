// The data concern: the one DynamoDB table every handler reads and writes (keys PK and SK, as the repository writes them).
import { RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";

/** Items carrying this attribute (epoch seconds) are deleted by DynamoDB after that time, e.g. sign-in links. */
export const TTL_ATTRIBUTE = "expiresAt";

export class Data extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new dynamodb.Table(this, "Table", {
      partitionKey: { name: "PK", type: dynamodb.AttributeType.STRING },
      sortKey: { name: "SK", type: dynamodb.AttributeType.STRING },
      // A few campaigns a year with bursts around deadlines: on-demand costs nothing while idle.
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The answers of the Ministries and the social partners: neither a stack update nor a teardown
      // may delete them. Deleting the table is a deliberate act in the console, after a backup.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
    });
  }
}
