/**
 * Where in a person's SQL DuckDB's error points: the first whole-word
 * occurrence of the name the message quotes (`syntax error at or near
 * "FORM"`, `Referenced column "activty" not found`, `Table with name
 * nothere does not exist`), as a 0-based offset with its 1-based line and
 * column. Null when the message names nothing that is in the text.
 */

export interface SqlErrorLocation {
  offset: number;
  line: number;
  column: number;
  /** The text the error is about. */
  token: string;
}

const PATTERNS = [
  /at or near "([^"]+)"/i,
  /column "([^"]+)"/i,
  /Table with name ([^\s!]+) does not exist/i,
  /Table Function with name ([^\s!]+) does not exist/i,
  /Scalar Function with name ([^\s!]+) does not exist/i,
  /Aggregate Function with name ([^\s!]+) does not exist/i,
  /"([^"]+)"/,
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Line and column (1-based) of an offset in the text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export function sqlErrorLocation(message: string, sql: string): SqlErrorLocation | null {
  for (const pattern of PATTERNS) {
    const token = pattern.exec(message)?.[1];
    if (!token) continue;
    const at = new RegExp(`(^|[^A-Za-z0-9_])(${escape(token)})(?![A-Za-z0-9_])`, 'i').exec(sql);
    if (!at) continue;
    const offset = at.index + at[1]!.length;
    return { offset, ...lineAndColumn(sql, offset), token };
  }
  return null;
}
