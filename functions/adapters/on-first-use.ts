// Loading on first use: an SDK client's module, and the client, made when a request first needs them.
//
// Importing @aws-sdk/client-s3 and client-sqs cost a third of respondent-form's cold start, though a
// form GET sends no message and signs no upload (issue 19, bench/README.md): the adapters load them,
// and make their clients, the first time they are called.

/** `load` run once, on the first call; every call after it gets the same promise. */
export const onFirstUse = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      // A failed load (a throttled first request, say) is tried again by the next call.
      loading = undefined;
      throw error;
    }));
};

/** A client given as is (the tests' own, against an emulator) or made on first use (Lambda's). */
export type ClientOnFirstUse<C extends object> = C | (() => Promise<C>);

export const clientOf = <C extends object>(client: ClientOnFirstUse<C>): Promise<C> =>
  typeof client === "function" ? client() : Promise.resolve(client);
