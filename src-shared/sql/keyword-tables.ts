import { quoteIdent } from './identifiers';

/**
 * A table named after a file can be a reserved SQL word (`some.csv` → `some`),
 * and `SELECT … FROM some` then fails to parse. This quotes such names where
 * they can only be a table: right after FROM or JOIN, and before a dot
 * (`some.x`). String literals, quoted identifiers and comments are left alone.
 * Returns the SQL unchanged when there is nothing to quote.
 */
export function quoteKeywordTables(sql: string, tables: readonly string[]): { sql: string; quoted: string[] } {
  const names = new Map(tables.map((t) => [t.toLowerCase(), t]));
  const quoted = new Set<string>();
  let out = '';
  let previousWord = '';
  let i = 0;
  while (i < sql.length) {
    const skipped = skipNonCode(sql, i);
    if (skipped > i) {
      out += sql.slice(i, skipped);
      // A comment or whitespace keeps the previous word; a literal or quoted identifier does not.
      if (/^["']/.test(sql[i]!)) previousWord = '';
      i = skipped;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i, i + 256))?.[0];
    if (!word) {
      out += sql[i];
      previousWord = '';
      i++;
      continue;
    }
    const table = names.get(word.toLowerCase());
    const afterTable = /^\s*\./.test(sql.slice(i + word.length, i + word.length + 64));
    if (table && (previousWord === 'from' || previousWord === 'join' || afterTable)) {
      out += quoteIdent(table);
      quoted.add(table);
    } else {
      out += word;
    }
    previousWord = word.toLowerCase();
    i += word.length;
  }
  return { sql: quoted.size ? out : sql, quoted: [...quoted] };
}

/** The end of whitespace, a comment, a string literal or a quoted identifier starting at `i` (or `i`). */
function skipNonCode(sql: string, i: number): number {
  const c = sql[i];
  if (c === undefined) return i;
  if (/\s/.test(c)) {
    let j = i;
    while (j < sql.length && /\s/.test(sql[j]!)) j++;
    return j;
  }
  if (c === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end === -1 ? sql.length : end;
  }
  if (c === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end === -1 ? sql.length : end + 2;
  }
  if (c === "'" || c === '"') {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === c) {
        if (sql[j + 1] === c) j += 2;
        else return j + 1;
      } else j++;
    }
    return sql.length;
  }
  return i;
}
