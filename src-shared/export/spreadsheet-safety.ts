/**
 * Exported spreadsheets must not execute. A text cell that starts with `=`,
 * `+`, `-`, `@`, tab, carriage return, line feed or NUL could be taken as a
 * formula by Excel (or by a person pasting it), so it gets a leading single
 * quote. Numbers are never touched: a negative number is a number, not text.
 */
const FORMULA_START = /^[=+\-@\t\r\n\0]/;

export function neutraliseFormulaText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
