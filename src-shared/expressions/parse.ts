/**
 * The calculated-field language: a small, safe expression grammar an analyst
 * types (`1 - [Breaches] / [Attendances]`, `if(beds > 0, occupied / beds, null)`),
 * parsed into a tree that compile.ts turns into DuckDB SQL. No SQL from the user
 * reaches the engine: only field names (quoted), numbers, strings (quoted) and
 * the functions listed here. Every error names its position.
 *
 * Grammar (lowest precedence first):
 *   expr    := or
 *   or      := and ('or' and)*
 *   and     := not ('and' not)*
 *   not     := 'not' not | compare
 *   compare := sum (('=' | '<>' | '!=' | '<' | '<=' | '>' | '>=') sum)?
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := '-' unary | atom
 *   atom    := number | string | 'null' | 'true' | 'false' | field | call | '(' expr ')'
 *   field   := [any text but ]] | identifier
 *   call    := identifier '(' (expr (',' expr)*)? ')'
 */

export type Node =
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'literal'; value: null | boolean; start: number; end: number }
  | { kind: 'field'; name: string; start: number; end: number }
  | { kind: 'unary'; op: '-' | 'not'; arg: Node; start: number; end: number }
  | { kind: 'binary'; op: BinaryOp; left: Node; right: Node; start: number; end: number }
  | { kind: 'call'; name: string; args: Node[]; start: number; end: number };

export type BinaryOp = '+' | '-' | '*' | '/' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

/** A mistake in an expression, with where it is (0-based character offsets) for the editor to underline. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

type Token =
  | { type: 'number'; value: number; start: number; end: number }
  | { type: 'string'; value: string; start: number; end: number }
  | { type: 'field'; value: string; start: number; end: number }
  | { type: 'name'; value: string; start: number; end: number }
  | { type: 'op'; value: string; start: number; end: number }
  | { type: 'end'; value: ''; start: number; end: number };

const OPERATORS = ['<=', '>=', '<>', '!=', '+', '-', '*', '/', '(', ')', ',', '=', '<', '>'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9.]/.test(c)) {
      const m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
      if (!m) throw new ExpressionError(`"${c}" does not start a number`, i, i + 1);
      i += m[0].length;
      tokens.push({ type: 'number', value: Number(m[0]), start, end: i });
      continue;
    }
    if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new ExpressionError(`The text starting here has no closing ${c}`, start, text.length);
        if (text[i] === c) {
          if (text[i + 1] === c) {
            value += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ type: 'string', value, start, end: i });
      continue;
    }
    if (c === '[') {
      const close = text.indexOf(']', i + 1);
      if (close < 0) throw new ExpressionError('A field name in [ ] has no closing ]', start, text.length);
      const value = text.slice(i + 1, close).trim();
      if (value === '') throw new ExpressionError('[ ] needs a field name inside', start, close + 1);
      i = close + 1;
      tokens.push({ type: 'field', value, start, end: i });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      i += m[0].length;
      tokens.push({ type: 'name', value: m[0], start, end: i });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) throw new ExpressionError(`"${c}" is not allowed here`, i, i + 1);
    i += op.length;
    tokens.push({ type: 'op', value: op === '!=' ? '<>' : op, start, end: i });
  }
  tokens.push({ type: 'end', value: '', start: text.length, end: text.length });
  return tokens;
}

const COMPARISONS = new Set(['=', '<>', '<', '<=', '>', '>=']);

/** Parse an expression, or throw an ExpressionError saying what is wrong and where. */
export function parseExpression(text: string): Node {
  if (text.trim() === '') throw new ExpressionError('The expression is empty', 0, 0);
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos]!;
  const next = () => tokens[pos++]!;
  const isWord = (t: Token, word: string) => t.type === 'name' && t.value.toLowerCase() === word;
  const isOp = (t: Token, op: string) => t.type === 'op' && t.value === op;
  const expect = (op: string, what: string) => {
    const t = peek();
    if (!isOp(t, op))
      throw new ExpressionError(
        `Expected ${what}${t.type === 'end' ? ' before the end' : ` but found "${text.slice(t.start, t.end)}"`}`,
        t.start,
        Math.max(t.end, t.start + 1),
      );
    return next();
  };

  const binaryLevel = (sub: () => Node, match: (t: Token) => BinaryOp | null) => (): Node => {
    let left = sub();
    for (;;) {
      const op = match(peek());
      if (!op) return left;
      next();
      const right = sub();
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
  };

  const atom = (): Node => {
    const t = next();
    switch (t.type) {
      case 'number':
        return { kind: 'number', value: t.value, start: t.start, end: t.end };
      case 'string':
        return { kind: 'string', value: t.value, start: t.start, end: t.end };
      case 'field':
        return { kind: 'field', name: t.value, start: t.start, end: t.end };
      case 'name': {
        const word = t.value.toLowerCase();
        if (word === 'null') return { kind: 'literal', value: null, start: t.start, end: t.end };
        if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true', start: t.start, end: t.end };
        if (isOp(peek(), '(')) {
          next();
          const args: Node[] = [];
          if (!isOp(peek(), ')')) {
            args.push(expr());
            while (isOp(peek(), ',')) {
              next();
              args.push(expr());
            }
          }
          const close = expect(')', `")" to close ${t.value}(`);
          return { kind: 'call', name: t.value, args, start: t.start, end: close.end };
        }
        return { kind: 'field', name: t.value, start: t.start, end: t.end };
      }
      case 'op':
        if (t.value === '(') {
          const inner = expr();
          const close = expect(')', 'a closing ")"');
          return { ...inner, start: t.start, end: close.end };
        }
        throw new ExpressionError(`"${t.value}" needs a value before it`, t.start, t.end);
      case 'end':
        throw new ExpressionError('The expression ends too soon: a value is missing', t.start, t.end);
    }
  };
  const unary = (): Node => {
    const t = peek();
    if (isOp(t, '-')) {
      next();
      const arg = unary();
      return { kind: 'unary', op: '-', arg, start: t.start, end: arg.end };
    }
    if (isOp(t, '+')) {
      next();
      return unary();
    }
    return atom();
  };
  const product = binaryLevel(unary, (t) => (isOp(t, '*') ? '*' : isOp(t, '/') ? '/' : null));
  const sum = binaryLevel(product, (t) => (isOp(t, '+') ? '+' : isOp(t, '-') ? '-' : null));
  const compare = (): Node => {
    const left = sum();
    const t = peek();
    if (t.type === 'op' && COMPARISONS.has(t.value)) {
      next();
      const right = sum();
      return { kind: 'binary', op: t.value as BinaryOp, left, right, start: left.start, end: right.end };
    }
    return left;
  };
  const not = (): Node => {
    const t = peek();
    if (isWord(t, 'not')) {
      next();
      const arg = not();
      return { kind: 'unary', op: 'not', arg, start: t.start, end: arg.end };
    }
    return compare();
  };
  const and = binaryLevel(not, (t) => (isWord(t, 'and') ? 'and' : null));
  const or = binaryLevel(and, (t) => (isWord(t, 'or') ? 'or' : null));
  const expr = or;

  const tree = expr();
  const rest = peek();
  if (rest.type !== 'end')
    throw new ExpressionError(`Unexpected "${text.slice(rest.start, rest.end)}": an operator or a comma is missing before it`, rest.start, rest.end);
  return tree;
}
