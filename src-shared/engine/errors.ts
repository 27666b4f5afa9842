/**
 * DuckDB reports errors as JSON text (`{"exception_type":"Parser",
 * "exception_message":"syntax error at or near …"}`) or as plain text. The
 * engine turns both into a QueryError with a readable one-paragraph message.
 */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  constructor(
    message: string,
    readonly kind: string,
    readonly sql?: string,
  ) {
    super(message);
  }
}

interface DuckDbErrorJson {
  exception_type?: string;
  exception_message?: string;
}

export function toQueryError(error: unknown, sql?: string): QueryError | Error {
  if (!(error instanceof Error)) return new Error(String(error));
  if (error instanceof QueryError || error.name === 'AbortError' || error.name === 'ImportError') return error;
  const text = error.message.trim();
  let kind = 'Error';
  let message = text;
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as DuckDbErrorJson;
      kind = parsed.exception_type ?? kind;
      message = parsed.exception_message ?? text;
    } catch {
      // not JSON after all
    }
  } else {
    const m = /^([A-Za-z ]+) Error: ([\s\S]*)$/.exec(text);
    if (m) {
      kind = m[1]!;
      message = m[2]!;
    }
  }
  const lines = message
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '' && !/^\s*\^\s*$/.test(l));
  const summary = lines[0] ?? message;
  const context = lines.find((l) => l.startsWith('LINE '));
  const hint = lines.find((l, i) => i > 0 && /^Did you mean/.test(l));
  const readable = `${kind} error: ${summary}${context && context !== summary ? ` (${context.trim()})` : ''}${hint ? ` ${hint}` : ''}`;
  return new QueryError(readable, kind, sql);
}
