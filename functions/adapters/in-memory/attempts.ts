// Rate counters in memory.
import type { AttemptStore } from "../../core/ports.ts";

export const inMemoryAttemptStore = (): AttemptStore => {
  const counted = new Map<string, number>();
  return {
    countAttempt: async (key, windowStart, limit) => {
      const counter = `${key}\u0000${windowStart}`;
      const attempts = counted.get(counter);
      // As the table's condition reads: the first attempt of a window is always counted.
      if (attempts !== undefined && attempts >= limit) return false;
      counted.set(counter, (attempts ?? 0) + 1);
      return true;
    },
  };
};
