// Respondents' text bound for a spreadsheet: it must never run as a formula, and must fit in one cell.

/** Excel keeps at most this many characters in a cell; a longer text makes it repair the file. */
export const CELL_TEXT_LIMIT = 32_767;

// = + - @ start a formula in Excel, LibreOffice and Google Sheets; a leading tab or carriage return
// is dropped by some importers, exposing what follows. Full-width forms are read as formulas too.
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

export const looksLikeFormula = (text: string): boolean => FORMULA_START.test(text);

/**
 * For CSV, where every cell is typed as the program guesses: a leading apostrophe makes a cell
 * text in Excel and LibreOffice (OWASP, "CSV injection").
 */
export const csvText = (text: string): string => (looksLikeFormula(text) ? `'${text}` : text);

/** Cuts a text to what one cell holds, marking the cut, without splitting a surrogate pair. */
export const fitCell = (text: string): string => {
  if (text.length <= CELL_TEXT_LIMIT) return text;
  let end = CELL_TEXT_LIMIT - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
};
