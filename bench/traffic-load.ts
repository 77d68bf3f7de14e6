// The respondent-traffic load generator: autocannon in its own process, against the local stack in the parent.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { printResult } from "./child.ts";

export type LoadTarget = {
  /** A member's answer; drafts are counted per key. */
  key: string;
  path: string;
  /** POST only: the url-encoded draft, without baseVersion. */
  body?: string;
  /** POST only: the stored version when the phase starts. */
  version?: number;
};
export type LoadSpec = {
  origin: string;
  method: "GET" | "POST";
  connections: number;
  seconds: number;
  targets: LoadTarget[];
};
export type LoadResult = {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  statuses: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
  /** POST only: saves acknowledged (303) per key. */
  acks: Record<string, number>;
};

type Context = { key?: string; version?: number };

export const runLoad = async (spec: LoadSpec): Promise<LoadResult> => {
  // Requests go round the targets, so concurrent connections rarely hold the same answer; a draft is
  // based on the latest version this process saw acknowledged, as a colleague's reloaded page would be.
  let next = 0;
  const versions = new Map(spec.targets.map((t) => [t.key, t.version ?? 0]));
  const acks: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  const result = await autocannon({
    url: spec.origin,
    connections: spec.connections,
    duration: spec.seconds,
    requests: [
      {
        setupRequest: (request, context: Context) => {
          const target = spec.targets[next++ % spec.targets.length]!;
          context.key = target.key;
          if (spec.method === "GET") {
            return { ...request, method: "GET", path: target.path, headers: { accept: "text/html" } };
          }
          const version = versions.get(target.key) ?? 0;
          context.version = version;
          const body = `${target.body}&baseVersion=${version}`;
          return {
            ...request,
            method: "POST",
            path: target.path,
            // autocannon adds the Content-Length.
            headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
            body,
          };
        },
        onResponse: (status, _body, context: Context) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (spec.method === "POST" && status === 303 && context.key !== undefined) {
            acks[context.key] = (acks[context.key] ?? 0) + 1;
            const saved = (context.version ?? 0) + 1;
            versions.set(context.key, Math.max(versions.get(context.key) ?? 0, saved));
          }
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    statuses,
    errors: result.errors + result.timeouts,
    acks,
  };
};

if (import.meta.main) {
  const spec = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as LoadSpec;
  printResult(await runLoad(spec));
}
