import type * as arrow from 'apache-arrow';
import type { QueryOptions } from '../engine/engine';
import type { JsonValue } from '../format/plain-json';
import type { NumberFormat } from '../format/number-format';
import type { ViewParams } from './params/define';

/**
 * The contract every benchmark view follows (the views are listed in registry.ts).
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
  /** `mdc-icon`: words of a Making Data Count icon, shown with the icon on screen and as words in exports. */
  format?: NumberFormat | 'text' | 'date' | 'month' | 'mdc-icon';
  /** A count of people or events: disclosure control suppresses 1–7 and rounds the rest on export. */
  count?: boolean;
  /** Derived from this count column (a cost, a share, an average): suppressed on export when the count is. */
  derivedFrom?: string;
  /** The difference of these two count columns: on export, the difference of their published figures. */
  differenceOf?: [string, string];
}

/** A table a view produces: shown in the data grid, exported as CSV/XLSX. */
export interface ResultTable {
  id: string;
  title: string;
  columns: ResultColumn[];
  rows: Record<string, JsonValue>[];
  /** Lines under the table in exports (e.g. that disclosure control was applied). */
  notes?: string[];
  /** A row field (not a column) holding the id of the chart each row opens, e.g. an SPC summary's measures. */
  rowChartKey?: string;
}

/** A chart a view produces: a plain ECharts option (JSON-serialisable, no functions). */
export interface ResultChart {
  id: string;
  title: string;
  /** The id of the ResultTable holding the chart's data. */
  tableId: string;
  option: Record<string, unknown>;
  /** Names of the series whose values are counts: disclosure control applies to them on export. */
  countSeries?: string[];
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
 * The one figure a view leads with, as plain data: the generic headline shows
 * `label: value` (value formatted with `format`), then `detail`.
 */
export interface ViewHeadline {
  /** Stable id; the rendered headline's test id is `headline-<id>`. */
  id: string;
  label: string;
  value: number;
  format: NumberFormat;
  /** Decimal places of the value (the format's own when absent). */
  decimals?: number;
  /** Plain text after the value, e.g. `and 1,234 units of activity for NHS Somerset CCG`. */
  detail?: string;
  /** Shown board style, rounded to its scale (`£7.56m`, `£850k`), with the exact figure (`£7,560,917.06`) beside it. */
  board?: boolean;
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
  /** The parameters, declared once (`defineParams`): the form's fields, their defaults, examples. */
  params: ViewParams;
  /**
   * Validate parameters and fill defaults (`params.json`). Values may arrive as
   * strings from the command line (`--param costPerBedDay=150`) and the form,
   * or as JSON from workbooks; returns plain JSON that parses again to the
   * same. Throws an Error naming the bad parameter and what is expected.
   */
  parseParams(raw: Record<string, JsonValue>): Record<string, JsonValue>;
  /** Optional: a mapping recognised from the tables' layout (e.g. the DTOC sitrep columns). */
  recognise?(tables: TableInfo[]): FieldMapping | null;
  /**
   * Optional: what a mapping still lacks beyond the required roles, as readable
   * problems (e.g. DTOC's bed days: one column, or one per agency); empty when
   * the view can run.
   */
  mappingGaps?(mapping: FieldMapping): string[];
  /** Optional: loaded tables the view reads beside its main table (peers: a demographics table). */
  companionTables?(tables: TableInfo[]): string[];
  /** Optional: the figure to lead with, from a result of this template; null when there is none. */
  headline?(result: ViewResult): ViewHeadline | null;
  run(db: SqlRunner, spec: ViewSpec, opts?: QueryOptions): Promise<ViewResult>;
}
