// What a browser sends when a person presses a button of one of our server-rendered forms, without
// JavaScript: the form's successful controls, newlines normalised, urlencoded (HTML, "form submission").
// Reads our own templates' markup (escaped by Handlebars), not arbitrary HTML.

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#")
      return String.fromCodePoint(
        ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10),
      );
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });

const attributes = (source: string) => {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([\w-]+)(?:="([^"]*)")?/g)) out[m[1]!.toLowerCase()] = decode(m[2] ?? "");
  return out;
};

/** The form's entries, in document order, as the browser builds them (no button: see `submitForm`). */
export const formEntries = (html: string, formId: string): [string, string][] => {
  const start = html.indexOf(`id="${formId}"`);
  if (start < 0) throw new Error(`no form ${formId}`);
  const form = html.slice(html.lastIndexOf("<form", start), html.indexOf("</form>", start));
  const entries: [string, string][] = [];
  let select: { name: string; first?: string; chosen?: string } | undefined;
  const tags = /<(input|select|\/select|option|textarea)\b([^>]*)>/g;
  for (let m = tags.exec(form); m; m = tags.exec(form)) {
    const [, tag, rest = ""] = m;
    const a = attributes(rest);
    if (tag === "input" && a.name !== undefined && !("disabled" in a)) {
      const type = (a.type ?? "text").toLowerCase();
      // A text input cannot hold a line break: the browser strips them from its value.
      if (type === "text" || type === "email") entries.push([a.name, (a.value ?? "").replace(/[\r\n]/g, "")]);
      else if (type === "hidden") entries.push([a.name, a.value ?? ""]);
      else if ((type === "radio" || type === "checkbox") && "checked" in a)
        entries.push([a.name, a.value ?? "on"]);
    } else if (tag === "select") {
      select = { name: a.name ?? "" };
    } else if (tag === "option" && select) {
      const value = a.value ?? "";
      select.first ??= value;
      if ("selected" in a) select.chosen = value;
    } else if (tag === "/select" && select) {
      entries.push([select.name, select.chosen ?? select.first ?? ""]);
      select = undefined;
    } else if (tag === "textarea" && a.name !== undefined) {
      const end = form.indexOf("</textarea>", tags.lastIndex);
      // The HTML parser drops one newline right after the start tag.
      entries.push([a.name, decode(form.slice(tags.lastIndex, end)).replace(/^\n/, "")]);
    }
  }
  return entries;
};

/** The request body of pressing the button `clicked` ([name, value]; none for a nameless one). */
export const submitForm = (html: string, formId: string, clicked?: [string, string]): string => {
  const body = new URLSearchParams();
  for (const [name, value] of [...formEntries(html, formId), ...(clicked ? [clicked] : [])])
    body.append(name, value.replace(/\r\n|\r|\n/g, "\r\n"));
  return body.toString();
};
