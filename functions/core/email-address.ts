// One rule for an email address, wherever a person types one: the directory, its import, a
// contributor's invitation, an answer asking for an address.
import * as z from "zod";

/** An address as mail servers take it, kept in lower case: `ana@trabalho,gov.br` is refused. */
export const EmailAddress = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
