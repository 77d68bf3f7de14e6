// A chosen moment to die: the local stack kills its own process (SIGKILL, as `kill -9` would) right
// after a named storage call completes, so the crash tests hit the windows between a use case's
// writes every time instead of by luck. Set by CONSULTA_LOCAL_CRASH_AFTER; never in AWS.
import type { Repository } from "../core/ports.ts";

/**
 * `method` or `method:kind` (an email record's kind, for createEmail): e.g. `putResponseVersion`,
 * `createEmail:receipt`. The process dies after that call's first success.
 */
export const crashAfter = (repository: Repository, point: string): Repository => {
  const [method, kind] = point.split(":");
  return new Proxy(repository, {
    get: (target, prop: keyof Repository) => {
      const real = target[prop];
      if (prop !== method || typeof real !== "function") return real;
      return async (...args: unknown[]) => {
        const result: unknown = await (real as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        const first = args[0] as { kind?: string } | undefined;
        if (!kind || first?.kind === kind) process.kill(process.pid, "SIGKILL");
        return result;
      };
    },
  });
};
