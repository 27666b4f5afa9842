/**
 * A small SQL lexer, enough to find and rename identifiers in a derived
 * table's SQL (remap.ts) without being fooled by string literals, dollar
 * quotes or comments. Joining every token's text gives the input back
 * unchanged. It decides nothing about safety: SQL a person wrote runs only
 * through the gate in src-shared/engine/sql-gate.ts, which asks DuckDB's parser.
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
    } else if (c === '$' && /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.test(sql.slice(i, i + 66))) {
      // $$…$$ or $tag$…$tag$ dollar-quoted strings
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66))![0];
      const end = sql.indexOf(tag, i + tag.length);
      take('string', end < 0 ? sql.length : end + tag.length);
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
