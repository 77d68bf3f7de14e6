// The front door (optional): CloudFront at the API's custom domain, with AWS WAF's managed rules, per-client rate limits and HSTS.
import { Aws, CfnRule, Duration, Fn } from "aws-cdk-lib";
import type * as apigw from "aws-cdk-lib/aws-apigatewayv2";
import type * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as wafv2 from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";

/**
 * Requests one client (IP address) may make in five minutes before WAF blocks it for a while. A
 * ministry's office may answer from behind one address; the sign-in has its own limits in the console,
 * and this one stops a flood before it costs an invocation.
 */
export const RATE_LIMITS = { respondents: 300, signIn: 30 };

export type FrontDoorProps = {
  /** The API's custom domain: CloudFront serves the same name and reaches the API through it. */
  apiDomain: apigw.DomainName;
  /** The name people use, e.g. consulta.oas.org. */
  domainName: string;
  /** Covers `domainName`, in us-east-1: CloudFront takes certificates from there only. */
  certificate: acm.ICertificate;
};

export class FrontDoor extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: FrontDoorProps) {
    super(scope, id);
    // A web ACL for CloudFront, and CloudFront's certificates, exist in us-east-1 only. The stack stays
    // environment-agnostic (synth needs no account), so the region is checked when it is deployed.
    new CfnRule(this, "InUsEast1", {
      assertions: [
        {
          assert: Fn.conditionEquals(Aws.REGION, "us-east-1"),
          assertDescription:
            "frontDoor: deploy this stack in us-east-1, where CloudFront's WAF web ACLs and certificates live",
        },
      ],
    });

    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const managed = (
      priority: number,
      name: string,
      ruleActionOverrides?: wafv2.CfnWebACL.RuleActionOverrideProperty[],
    ): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: "AWS", name, ruleActionOverrides } },
      visibilityConfig: visibility(name),
    });
    const rateLimited = (priority: number, name: string, pathPrefix: string, limit: number) => ({
      name,
      priority,
      action: { block: {} },
      statement: {
        rateBasedStatement: {
          limit,
          aggregateKeyType: "IP",
          scopeDownStatement: {
            byteMatchStatement: {
              fieldToMatch: { uriPath: {} },
              positionalConstraint: "STARTS_WITH",
              searchString: pathPrefix,
              textTransformations: [{ priority: 0, type: "NONE" }],
            },
          },
        },
      },
      visibilityConfig: visibility(name),
    });
    this.webAcl = new wafv2.CfnWebACL(this, "WebAcl", {
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      visibilityConfig: visibility("ConsultaFrontDoor"),
      rules: [
        rateLimited(0, "RespondentsPerClient", "/r/", RATE_LIMITS.respondents),
        rateLimited(1, "SignInPerClient", "/console/sign-in", RATE_LIMITS.signIn),
        managed(2, "AWSManagedRulesAmazonIpReputationList"),
        // Its 8 KB body limit would refuse long answers and spreadsheet imports: counted, not blocked
        // (the API's handlers limit bodies themselves).
        managed(3, "AWSManagedRulesCommonRuleSet", [
          { name: "SizeRestrictions_BODY", actionToUse: { count: {} } },
        ]),
        managed(4, "AWSManagedRulesKnownBadInputsRuleSet"),
      ],
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, "Headers", {
      comment: "Consulta: HSTS on every answer",
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
      },
    });

    this.distribution = new cloudfront.Distribution(this, "Distribution", {
      comment: `Consulta at ${props.domainName}`,
      domainNames: [props.domainName],
      certificate: props.certificate,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      webAclId: this.webAcl.attrArn,
      defaultBehavior: {
        // The API's custom domain, reached at its regional name with the viewer's Host header
        // (consulta.oas.org), which selects the domain's API mapping and matches its certificate.
        // The execute-api endpoint is off: there is no other origin to name.
        origin: new origins.HttpOrigin(props.apiDomain.regionalDomainName, {
          protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        // Every answer is personal (a respondent's form, a session's console): nothing is cached, and
        // with caching off AllViewer forwards the Authorization header as well as cookies and queries.
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER,
        responseHeadersPolicy: headers,
      },
    });
  }
}
