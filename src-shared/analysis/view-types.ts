import type * as arrow from 'apache-arrow';
import type { QueryOptions } from '../engine/engine';
import type { JsonValue } from '../format/plain-json';
import type { NumberFormat } from '../format/number-format';

/**
 * The contract every benchmark view (peers, DTOC, growth, workforce) follows.
 * A view is a plain spec — which loaded tables, which columns play which role,
 * which parameters — compiled to SQL and computed by pure functions into
 * tables and ECharts options. The UI edits specs; the CLI and workbooks run them.
 */

/** Anything that can run SQL: the Engine, or a test double. */
export interface SqlRunner {
  query(sql: string, opts?: QueryOptions): Promise<arrow.Table>;
}

export interface RoleDefinition {
  /** Role key, e.g. `org`, `value`. */
  role: string;
  label: string;
  description: string;
  required: boolean;
  /** Column kinds that suit the role. */
  kinds: ('number' | 'string' | 'date')[];
  /** Lower-case name fragments that suggest a column for this role, best first. */
  hints: string[];
}

/** role → column name in the source table. */
export type FieldMapping = Record<string, string>;

export interface ViewSpec {
  template: string;
  /** The loaded table(s) the view reads. */
  tables: string[];
  mapping: FieldMapping;
  params: Record<string, JsonValue>;
}

export interface ResultColumn {
  key: string;
  label: string;
  format?: NumberFormat | 'text' | 'date' | 'month';
}

/** A table a view produces: shown in the data grid, exported as CSV/XLSX. */
export interface ResultTable {
  id: string;
  title: string;
  columns: ResultColumn[];
  rows: Record<string, JsonValue>[];
}

/** A chart a view produces: a plain ECharts option (JSON-serialisable, no functions). */
export interface ResultChart {
  id: string;
  title: string;
  /** The id of the ResultTable holding the chart's data. */
  tableId: string;
  option: Record<string, unknown>;
}

export interface ViewResult {
  template: string;
  title: string;
  tables: ResultTable[];
  charts: ResultChart[];
  /** The machine-readable result the CLI prints with --json. */
  json: JsonValue;
  warnings: string[];
}

/** A column of a loaded table, as views see it. */
export interface TableColumn {
  name: string;
  kind: 'number' | 'string' | 'date' | 'boolean' | 'other';
  sqlType: string;
}

export interface TableInfo {
  table: string;
  columns: TableColumn[];
}

/**
 * A benchmark view template. `run` reads the mapped columns of the spec's
 * tables with SQL and returns tables, charts and JSON; it never touches the DOM
 * or the file system, so the app, the CLI and workbooks share it.
 */
export interface ViewTemplate {
  id: string;
  title: string;
  description: string;
  roles: RoleDefinition[];
  /** Other names accepted for roles, e.g. `pod` for `group`. */
  roleAliases?: Record<string, string>;
  /**
   * Validate parameters and fill defaults. Values may arrive as strings from the
   * command line (`--param costPerBedDay=150`); throw an Error naming the bad
   * parameter and what is expected.
   */
  parseParams(raw: Record<string, JsonValue>): Record<string, JsonValue>;
  /** Optional: a mapping recognised from the tables' layout (e.g. the DTOC sitrep columns). */
  recognise?(tables: TableInfo[]): FieldMapping | null;
  run(db: SqlRunner, spec: ViewSpec, opts?: QueryOptions): Promise<ViewResult>;
}
