// The Secretariat's sign-in store: emailed sign-in links and console sessions.
export type SignInLink = { tokenHash: string; email: string; expiresAt: number };
export type ConsoleSession = { sessionHash: string; email: string; expiresAt: number };

export interface SignInStore {
  putSignInLink(link: SignInLink): Promise<void>;
  /** Marks the link used if it exists, is unused and has not expired; returns it, or undefined. */
  consumeSignInLink(tokenHash: string, nowSeconds: number): Promise<SignInLink | undefined>;
  putSession(session: ConsoleSession): Promise<void>;
  getSession(sessionHash: string): Promise<ConsoleSession | undefined>;
  deleteSession(sessionHash: string): Promise<void>;
}
