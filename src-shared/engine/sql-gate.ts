import type * as arrow from 'apache-arrow';
import { quoteIdent, quoteLiteral } from '../sql/identifiers';
import { tableToRows } from './arrow-values';
import { isAbortError, type QueryOptions } from './engine';
import { QueryError } from './errors';

/**
 * The one gate for SQL a person wrote — a workbook's derived tables (which may
 * come from someone else), `cli query --sql`, and the SQL editor to come.
 *
 * DuckDB's own parser decides, not a hand-written tokenizer: the text is
 * handed to DuckDB's `query()` table function as a string literal, and
 * `query()` refuses anything but exactly one SELECT statement (so `COPY`,
 * `ATTACH`, `LOAD`, `INSTALL`, `SET`, a second statement hidden behind a
 * dollar-quoted string or a comment — all fail in DuckDB's parser). The
 * physical plan (`EXPLAIN (FORMAT JSON)`) is then read for table functions:
 * only those that generate rows from their arguments are allowed; anything that
 * reads files, lists folders, scans memory or changes settings is refused.
 *
 * The SQL that runs is the same text, wrapped the same way (`gatedSelectSql`),
 * so what was checked is exactly what runs. The engine's sandbox
 * (ENGINE_SETUP_SQL) stays underneath as a second wall.
 */

/** What the gate needs: queries that return Arrow tables. */
export interface GateRunner {
  query(sql: string, opts?: QueryOptions): Promise<arrow.Table>;
}

/** SQL refused by the gate; the message says why and what is allowed. */
export class SqlGateError extends Error {
  override readonly name = 'SqlGateError';
}

/** Table functions a query may call: they make rows from their arguments and touch nothing else. */
export const ALLOWED_TABLE_FUNCTIONS: ReadonlySet<string> = new Set(['range', 'generate_series', 'unnest', 'repeat', 'repeat_row']);

/** Table functions that read files or folders (named in the refusal, so the user knows why). */
const FILE_READERS: ReadonlySet<string> = new Set([
  'read_csv',
  'read_csv_auto',
  'sniff_csv',
  'read_text',
  'read_blob',
  'glob',
  'read_parquet',
  'parquet_scan',
  'parquet_metadata',
  'parquet_schema',
  'read_json',
  'read_json_auto',
  'read_ndjson',
  'read_json_objects',
  'read_xlsx',
  'st_read',
  'iceberg_scan',
  'delta_scan',
  'sqlite_scan',
  'postgres_scan',
]);

const MAX_SQL_LENGTH = 1_000_000;
const ALLOWED_WORDS = 'one SELECT query (or WITH … SELECT) that reads the loaded tables';

/** A SELECT that passed the gate, ready to run or to wrap in CREATE TABLE … AS. */
export interface GatedSelect {
  readonly sql: string;
}

/** The form in which gated SQL runs: DuckDB's query() re-checks it is one SELECT every time. */
function gatedSelectSql(userSql: string): string {
  return `SELECT * FROM query(${quoteLiteral(userSql)})`;
}

/** The first keyword of the SQL (skipping comments and brackets), for messages only: never for decisions. */
export function leadingKeyword(sql: string): string {
  let rest = sql;
  for (;;) {
    const trimmed = rest.replace(/^[\s(]+/, '');
    if (trimmed.startsWith('--')) rest = trimmed.slice(trimmed.indexOf('\n') < 0 ? trimmed.length : trimmed.indexOf('\n'));
    else if (trimmed.startsWith('/*')) rest = trimmed.slice(trimmed.indexOf('*/') < 0 ? trimmed.length : trimmed.indexOf('*/') + 2);
    else return /^[A-Za-z_]+/.exec(trimmed)?.[0]?.toUpperCase() ?? '';
  }
}

const QUERY_KEYWORDS = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'PIVOT', 'UNPIVOT']);

function notOneSelect(sql: string): SqlGateError {
  const keyword = leadingKeyword(sql);
  const found =
    keyword && !QUERY_KEYWORDS.has(keyword) ? `${keyword} is not allowed here` : 'the SQL holds more than one statement, or one that is not a query';
  return new SqlGateError(`${found}: only ${ALLOWED_WORDS} can run`);
}

/** DuckDB's error about the user's SQL, without the gate's wrapper in its context. */
function withoutWrapper(error: unknown, sql: string): unknown {
  if (!(error instanceof QueryError)) return error;
  // DuckDB quotes the failing line of what it ran (the gate's EXPLAIN wrapper), before any "Did you mean".
  return new QueryError(error.message.replace(/ \(LINE \d+: EXPLAIN \(FORMAT JSON\) SELECT \* FROM query\(.*?\)( Did you mean|$)/s, '$1'), error.kind, sql);
}

interface PlanNode {
  name?: string;
  children?: PlanNode[];
  extra_info?: Record<string, unknown>;
}

function tableFunctionsIn(nodes: readonly PlanNode[], out = new Set<string>()): Set<string> {
  for (const node of nodes) {
    const fn = node.extra_info?.Function;
    if (typeof fn === 'string' && fn.trim() !== '') out.add(fn.trim().toLowerCase());
    tableFunctionsIn(node.children ?? [], out);
  }
  return out;
}

function planOf(table: arrow.Table): PlanNode[] {
  const rows = tableToRows(table);
  const physical = rows.find((r) => r.explain_key === 'physical_plan') ?? rows[0];
  const text = physical?.explain_value;
  if (typeof text !== 'string') throw new SqlGateError('the query plan could not be read, so the SQL was not run');
  return JSON.parse(text) as PlanNode[];
}

/**
 * Check that `sql` is exactly one read-only SELECT over loaded tables.
 * Resolves to the SQL to run; rejects with a SqlGateError saying why not, or
 * with DuckDB's own error when the SQL is a query with a mistake in it (a
 * missing column, a typo), or with an AbortError.
 */
export async function gateSelect(db: GateRunner, sql: string, opts: QueryOptions = {}): Promise<GatedSelect> {
  if (sql.trim() === '') throw new SqlGateError(`the SQL is empty: write ${ALLOWED_WORDS}`);
  if (sql.length > MAX_SQL_LENGTH) throw new SqlGateError(`the SQL is longer than ${MAX_SQL_LENGTH.toLocaleString('en-GB')} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(sql)) throw new SqlGateError('the SQL contains control characters; remove them and try again');
  const wrapped = gatedSelectSql(sql);
  let plan: PlanNode[];
  try {
    plan = planOf(await db.query(`EXPLAIN (FORMAT JSON) ${wrapped}`, opts));
  } catch (error) {
    if (isAbortError(error) || error instanceof SqlGateError) throw error;
    const message = (error as Error).message ?? String(error);
    if (/Expected a single SELECT statement/i.test(message)) throw notOneSelect(sql);
    if (error instanceof QueryError && error.kind.toLowerCase() === 'permission') {
      const detail = message.replace(/^Permission error: /, '').replace(/ \(LINE 1:.*$/s, '');
      throw new SqlGateError(`the SQL reaches outside the loaded tables (${detail}): only ${ALLOWED_WORDS} can run`);
    }
    throw withoutWrapper(error, sql);
  }
  for (const fn of tableFunctionsIn(plan)) {
    if (ALLOWED_TABLE_FUNCTIONS.has(fn)) continue;
    const why = FILE_READERS.has(fn) ? 'reads files' : 'is not one of range(), generate_series() and unnest()';
    throw new SqlGateError(`${fn}() is not allowed here (it ${why}): only ${ALLOWED_WORDS} can run`);
  }
  return { sql: wrapped };
}

/** Run a person's SELECT through the gate. */
export async function queryUserSql(db: GateRunner, sql: string, opts: QueryOptions = {}): Promise<arrow.Table> {
  const gated = await gateSelect(db, sql, opts);
  return db.query(gated.sql, opts);
}

/** The first `limit` rows of a person's SELECT through the gate, and whether there were more. */
export async function previewUserSql(db: GateRunner, sql: string, limit: number, opts: QueryOptions = {}): Promise<{ table: arrow.Table; more: boolean }> {
  const gated = await gateSelect(db, sql, opts);
  const table = await db.query(`SELECT * FROM (${gated.sql}) LIMIT ${limit + 1}`, opts);
  return table.numRows > limit ? { table: table.slice(0, limit), more: true } : { table, more: false };
}

/** What creating a table from a person's SELECT needs. */
export interface GateExecutor extends GateRunner {
  exec(sql: string, opts?: QueryOptions): Promise<void>;
}

/** Create (or replace) `table` from a person's SELECT, through the gate. */
export async function createTableFromUserSql(db: GateExecutor, table: string, sql: string, opts: QueryOptions = {}): Promise<void> {
  const gated = await gateSelect(db, sql, opts);
  await db.exec(`CREATE OR REPLACE TABLE ${quoteIdent(table)} AS ${gated.sql}`, opts);
}
