// The reports concern: the private, versioned bucket the compiled Excel and HTML reports are written to.
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

/** Where compiled reports are written (functions/core/compile-inputs-report.ts); grants stop at this prefix. */
export const REPORTS_PREFIX = "reports/";
/** Where the documents members send back are kept (functions/core/word-replies.ts). */
export const REPLIES_PREFIX = "replies/";
/** Where members' attached files are kept (functions/core/attachments.ts); grants stop at this prefix. */
export const ATTACHMENTS_PREFIX = "attachments/";

export type ReportsProps = {
  /** How long an overwritten or deleted report version is kept before it expires. */
  noncurrentVersionDays?: number;
};

export class Reports extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ReportsProps = {}) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, "Bucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // SSE-S3: encrypted at rest with no key policy to keep in step with the grants below.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [
        {
          id: "expire-old-versions",
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays ?? 90),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      // Reports are the record of what each planning meeting discussed: a teardown keeps them.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Lets a principal write report objects, and nothing else: no read, no delete, no ACL. */
  grantWriteReports(grantee: iam.IGrantable) {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ["s3:PutObject"],
      resourceArns: [this.bucket.arnForObjects(`${REPORTS_PREFIX}*`)],
    });
  }

  /**
   * Lets a principal read members' attached files, and with `write` store them (itself, or by the
   * presigned POST it signs for a browser). No list, no delete: a file is never overwritten or removed.
   */
  grantAttachments(grantee: iam.IGrantable, write: boolean) {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: write ? ["s3:GetObject", "s3:PutObject"] : ["s3:GetObject"],
      resourceArns: [this.bucket.arnForObjects(`${ATTACHMENTS_PREFIX}*`)],
    });
  }

  /** Lets the respondents' browsers post a file straight to the bucket from the form's origin. */
  allowUploadsFrom(origin: string) {
    this.bucket.addCorsRule({
      allowedMethods: [s3.HttpMethods.POST],
      allowedOrigins: [origin],
      allowedHeaders: ["*"],
      maxAge: 3600,
    });
  }

  /**
   * Lets a principal read report objects, which is what a presigned download link needs: the link
   * carries the signer's authority (functions/adapters/s3-blob-store.ts). No list, no write.
   */
  /** Lets a principal keep and read back documents members send (replies/), and nothing else. */
  grantReplies(grantee: iam.IGrantable) {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ["s3:PutObject", "s3:GetObject"],
      resourceArns: [this.bucket.arnForObjects(`${REPLIES_PREFIX}*`)],
    });
  }

  grantReadReports(grantee: iam.IGrantable) {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ["s3:GetObject"],
      resourceArns: [this.bucket.arnForObjects(`${REPORTS_PREFIX}*`)],
    });
  }
}
