// The rate counters' store: attempts counted per window, so sign-ins and invitations can be limited.

export interface AttemptStore {
  /** Counts one attempt in a window; false once `limit` attempts were already counted. */
  countAttempt(key: string, windowStart: number, limit: number, expiresAt: number): Promise<boolean>;
}
