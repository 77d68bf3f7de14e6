// The Secretariat's sign-in store: emailed sign-in links, console sessions, and each person's console language.
import type { Language } from "../languages.ts";

export type SignInLink = { tokenHash: string; email: string; expiresAt: number };
export type ConsoleSession = { sessionHash: string; email: string; expiresAt: number };

export interface SignInStore {
  putSignInLink(link: SignInLink): Promise<void>;
  /** Marks the link used if it exists, is unused and has not expired; returns it, or undefined. */
  consumeSignInLink(tokenHash: string, nowSeconds: number): Promise<SignInLink | undefined>;
  putSession(session: ConsoleSession): Promise<void>;
  getSession(sessionHash: string): Promise<ConsoleSession | undefined>;
  deleteSession(sessionHash: string): Promise<void>;
  /** The console language a person chose last, whichever browser they chose it in. */
  putConsoleLanguage(email: string, language: Language): Promise<void>;
  getConsoleLanguage(email: string): Promise<Language | undefined>;
}
