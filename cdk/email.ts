// The email concern: the SES sender identity (DKIM, MAIL FROM), a configuration set, and its sending events published to SNS.
import { Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as ses from "aws-cdk-lib/aws-ses";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";

export type EmailProps = {
  /** The From address of every email. */
  senderEmail: string;
  /** When set, the verified identity is this domain (DKIM records to publish) instead of the address. */
  senderDomain?: string | undefined;
  /**
   * The envelope sender (MAIL FROM, Return-Path) is `<this>.<senderDomain>`, so that SPF passes for a
   * domain aligned with From; without it SES uses amazonses.com, and only DKIM can satisfy DMARC.
   */
  mailFromSubdomain?: string;
  /**
   * The identity is already verified in the account (SES refuses to create it twice). The stack then
   * neither creates nor, at teardown, deletes it: a domain other senders share stays theirs.
   */
  senderIdentityExists?: boolean;
};

/** A DNS record to publish for the sender domain, as a line a DNS administrator reads. */
export type DnsRecord = { id: string; description: string; value: string };

export class Email extends Construct {
  readonly configurationSet: ses.ConfigurationSet;
  readonly events: sns.Topic;
  readonly identity: ses.EmailIdentity | undefined;
  /** What to publish in the sender domain's DNS before SES verifies it and mail aligns (stack outputs). */
  readonly dnsRecords: DnsRecord[] = [];
  private readonly senderEmail: string;
  private readonly senderDomain: string;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    this.senderEmail = props.senderEmail;
    this.senderDomain = props.senderDomain ?? props.senderEmail.split("@")[1]!;

    this.configurationSet = new ses.ConfigurationSet(this, "ConfigurationSet", {
      reputationMetrics: true,
      // SES stops sending to addresses that bounced or complained, account-wide, protecting the sender's reputation.
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.events = new sns.Topic(this, "Events", { enforceSSL: true });
    this.configurationSet.addEventDestination("ToSns", {
      destination: ses.EventDestination.snsTopic(this.events),
      // What ses-events records; each published event is an invocation, so no more than it reads.
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    // SES publishes as its service principal; the conditions keep other accounts' configuration sets out.
    this.events.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ["sns:Publish"],
        principals: [new iam.ServicePrincipal("ses.amazonaws.com")],
        resources: [this.events.topicArn],
        conditions: {
          StringEquals: { "aws:SourceAccount": Stack.of(this).account },
          ArnLike: { "aws:SourceArn": this.configurationSetArn() },
        },
      }),
    );

    const mailFromDomain =
      props.senderDomain && props.mailFromSubdomain
        ? `${props.mailFromSubdomain}.${props.senderDomain}`
        : undefined;
    this.identity = props.senderIdentityExists
      ? undefined
      : new ses.EmailIdentity(this, "Sender", {
          identity: props.senderDomain
            ? ses.Identity.domain(props.senderDomain)
            : ses.Identity.email(props.senderEmail),
          // Emails sent without naming a configuration set still publish their events.
          configurationSet: this.configurationSet,
          ...(props.senderDomain
            ? {
                // Signed as the From domain (DKIM aligns), with the longer key receivers now expect.
                dkimSigning: true,
                dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
                mailFromDomain,
                // Until its MX record is found, SES sends from amazonses.com rather than not at all:
                // DKIM alone still passes DMARC.
                mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
              }
            : {}),
        });

    // The records a created domain identity waits for; an existing identity's are its owner's business.
    if (this.identity && props.senderDomain) {
      this.dnsRecords = this.identity.dkimRecords.map((record, i) => ({
        id: `DkimRecord${i + 1}`,
        description:
          "Publish as a CNAME in the sender domain's DNS (DKIM: verifies the domain and signs as it)",
        value: `${record.name} CNAME ${record.value}`,
      }));
      if (mailFromDomain) {
        const region = Stack.of(this).region;
        this.dnsRecords.push(
          {
            id: "MailFromMxRecord",
            description: "Publish as an MX record: bounces come back to SES through the MAIL FROM domain",
            value: `${mailFromDomain} MX 10 feedback-smtp.${region}.amazonses.com`,
          },
          {
            id: "MailFromSpfRecord",
            description: "Publish as a TXT record: SPF for the MAIL FROM domain, aligned with From",
            value: `${mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
          },
        );
      }
    }
  }

  /**
   * Sends the sending events to `handler` (functions/handlers/ses-events.ts). Until a handler is
   * subscribed, events are published to the topic and nothing consumes them.
   */
  subscribe(handler: lambda.IFunction) {
    this.events.addSubscription(new subscriptions.LambdaSubscription(handler));
  }

  configurationSetArn() {
    return Stack.of(this).formatArn({
      service: "ses",
      resource: "configuration-set",
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /**
   * Lets a principal send as the sender, through this configuration set only. SES authorizes a send
   * against the address identity or, when only the domain is verified, the domain identity: both named.
   */
  grantSend(grantee: iam.IGrantable) {
    const stack = Stack.of(this);
    const identityArn = (name: string) =>
      stack.formatArn({ service: "ses", resource: "identity", resourceName: name });
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ["ses:SendEmail"],
      resourceArns: [
        identityArn(this.senderEmail),
        identityArn(this.senderDomain),
        this.configurationSetArn(),
      ],
    });
  }
}
