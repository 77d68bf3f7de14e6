// fauxqs, an SQS, SNS and S3 protocol emulator, run in this process on a free loopback port, with the
// real SDK clients pointed at it: the adapters' requests are parsed and answered as AWS would.
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { buildApp } from "fauxqs";

export type AwsEmulator = Awaited<ReturnType<typeof startAwsEmulator>>;

export const startAwsEmulator = async () => {
  // buildApp rather than startFauxqs: the latter listens on every interface, this only on loopback.
  const app = buildApp({ logger: false });
  const endpoint = await app.listen({ port: 0, host: "127.0.0.1" });
  const options = {
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  };
  return {
    endpoint,
    sqs: new SQSClient(options),
    sns: new SNSClient(options),
    // Virtual-hosted buckets would need a DNS name for each bucket; path style needs none.
    s3: new S3Client({ ...options, forcePathStyle: true }),
    stop: () => app.close(),
  };
};

/** Counts the commands a client is given from now on, by name (the SDK's own retries aside). */
export const countCommands = (client: SQSClient | S3Client | SNSClient) => {
  const counts: Record<string, number> = {};
  // Every client's stack works alike; one type is enough to write the counter.
  const stack = client.middlewareStack as SQSClient["middlewareStack"];
  stack.remove("countCommands");
  stack.add(
    (next, context) => (args) => {
      const name = context.commandName ?? "unknown";
      counts[name] = (counts[name] ?? 0) + 1;
      return next(args);
    },
    { step: "initialize", name: "countCommands" },
  );
  return counts;
};
