import { quoteIdent, quoteLiteral } from '../sql/identifiers';
import { ExpressionError, parseExpression, type Node } from './parse';

/**
 * Compiles a calculated field (parse.ts) to DuckDB SQL. Two contexts:
 * - `row`: a calculated column, one value per row — fields, numbers,
 *   arithmetic, comparisons, `if`, `coalesce`, `nullif`, `round`, `abs`,
 *   two-value `min`/`max`; no aggregates;
 * - `aggregate`: a measure, one value per chart category — the same, with
 *   aggregates around fields (`sum`, `mean`, `min`, `max`, `count`,
 *   `countDistinct`, `median`) and other measures referred to by id.
 * Division by zero gives NULL, not an error. Fields resolve by name ignoring
 * case; an unknown name is an error naming the closest field.
 */

export type ValueType = 'number' | 'text' | 'boolean' | 'date' | 'null' | 'unknown';

export interface ExpressionField {
  name: string;
  /** The column's kind: `number`, `string`, `date`, `boolean`, `year`… (unknown kinds read as text). */
  kind: string;
}

export interface CompileContext {
  mode: 'row' | 'aggregate';
  /** The table's columns; left out (a spec compiled without its table), names are taken as written and the engine checks them. */
  fields?: readonly ExpressionField[];
  /** Measures an aggregate expression may refer to by id: each one's SQL, or its expression text. */
  measures?: ReadonlyMap<string, { sql: string } | { expr: string }>;
  /**
   * For `previous()` and `total()` in a chart's measure: the colour split the
   * window keeps apart (SQL of its grouped expression) and the x order. Left
   * out (a pivot, a top-N ranking), those functions are refused.
   */
  window?: { partition: readonly string[]; order: readonly string[] };
}

interface Compiled {
  sql: string;
  type: ValueType;
}

const AGGREGATES: Record<string, string> = {
  sum: 'sum',
  mean: 'avg',
  avg: 'avg',
  average: 'avg',
  min: 'min',
  max: 'max',
  count: 'count',
  countdistinct: 'count_distinct',
  median: 'median',
};

export const EXPRESSION_FUNCTIONS = ['if', 'coalesce', 'nullif', 'round', 'abs', 'min', 'max'] as const;
/** Functions of a chart's measures that look across its x categories. */
export const EXPRESSION_WINDOWS = ['previous', 'total'] as const;
export const EXPRESSION_AGGREGATES = ['sum', 'mean', 'min', 'max', 'count', 'countDistinct', 'median'] as const;

function typeOfKind(kind: string): ValueType {
  if (kind === 'unknown') return 'unknown';
  if (kind === 'number' || kind === 'year') return 'number';
  if (kind === 'date') return 'date';
  if (kind === 'boolean') return 'boolean';
  return 'text';
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    const score = cl.includes(lower) || lower.includes(cl) ? 0 : distance(lower, cl);
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  return bestScore <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

export function compileExpression(text: string, ctx: CompileContext): string {
  return compileTree(parseExpression(text), ctx, new Set()).sql;
}

function compileTree(root: Node, ctx: CompileContext, visiting: Set<string>): Compiled {
  const fail = (node: Node, message: string): never => {
    throw new ExpressionError(message, node.start, node.end);
  };
  const field = (node: Node & { kind: 'field' }): ExpressionField => {
    if (!ctx.fields) return { name: node.name, kind: 'unknown' };
    const hit = ctx.fields.find((f) => f.name === node.name) ?? ctx.fields.find((f) => f.name.toLowerCase() === node.name.toLowerCase());
    if (hit) return hit;
    const names = [...ctx.fields.map((f) => f.name), ...(ctx.measures ? [...ctx.measures.keys()] : [])];
    const guess = closest(node.name, names);
    return fail(node, `There is no field "${node.name}"${guess ? `: did you mean [${guess}]?` : ''}`);
  };
  const numeric = (node: Node, c: Compiled, what: string): Compiled => {
    if (c.type === 'text' || c.type === 'boolean' || c.type === 'date')
      fail(node, `${what} needs numbers, but this is ${c.type === 'boolean' ? 'a yes/no condition' : c.type}`);
    return c;
  };

  let inWindow = false;
  const walk = (node: Node, inAggregate: boolean): Compiled => {
    switch (node.kind) {
      case 'number':
        return { sql: String(node.value), type: 'number' };
      case 'string':
        return { sql: quoteLiteral(node.value), type: 'text' };
      case 'literal':
        return node.value === null ? { sql: 'NULL', type: 'null' } : { sql: node.value ? 'TRUE' : 'FALSE', type: 'boolean' };
      case 'field': {
        if (ctx.mode === 'aggregate' && !inAggregate) {
          const measure = ctx.measures?.get(node.name);
          if (measure) {
            if (visiting.has(node.name)) fail(node, `Measure "${node.name}" refers to itself (through ${[...visiting].join(' → ')})`);
            if ('sql' in measure) return { sql: `(${measure.sql})`, type: 'number' };
            visiting.add(node.name);
            let inner: Compiled;
            try {
              inner = compileTree(parseExpression(measure.expr), ctx, visiting);
            } catch (e) {
              if (e instanceof ExpressionError) fail(node, `Measure "${node.name}" has a mistake: ${e.message}`);
              throw e;
            }
            visiting.delete(node.name);
            return { sql: `(${inner!.sql})`, type: inner!.type };
          }
          const f = field(node);
          return fail(node, `[${f.name}] is a column: a measure needs it inside an aggregate, e.g. sum([${f.name}])`);
        }
        const f = field(node);
        return { sql: quoteIdent(f.name), type: typeOfKind(f.kind) };
      }
      case 'unary': {
        const arg = walk(node.arg, inAggregate);
        if (node.op === '-') return { sql: `(- ${numeric(node.arg, arg, 'A minus sign').sql})`, type: 'number' };
        return { sql: `(NOT ${arg.sql})`, type: 'boolean' };
      }
      case 'binary': {
        const left = walk(node.left, inAggregate);
        const right = walk(node.right, inAggregate);
        switch (node.op) {
          case '+':
          case '-':
          case '*':
            numeric(node.left, left, `"${node.op}"`);
            numeric(node.right, right, `"${node.op}"`);
            return { sql: `(${left.sql} ${node.op} ${right.sql})`, type: 'number' };
          case '/':
            numeric(node.left, left, 'Division');
            numeric(node.right, right, 'Division');
            return { sql: `(CAST(${left.sql} AS DOUBLE) / NULLIF(CAST(${right.sql} AS DOUBLE), 0))`, type: 'number' };
          case 'and':
          case 'or':
            return { sql: `(${left.sql} ${node.op.toUpperCase()} ${right.sql})`, type: 'boolean' };
          default:
            return { sql: `(${left.sql} ${node.op} ${right.sql})`, type: 'boolean' };
        }
      }
      case 'call':
        return call(node, inAggregate);
    }
  };

  const call = (node: Node & { kind: 'call' }, inAggregate: boolean): Compiled => {
    const name = node.name.toLowerCase();
    const args = node.args;
    const arity = (min: number, max: number, usage: string) => {
      if (args.length < min || args.length > max) fail(node, `${node.name} takes ${usage}; it was given ${args.length}`);
    };
    const aggregate = AGGREGATES[name];
    // min/max with one value are aggregates; with two they compare row values.
    if (aggregate && !((name === 'min' || name === 'max') && args.length === 2)) {
      if (ctx.mode === 'row') fail(node, `${node.name}() adds up many rows: it belongs in a measure, not a calculated column`);
      if (inAggregate) fail(node, `${node.name}() cannot go inside another aggregate`);
      if (name === 'count' && args.length === 0) return { sql: 'CAST(count(*) AS DOUBLE)', type: 'number' };
      arity(1, 1, 'one value');
      const arg = walk(args[0]!, true);
      if (aggregate === 'count') return { sql: `CAST(count(${arg.sql}) AS DOUBLE)`, type: 'number' };
      if (aggregate === 'count_distinct') return { sql: `CAST(count(DISTINCT ${arg.sql}) AS DOUBLE)`, type: 'number' };
      if (aggregate !== 'min' && aggregate !== 'max') numeric(args[0]!, arg, `${node.name}()`);
      return { sql: `CAST(${aggregate}(${arg.sql}) AS DOUBLE)`, type: 'number' };
    }
    const values = () => args.map((a) => walk(a, inAggregate));
    if (name === 'previous' || name === 'total') {
      if (ctx.mode === 'row') fail(node, `${node.name}() looks across a chart's categories: it belongs in a measure, not a calculated column`);
      if (inAggregate || inWindow) fail(node, `${node.name}() cannot go inside an aggregate or another ${node.name}()`);
      if (!ctx.window) fail(node, `${node.name}() needs a chart's x axis to look along (it is not available in pivot tables or top-N rankings)`);
      arity(1, 1, name === 'previous' ? 'one value: previous(sum([activity]))' : 'one value: total(sum([activity]))');
      inWindow = true;
      const arg = walk(args[0]!, false);
      inWindow = false;
      numeric(args[0]!, arg, `${node.name}()`);
      const partition = ctx.window!.partition.length ? `PARTITION BY ${ctx.window!.partition.join(', ')}` : '';
      if (name === 'total') return { sql: `(sum(${arg.sql}) OVER (${partition}))`, type: 'number' };
      const order = ctx.window!.order.length ? `ORDER BY ${ctx.window!.order.join(', ')}` : '';
      return { sql: `(lag(${arg.sql}) OVER (${[partition, order].filter(Boolean).join(' ')}))`, type: 'number' };
    }
    switch (name) {
      case 'if': {
        arity(3, 3, 'three values: if(condition, then, else)');
        const [c, a, b] = values() as [Compiled, Compiled, Compiled];
        if (c.type !== 'boolean' && c.type !== 'null') fail(args[0]!, 'The first value of if() must be a condition, e.g. [beds] > 0');
        return { sql: `(CASE WHEN ${c.sql} THEN ${a.sql} ELSE ${b.sql} END)`, type: a.type === 'null' ? b.type : a.type };
      }
      case 'coalesce': {
        if (args.length < 2) fail(node, 'coalesce takes two or more values: the first that is not blank');
        const vs = values();
        return { sql: `coalesce(${vs.map((v) => v.sql).join(', ')})`, type: vs.find((v) => v.type !== 'null')?.type ?? 'null' };
      }
      case 'nullif': {
        arity(2, 2, 'two values: nullif(value, value that means blank)');
        const [a, b] = values() as [Compiled, Compiled];
        return { sql: `nullif(${a.sql}, ${b.sql})`, type: a.type };
      }
      case 'round': {
        arity(1, 2, 'one or two values: round(value) or round(value, decimals)');
        const [a] = values() as [Compiled];
        numeric(args[0]!, a, 'round()');
        let digits = 0;
        if (args[1]) {
          const d = args[1];
          if (d.kind !== 'number' || !Number.isInteger(d.value) || d.value < 0 || d.value > 10)
            fail(d, 'The decimals of round() must be a whole number from 0 to 10');
          digits = (d as Node & { kind: 'number' }).value;
        }
        return { sql: `round(CAST(${a.sql} AS DOUBLE), ${digits})`, type: 'number' };
      }
      case 'abs': {
        arity(1, 1, 'one value');
        const [a] = values() as [Compiled];
        return { sql: `abs(${numeric(args[0]!, a, 'abs()').sql})`, type: 'number' };
      }
      case 'min':
      case 'max': {
        const [a, b] = values() as [Compiled, Compiled];
        return { sql: `${name === 'min' ? 'least' : 'greatest'}(${a.sql}, ${b.sql})`, type: a.type };
      }
      default: {
        const known = ctx.mode === 'aggregate' ? [...EXPRESSION_FUNCTIONS, ...EXPRESSION_AGGREGATES, ...EXPRESSION_WINDOWS] : [...EXPRESSION_FUNCTIONS];
        const guess = closest(node.name, known);
        return fail(node, `There is no function ${node.name}()${guess ? `: did you mean ${guess}()?` : ''}. Functions: ${[...new Set(known)].join(', ')}`);
      }
    }
  };

  return walk(root, false);
}

/** The names an expression refers to as fields or measures (each once, in order), for checking a spec against its table. */
export function expressionNames(text: string): string[] {
  const names: string[] = [];
  const visit = (node: Node): void => {
    if (node.kind === 'field' && !names.includes(node.name)) names.push(node.name);
    if (node.kind === 'unary') visit(node.arg);
    if (node.kind === 'binary') {
      visit(node.left);
      visit(node.right);
    }
    if (node.kind === 'call') node.args.forEach(visit);
  };
  visit(parseExpression(text));
  return names;
}
