// Lambda events as API Gateway (HTTP API, payload 2.0), SQS, SNS and EventBridge deliver them.
import { matchRoute } from "../functions/http/routes.ts";

type HttpOptions = { query?: Record<string, string>; headers?: Record<string, string>; body?: unknown };

/** An HTTP API event for `method path`, routed by the shared route table as API Gateway would. */
export const httpEvent = (method: string, path: string, options: HttpOptions = {}) => {
  const match = matchRoute(method, path);
  if (!match) throw new Error(`No route for ${method} ${path}`);
  const routeKey = `${match.route.method} ${match.route.path}`;
  const query = options.query ?? {};
  const now = new Date();
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body);
  return {
    version: "2.0",
    routeKey,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: {
      host: "consulta.example.org",
      "user-agent": "bench",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
    },
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.params).length ? { pathParameters: match.params } : {}),
    requestContext: {
      accountId: "123456789012",
      apiId: "bench",
      domainName: "consulta.example.org",
      domainPrefix: "consulta",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "bench" },
      requestId: `bench-${now.getTime()}`,
      routeKey,
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body === undefined ? { isBase64Encoded: false } : { body, isBase64Encoded: false }),
  };
};

/** One SQS message carrying `body` as JSON, as the email-jobs event source delivers it. */
export const sqsEvent = (body: unknown) => ({
  Records: [
    {
      messageId: "bench-message",
      receiptHandle: "bench",
      body: JSON.stringify(body),
      attributes: {},
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:EmailJobs",
      awsRegion: "us-east-1",
    },
  ],
});

/** One SNS notification carrying `message` as JSON, as SES event publishing sends it. */
export const snsEvent = (message: unknown) => ({
  Records: [
    {
      EventSource: "aws:sns",
      EventVersion: "1.0",
      EventSubscriptionArn: "arn:aws:sns:us-east-1:123456789012:EmailEvents:bench",
      Sns: {
        Type: "Notification",
        MessageId: "bench-notification",
        TopicArn: "arn:aws:sns:us-east-1:123456789012:EmailEvents",
        Subject: null,
        Message: JSON.stringify(message),
        Timestamp: new Date().toISOString(),
        SignatureVersion: "1",
        Signature: "",
        SigningCertUrl: "",
        UnsubscribeUrl: "",
        MessageAttributes: {},
      },
    },
  ],
});

/** The hourly EventBridge rule's event. */
export const scheduledEvent = () => ({
  version: "0",
  id: "bench",
  "detail-type": "Scheduled Event",
  source: "aws.events",
  account: "123456789012",
  time: new Date().toISOString(),
  region: "us-east-1",
  resources: ["arn:aws:events:us-east-1:123456789012:rule/Reminders"],
  detail: {},
});
