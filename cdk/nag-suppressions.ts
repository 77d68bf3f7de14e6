// The cdk-nag AwsSolutions findings this stack accepts, each with the reason it is right for Consulta (checked by test/cdk/nag.test.ts).
import { Stack } from "aws-cdk-lib";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type * as s3 from "aws-cdk-lib/aws-s3";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { NagSuppressions } from "cdk-nag";
import type { HttpHandlerName } from "../functions/http/routes.ts";
import type { Api } from "./api.ts";
import type { FrontDoor } from "./front-door.ts";
import { HANDLERS, HANDLER_NAMES, type HandlerName } from "./functions.ts";
import { ATTACHMENTS_PREFIX, REPLIES_PREFIX, REPORTS_PREFIX } from "./reports.ts";

/**
 * Why a route needs no API Gateway authorizer, by the handler answering it. Every admin handler gets
 * one reason (ADMIN_ROUTE); any other handler must be named here, so a new kind of route fails the
 * nag test until someone has said how it authorizes.
 */
const OPEN_ROUTE_REASONS: Partial<Record<HttpHandlerName, string>> = {
  "respondent-form":
    "Respondents have no accounts to authorize: their route is guarded by the handler, which accepts only the 256-bit token of their own invitation link, stored as a hash, and grants nothing beyond that one answer.",
  unsubscribe:
    "Mail clients post the one-click unsubscribe (RFC 8058) without credentials: the route is guarded by the handler, which accepts only the hash of a 256-bit invitation link that is still the contact's, and can only stop that contact's reminders.",
  "static-asset":
    "The assets and accessibility routes serve only the form's public script and the public accessibility statement, which hold no data and must load for respondents and readers who have no credentials.",
  console:
    "The console authorizes in its handler with a server-side session behind a signed cookie, obtained only through a one-time link emailed to an allowlisted address, and its sign-in pages must open before anyone has a session.",
};

const ADMIN_ROUTE =
  "The admin API's handlers check the bearer token from Secrets Manager in constant time before doing anything (functions/http/admin-auth.ts), so an API Gateway authorizer would repeat that check with one more Lambda invocation per call.";

export type NagSuppressionsProps = {
  api: Api;
  reportsBucket: s3.Bucket;
  adminToken: secretsmanager.ISecret;
  sessionSecret: secretsmanager.ISecret;
  functions: Record<HandlerName, lambda.IFunction>;
  frontDoor?: FrontDoor | undefined;
};

/** Records each accepted finding as cdk_nag metadata on its resource, so `cdk synth` writes the same template with or without the checks. */
export const suppressNagFindings = (props: NagSuppressionsProps) => {
  for (const { handler, route } of props.api.routes) {
    const reason = HANDLERS[handler].admin ? ADMIN_ROUTE : OPEN_ROUTE_REASONS[handler];
    if (reason) NagSuppressions.addResourceSuppressions(route, [{ id: "AwsSolutions-APIG4", reason }]);
  }

  NagSuppressions.addResourceSuppressions(props.reportsBucket, [
    {
      id: "AwsSolutions-S1",
      reason:
        "The bucket is private and reached only through the functions' roles, its reports read through five-minute presigned links issued to the signed-in Secretariat, so server access logs would record only a few downloads per campaign, not worth a second bucket to secure, keep and empty at teardown.",
    },
  ]);

  NagSuppressions.addResourceSuppressions(props.adminToken, [
    {
      id: "AwsSolutions-SMG4",
      reason:
        "The admin token is held by the Secretariat's CLI and scripts, so a scheduled rotation would break them without warning and need a rotation Lambda, and it is replaced by hand instead when someone who knew it leaves (cdk/README.md, Secrets).",
    },
  ]);
  NagSuppressions.addResourceSuppressions(props.sessionSecret, [
    {
      id: "AwsSolutions-SMG4",
      reason:
        "The session key only signs console sessions of at most eight hours, and as each container keeps the value it read at start, a scheduled rotation would need a rotation Lambda, sign the Secretariat out and leave old and new containers disagreeing, so it is replaced by hand if it may have leaked.",
    },
  ]);

  if (props.frontDoor) {
    NagSuppressions.addResourceSuppressions(props.frontDoor.distribution, [
      {
        id: "AwsSolutions-CFR3",
        reason:
          "Every request CloudFront forwards is recorded in the API's access logs and those WAF blocks in its sampled requests and metrics, so CloudFront's own logs would repeat them at the price of a bucket with ACLs enabled.",
      },
      {
        id: "AwsSolutions-CFR1",
        reason:
          "The respondents are the labor ministries and social partners of every OAS member state, answering from wherever they work, so no country can be refused in advance.",
      },
    ]);
  }

  // The one wildcard in any grant: report file names are made per campaign at run time, so the
  // grant names the prefix. Suppressed by the exact finding, not by a pattern, so any other wildcard fails.
  const stack = Stack.of(props.reportsBucket);
  const bucketId = stack.getLogicalId(props.reportsBucket.node.defaultChild as s3.CfnBucket);
  const reportObjects = `Resource::<${bucketId}.Arn>/${REPORTS_PREFIX}*`;
  const attachmentObjects = `Resource::<${bucketId}.Arn>/${ATTACHMENTS_PREFIX}*`;
  for (const name of HANDLER_NAMES) {
    const spec = HANDLERS[name];
    // The grants land in the role's default policy, the resource the finding is on.
    const policy = props.functions[name].role?.node.tryFindChild("DefaultPolicy");
    if (spec.translates && policy)
      NagSuppressions.addResourceSuppressions(policy, [
        {
          id: "AwsSolutions-IAM5",
          reason:
            "The action translate:TranslateText acts on no resource (only custom terminologies have ARNs), so IAM accepts only '*'; the action alone is granted, to the worker alone.",
          appliesTo: ["Resource::*"],
        },
      ]);
    if (spec.keepsReplies && policy)
      NagSuppressions.addResourceSuppressions(policy, [
        {
          id: "AwsSolutions-IAM5",
          reason:
            "The role may only put or get objects under replies/, and the wildcard stands for the documents members send back, named per campaign, member and time at run time.",
          appliesTo: [`Resource::<${bucketId}.Arn>/${REPLIES_PREFIX}*`],
        },
      ]);
    if (spec.attachments && policy)
      NagSuppressions.addResourceSuppressions(policy, [
        {
          id: "AwsSolutions-IAM5",
          reason:
            "The role may only get (and for the form, put) objects under attachments/, and the wildcard stands for the campaign, member and random file id, made at upload time.",
          appliesTo: [attachmentObjects],
        },
      ]);
    if (!(spec.writesReports || spec.readsReports) || !policy) continue;
    NagSuppressions.addResourceSuppressions(policy, [
      {
        id: "AwsSolutions-IAM5",
        reason:
          "The role may only put or get objects under reports/, and the wildcard stands for the report file names, which are generated per campaign at run time.",
        appliesTo: [reportObjects],
      },
    ]);
  }
};
