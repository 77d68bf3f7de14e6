// Signs the Secretariat in over plain HTTP, as the console's pages do, for tests that act as it.
import { readOutbox } from "../../functions/local/outbox.ts";
import type { LocalStack } from "../../functions/local/stack.ts";

export type ConsoleSession = {
  get(path: string): Promise<Response>;
  post(path: string, fields: Record<string, string>): Promise<Response>;
  /** Posts a form body as given (repeated names, as checkboxes send them); it carries its own CSRF token. */
  postRaw(path: string, body: string): Promise<Response>;
  /** Posts a file as the import form does (multipart), with the form's CSRF token. */
  upload(path: string, file: { name: string; bytes: Uint8Array }): Promise<Response>;
};

export const signInToConsole = async (
  stack: Pick<LocalStack, "url"> & { paths: Pick<LocalStack["paths"], "outbox"> },
  email = "secretariat@example.org",
  /** The language the browser asks for (Accept-Language): the console's pages and its sign-in email. */
  lang = "en",
): Promise<ConsoleSession> => {
  await fetch(`${stack.url}/console/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": lang },
    body: `email=${encodeURIComponent(email)}`,
  });
  const mails = readOutbox(stack.paths.outbox).filter(
    (m) => m.headers["x-consulta-kind"] === "sign-in" && m.to === email,
  );
  const link = /http:\/\/\S+\/console\/sign-in\/[A-Za-z0-9_-]{43}/.exec(
    mails[mails.length - 1]?.text ?? "",
  )?.[0];
  if (!link) throw new Error("no sign-in link in the outbox");
  const signedIn = await fetch(link, {
    method: "POST",
    redirect: "manual",
    headers: { "accept-language": lang },
  });
  const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const get = (path: string) =>
    fetch(`${stack.url}${path}`, {
      headers: { cookie, accept: "text/html", "accept-language": lang },
      redirect: "manual",
    });
  const csrf = /name="csrf" value="([^"]+)"/.exec(await (await get("/console")).text())?.[1] ?? "";
  return {
    get,
    post: (path, fields) =>
      fetch(`${stack.url}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: {
          cookie,
          "content-type": "application/x-www-form-urlencoded",
          accept: "text/html",
          "accept-language": lang,
        },
        body: new URLSearchParams({ csrf, ...fields }).toString(),
      }),
    postRaw: (path, body) =>
      fetch(`${stack.url}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: {
          cookie,
          "content-type": "application/x-www-form-urlencoded",
          accept: "text/html",
          "accept-language": "en",
        },
        body,
      }),
    upload: (path, file) => {
      const form = new FormData();
      form.set("csrf", csrf);
      form.set("spreadsheet", new Blob([file.bytes as Uint8Array<ArrayBuffer>]), file.name);
      return fetch(`${stack.url}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, accept: "text/html", "accept-language": lang },
        body: form,
      });
    },
  };
};

/**
 * The console's pages a signed-in person opens without choosing a file or a job, for a campaign whose
 * member BRA exists: the ones the language and phone checks walk.
 */
export const consolePages = (campaignId: string): string[] => {
  const c = `/console/campaigns/${campaignId}`;
  return [
    "/console",
    c,
    ...["send", "remind", "close", "compile", "extend", "translations", "work-plan"].map((p) => `${c}/${p}`),
    `${c}/members/BRA/replies`,
    "/console/receipts",
    "/console/members",
    "/console/members/BRA",
    "/console/questionnaires",
    "/console/questionnaires/iacml-planning/versions/1/preview",
    "/console/content",
    "/console/translations",
    "/console/translations/iacml-planning/1",
  ];
};
