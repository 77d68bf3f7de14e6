// The Secretariat's sign-in links and sessions in memory (nothing expires by itself here: readers check).
import type { Language } from "../../core/languages.ts";
import type { ConsoleSession, SignInLink, SignInStore } from "../../core/ports.ts";
import { copy } from "./kept.ts";

export const inMemorySignInStore = (): SignInStore => {
  const links = new Map<string, SignInLink & { used: boolean }>();
  const sessions = new Map<string, ConsoleSession>();
  const languages = new Map<string, Language>();
  return {
    putSignInLink: async (link) => {
      if (links.has(link.tokenHash)) throw new Error("Sign-in token collision");
      links.set(link.tokenHash, { ...copy(link), used: false });
    },
    consumeSignInLink: async (tokenHash, nowSeconds) => {
      const link = links.get(tokenHash);
      if (!link || link.used || link.expiresAt <= nowSeconds) return undefined;
      link.used = true;
      return { tokenHash, email: link.email, expiresAt: link.expiresAt };
    },
    putSession: async (session) => void sessions.set(session.sessionHash, copy(session)),
    getSession: async (sessionHash) => copy(sessions.get(sessionHash)),
    deleteSession: async (sessionHash) => void sessions.delete(sessionHash),
    putConsoleLanguage: async (email, language) => void languages.set(email, language),
    getConsoleLanguage: async (email) => languages.get(email),
  };
};
