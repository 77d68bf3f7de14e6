// Bounded concurrency for work on many items, such as creating the invitations of a large campaign.

/**
 * Runs `work` on each item, at most `limit` at a time. On the first failure it starts no more, lets
 * those already running finish, then throws that failure.
 */
export const forEachConcurrently = async <T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> => {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (!failure && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw failure.error;
};
