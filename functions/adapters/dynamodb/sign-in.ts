// The Secretariat's sign-in links and sessions, which expire by the table's TTL (expiresAt), and each person's console language, which stays.
import { DeleteCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { isLanguage, type Language } from "../../core/languages.ts";
import type { ConsoleSession, SignInLink, SignInStore } from "../../core/ports.ts";
import { isConditionFailure, type Table } from "./table.ts";

export const signInStore = (table: Table): SignInStore => ({
  // The Secretariat's sign-in links, sessions and rate counters expire by the table's TTL (expiresAt).
  async putSignInLink(link: SignInLink) {
    if (
      !(await table.putIfAbsent({
        PK: `SIGNIN#${link.tokenHash}`,
        SK: "LINK",
        kind: "sign-in",
        used: false,
        ...link,
      }))
    ) {
      throw new Error("Sign-in token collision");
    }
  },
  async consumeSignInLink(tokenHash: string, nowSeconds: number) {
    try {
      const out = await table.doc.send(
        new UpdateCommand({
          TableName: table.name,
          Key: { PK: `SIGNIN#${tokenHash}`, SK: "LINK" },
          UpdateExpression: "SET used = :true",
          ConditionExpression: "attribute_exists(PK) AND used = :false AND expiresAt > :now",
          ExpressionAttributeValues: { ":true": true, ":false": false, ":now": nowSeconds },
          ReturnValues: "ALL_NEW",
        }),
      );
      const { email, expiresAt } = out.Attributes ?? {};
      return { tokenHash, email: String(email), expiresAt: Number(expiresAt) };
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  },
  async putSession(session: ConsoleSession) {
    await table.doc.send(
      new PutCommand({
        TableName: table.name,
        Item: { PK: `SESSION#${session.sessionHash}`, SK: "SESSION", kind: "session", ...session },
      }),
    );
  },
  getSession: (sessionHash: string) =>
    table.get<ConsoleSession>({ PK: `SESSION#${sessionHash}`, SK: "SESSION" }),
  async deleteSession(sessionHash: string) {
    await table.doc.send(
      new DeleteCommand({ TableName: table.name, Key: { PK: `SESSION#${sessionHash}`, SK: "SESSION" } }),
    );
  },
  // A person's own item, without expiresAt: the choice outlives every session.
  async putConsoleLanguage(email: string, language: Language) {
    await table.doc.send(
      new PutCommand({
        TableName: table.name,
        Item: { PK: `USER#${email}`, SK: "PREFERENCES", kind: "user", email, language },
      }),
    );
  },
  async getConsoleLanguage(email: string) {
    const item = await table.get<{ language?: string }>({ PK: `USER#${email}`, SK: "PREFERENCES" });
    return isLanguage(item?.language) ? item.language : undefined;
  },
});
