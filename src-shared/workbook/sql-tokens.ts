/**
 * A small SQL lexer, enough to find identifiers, statements and keywords in a
 * derived table's SQL without being fooled by string literals or comments.
 * Joining every token's text gives the input back unchanged.
 */

export type SqlTokenType = 'string' | 'quoted' | 'word' | 'number' | 'comment' | 'space' | 'symbol';

export interface SqlToken {
  type: SqlTokenType;
  text: string;
}

/** Split SQL into tokens; unterminated strings and comments run to the end. */
export function sqlTokens(sql: string): SqlToken[] {
  const out: SqlToken[] = [];
  let i = 0;
  const take = (type: SqlTokenType, end: number) => {
    out.push({ type, text: sql.slice(i, end) });
    i = end;
  };
  const closing = (quote: string, from: number): number => {
    let j = from;
    for (;;) {
      const k = sql.indexOf(quote, j);
      if (k < 0) return sql.length;
      if (sql[k + 1] === quote) {
        j = k + 2;
        continue;
      }
      return k + 1;
    }
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /\s/.test(sql[j]!)) j++;
      take('space', j);
    } else if (c === '-' && sql[i + 1] === '-') {
      const j = sql.indexOf('\n', i);
      take('comment', j < 0 ? sql.length : j);
    } else if (c === '/' && sql[i + 1] === '*') {
      const j = sql.indexOf('*/', i + 2);
      take('comment', j < 0 ? sql.length : j + 2);
    } else if (c === "'") {
      take('string', closing("'", i + 1));
    } else if ((c === 'E' || c === 'e') && sql[i + 1] === "'") {
      // E'…' escape strings: backslash escapes, '' too
      let j = i + 2;
      while (j < sql.length && sql[j] !== "'") j += sql[j] === '\\' ? 2 : 1;
      take('string', Math.min(sql.length, j + 1));
    } else if (c === '"') {
      take('quoted', closing('"', i + 1));
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j]!)) j++;
      take('word', j);
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /[0-9._eE]/.test(sql[j]!)) j++;
      take('number', j);
    } else {
      take('symbol', i + 1);
    }
  }
  return out;
}

/** The name a quoted identifier token stands for (`"a""b"` → `a"b`). */
export function unquoteIdent(text: string): string {
  const inner = text.endsWith('"') && text.length >= 2 ? text.slice(1, -1) : text.slice(1);
  return inner.replaceAll('""', '"');
}

/** Whether `tokens` refers to `name` as an identifier (bare, case-insensitively, or quoted exactly). */
export function mentionsIdentifier(tokens: readonly SqlToken[], name: string): boolean {
  return tokens.some((t) => (t.type === 'word' && t.text.toLowerCase() === name.toLowerCase()) || (t.type === 'quoted' && unquoteIdent(t.text) === name));
}

const QUERY_STARTS = new Set(['select', 'with', 'from', 'values', 'table']);

/**
 * A derived table's SQL, checked to be one query (SELECT, WITH … SELECT,
 * FROM …, VALUES or TABLE) without a trailing semicolon. A workbook may come
 * from someone else: statements that change the database or write files
 * (DROP, COPY, ATTACH, INSTALL …) are refused. Throws an Error saying why.
 */
export function checkDerivedSql(sql: string): string {
  const tokens = sqlTokens(sql);
  const meaningful = tokens.filter((t) => t.type !== 'space' && t.type !== 'comment');
  while (meaningful.length > 0 && meaningful[meaningful.length - 1]!.text === ';') meaningful.pop();
  if (meaningful.length === 0) throw new Error('the SQL is empty');
  if (meaningful.some((t) => t.type === 'symbol' && t.text === ';')) throw new Error('the SQL must be one query: remove the ";" between statements');
  let first = meaningful[0]!;
  for (const t of meaningful) {
    if (t.text !== '(') {
      first = t;
      break;
    }
  }
  if (first.type !== 'word' || !QUERY_STARTS.has(first.text.toLowerCase())) {
    throw new Error(`the SQL must be a query starting with SELECT or WITH, not ${first.type === 'word' ? first.text.toUpperCase() : `"${first.text}"`}`);
  }
  // Drop trailing semicolons, comments and whitespace, keeping everything else as written.
  let end = tokens.length;
  while (end > 0 && (tokens[end - 1]!.type === 'space' || tokens[end - 1]!.type === 'comment' || tokens[end - 1]!.text === ';')) {
    end--;
  }
  return tokens.slice(0, end).map((t) => t.text).join('');
}
