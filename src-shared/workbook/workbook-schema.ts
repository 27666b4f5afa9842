import { z } from 'zod';
import { chartSpecSchema } from '../charts/chart-spec';
import { calculatedColumnNameProblem, fieldSettingSchema } from '../fields/field-settings';
import { FILE_FORMATS } from '../import/file-formats';
import { COLUMN_TYPES, type ImportOptions } from '../import/types';
import type { ViewSpec } from '../analysis/view-types';

/**
 * The workbook file (`*.workbook.json`), version 2 — the current version.
 *
 * A workbook is a plain, versioned JSON document that records how to rebuild
 * an analysis from local extracts; by default it holds no data:
 *
 * - `sources`: each a table loaded from one or more files (several files of
 *   one layout are combined, as the app's import does). File paths are
 *   relative to the workbook file where possible, written with `/`. Each file
 *   keeps a fingerprint (size, modified time, SHA-256 content hash) and the
 *   source keeps the columns (name + type) seen at save time, so a changed
 *   extract is noticed: new content is a refresh, different columns are a
 *   change of shape the user must resolve. `importOptions` are the import
 *   settings to reuse; `pattern` (e.g. `dtoc-sitrep-*.csv`) lets the app pick
 *   up a newer extract of the same series from the same folder.
 * - `derived`: tables made by SQL over earlier tables, created in order.
 * - `fields`: display names, value labels, hidden fields and calculated
 *   columns (an expression per row) of the tables' fields.
 * - `charts`: chart specs (see src-shared/charts/chart-spec.ts) whose
 *   `source.table` is a workbook table (no `source.path`: sources say which
 *   files to load).
 * - `views`: benchmark views (ViewSpec: template, tables, mapping, params).
 * - `report`: an ordered grid of items (charts, view charts or tables, text
 *   blocks) with a width in grid columns, titles and commentary.
 * - `notes`: free text.
 * - `snapshot` (only when the user asks): each source table as Parquet, in
 *   files beside the workbook or base64 inside it. The workbook then contains
 *   data (see SNAPSHOT_WARNING in snapshot.ts).
 *
 * Older versions are migrated on open (migrate.ts); version 1 is described in
 * workbook-v1.ts.
 */

export const WORKBOOK_FORMAT = 'commissioning-workbench/workbook';
export const CURRENT_VERSION = 2;
/** The file name ending the app uses and looks for. */
export const WORKBOOK_EXTENSION = '.workbook.json';

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const tableNameSchema = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(PLAIN_NAME, 'must be a plain table name: letters, digits and _, not starting with a digit');

/** Ids of charts, views and report items: short and safe in file names. */
export const itemIdSchema = z
  .string()
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'must be letters, digits, - and _ (starting with a letter or digit)');

const isoTimestamp = z.iso.datetime({ offset: true, error: 'must be a date and time written like 2024-05-01T10:22:03.000Z' });
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hexadecimal digits');

/** Import settings a source reuses (ImportOptions, less the one-off `replace` and `limitRows`). */
export const importOptionsSchema = z.strictObject({
  format: z.enum(FILE_FORMATS).optional(),
  encoding: z.enum(['utf-8', 'windows-1252', 'utf-16le', 'utf-16be']).optional(),
  delimiter: z.string().min(1).max(4).optional(),
  quote: z.string().max(1).optional(),
  headerRow: z.number().int().min(0).optional(),
  footerLines: z.number().int().min(0).optional(),
  decimal: z.enum(['.', ',']).optional(),
  thousands: z.enum([',', '.', ' ', '']).optional(),
  dateOrder: z.enum(['DMY', 'MDY', 'YMD']).optional(),
  sheet: z.string().min(1).optional(),
  columnTypes: z.record(z.string(), z.enum(COLUMN_TYPES)).optional(),
  suppressionMarkers: z.array(z.string()).optional(),
  sourceColumn: z.string().min(1).optional(),
});

/** How a file's content hash was computed (fingerprint.ts). */
export const HASH_ALGORITHMS = ['sha-256', 'sha-256-chunked'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

export const fingerprintSchema = z.strictObject({
  /** Size in bytes. */
  size: z.number().int().nonnegative(),
  /** The file's last-modified time when the workbook was saved (absent when not known or not meaningful). */
  modified: isoTimestamp.optional(),
  hash: z.strictObject({ algorithm: z.enum(HASH_ALGORITHMS), value: hex64 }),
});

export const sourceFileSchema = z.strictObject({
  /** Relative to the workbook file (`../activity.csv`, always `/`), or absolute when on another drive. */
  path: z.string().min(1, 'needs a file path'),
  /** Absent for workbooks migrated from version 1 (recorded at the next save). */
  fingerprint: fingerprintSchema.optional(),
});

export const savedColumnSchema = z.strictObject({
  name: z.string().min(1),
  type: z.enum(COLUMN_TYPES),
});

export const sourceSchema = z.strictObject({
  table: tableNameSchema,
  /** A readable name for the UI, e.g. `SUS monthly extract`. */
  title: z.string().optional(),
  /** One file, or several of one layout combined into the table. */
  files: z.array(sourceFileSchema).min(1, 'needs at least one file'),
  /** File-name pattern of newer extracts in the same folder, e.g. `dtoc-sitrep-*.csv` (`*` any text, `?` one character). */
  pattern: z.string().min(1).optional(),
  importOptions: importOptionsSchema.prefault({}),
  /** The columns seen when the workbook was saved (absent for migrated workbooks). */
  columns: z.array(savedColumnSchema).optional(),
  /** Rows seen when the workbook was saved. */
  rows: z.number().int().nonnegative().optional(),
});

export const derivedTableSchema = z.strictObject({
  table: tableNameSchema,
  title: z.string().optional(),
  /** One SELECT (or WITH … SELECT) over sources and earlier derived tables. */
  sql: z.string().trim().min(1, 'needs SQL'),
});

export const workbookChartSchema = z.strictObject({
  id: itemIdSchema,
  /** Defaults to the spec's format.title. */
  title: z.string().optional(),
  spec: chartSpecSchema,
});

export const viewSpecSchema = z.strictObject({
  template: z.string().min(1, 'needs a view template'),
  tables: z.array(tableNameSchema).min(1, 'needs at least one table'),
  mapping: z.record(z.string(), z.string().min(1)).default({}),
  params: z.record(z.string(), z.json()).default({}),
});

export const workbookViewSchema = z.strictObject({
  id: itemIdSchema,
  /** Defaults to the view result's title. */
  title: z.string().optional(),
  spec: viewSpecSchema,
});

const width = z.number().int().min(1).max(4).optional();
const itemText = {
  /** Heading above the item; defaults to the chart's or view's title. */
  title: z.string().optional(),
  /** Text shown under the item (plain text; blank lines separate paragraphs). */
  commentary: z.string().optional(),
};

export const reportItemSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('chart'), id: itemIdSchema, chart: itemIdSchema, width, ...itemText }),
  /** One output of a view: a chart (`chart`: its id in the view result), or a table (`table`); neither = the view's first chart. */
  z.strictObject({
    kind: z.literal('view'),
    id: itemIdSchema,
    view: itemIdSchema,
    chart: z.string().min(1).optional(),
    table: z.string().min(1).optional(),
    width,
    ...itemText,
  }),
  z.strictObject({ kind: z.literal('text'), id: itemIdSchema, title: z.string().optional(), text: z.string(), width }),
]);

export const reportSchema = z.strictObject({
  /** Grid columns (items span `width` of them; no width = the whole row). */
  columns: z.number().int().min(1).max(4).default(2),
  items: z.array(reportItemSchema).default([]),
  /** Classification marking on every page and slide of an exported pack: `OFFICIAL`, `OFFICIAL-SENSITIVE` or free text. */
  marking: z.string().trim().max(80, 'a marking is at most 80 characters').optional(),
  /** The organisation named on the title slide and in the footer. */
  organisation: z.string().trim().max(160).optional(),
  /**
   * Disclosure control on export: `none` (the default when absent), `nhs` (NHS Digital's rule: counts 1–7 as `*`,
   * others to the nearest 5) or `{ suppressUpTo, roundTo }`. The figures on screen are never changed.
   */
  disclosure: z
    .union([z.enum(['none', 'nhs']), z.strictObject({ suppressUpTo: z.number().int().min(1).max(1000), roundTo: z.number().int().min(1).max(1000) })])
    .optional(),
});

export const snapshotTableSchema = z.strictObject({
  table: tableNameSchema,
  rows: z.number().int().nonnegative(),
  /** Size of the Parquet bytes. */
  bytes: z.number().int().nonnegative(),
  /** SHA-256 of the Parquet bytes, so a swapped or damaged file is noticed. */
  sha256: hex64,
  /** `files` storage: the Parquet file, relative to the workbook (`name.workbook.data/activity.parquet`). */
  file: z.string().min(1).optional(),
  /** `embedded` storage: the Parquet bytes, base64. */
  data: z.string().optional(),
});

export const snapshotSchema = z.strictObject({
  created: isoTimestamp,
  storage: z.enum(['files', 'embedded']),
  tables: z.array(snapshotTableSchema),
});

type WorkbookShape = z.output<typeof workbookObject>;

const workbookObject = z.strictObject({
  format: z.literal(WORKBOOK_FORMAT, { error: `must be "${WORKBOOK_FORMAT}"` }),
  version: z.literal(CURRENT_VERSION, { error: `must be ${CURRENT_VERSION}` }),
  title: z.string().default('Untitled workbook'),
  description: z.string().optional(),
  sources: z.array(sourceSchema).default([]),
  derived: z.array(derivedTableSchema).default([]),
  /** Display names, value labels, hidden fields and calculated columns of the tables' fields (src-shared/fields). */
  fields: z.array(fieldSettingSchema).default([]),
  charts: z.array(workbookChartSchema).default([]),
  views: z.array(workbookViewSchema).default([]),
  report: reportSchema.prefault({}),
  notes: z.string().default(''),
  snapshot: snapshotSchema.optional(),
});

function checkWorkbook(wb: WorkbookShape, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const tables = new Map<string, string>();
  const addTable = (name: string, path: PropertyKey[]) => {
    const key = name.toLowerCase();
    if (tables.has(key)) issue(path, `table "${name}" is defined twice (table names ignore case)`);
    else tables.set(key, name);
  };
  wb.sources.forEach((s, i) => addTable(s.table, ['sources', i, 'table']));
  wb.derived.forEach((d, i) => addTable(d.table, ['derived', i, 'table']));
  const known = (name: string) => tables.has(name.toLowerCase());
  const tableList = () => (tables.size ? [...tables.values()].map((t) => `"${t}"`).join(', ') : 'none');

  const unique = (ids: string[], path: (i: number) => PropertyKey[], what: string) => {
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) issue(path(i), `${what} id "${id}" is used twice`);
    });
  };
  unique(
    wb.charts.map((c) => c.id),
    (i) => ['charts', i, 'id'],
    'chart',
  );
  unique(
    wb.views.map((v) => v.id),
    (i) => ['views', i, 'id'],
    'view',
  );
  unique(
    wb.report.items.map((r) => r.id),
    (i) => ['report', 'items', i, 'id'],
    'report item',
  );

  wb.fields.forEach((f, i) => {
    if (!known(f.table)) issue(['fields', i, 'table'], `"${f.table}" is not a table of this workbook (tables: ${tableList()})`);
    if (wb.fields.findIndex((g) => g.table.toLowerCase() === f.table.toLowerCase() && g.column.toLowerCase() === f.column.toLowerCase()) !== i)
      issue(['fields', i, 'column'], `field "${f.column}" of ${f.table} has two settings`);
    // A calculated column's name is one the app would give (its expression is checked by the expression compiler when it is made).
    const nameProblem = f.expr === undefined ? null : calculatedColumnNameProblem(f.column, []);
    if (nameProblem) issue(['fields', i, 'column'], `calculated column "${f.column}": ${nameProblem}`);
  });
  wb.charts.forEach((c, i) => {
    if (!known(c.spec.source.table))
      issue(['charts', i, 'spec', 'source', 'table'], `"${c.spec.source.table}" is not a table of this workbook (tables: ${tableList()})`);
    if (c.spec.source.path !== undefined)
      issue(
        ['charts', i, 'spec', 'source', 'path'],
        "a workbook chart reads a workbook table: remove source.path (the workbook's sources say which files to load)",
      );
    if (c.spec.source.sheet !== undefined)
      issue(['charts', i, 'spec', 'source', 'sheet'], "a workbook chart reads a workbook table: put the sheet in the source's importOptions");
  });
  wb.views.forEach((v, i) => {
    v.spec.tables.forEach((t, j) => {
      if (!known(t)) issue(['views', i, 'spec', 'tables', j], `"${t}" is not a table of this workbook (tables: ${tableList()})`);
    });
  });

  const chartIds = new Set(wb.charts.map((c) => c.id));
  const viewIds = new Set(wb.views.map((v) => v.id));
  wb.report.items.forEach((item, i) => {
    const path = ['report', 'items', i];
    if (item.width !== undefined && item.width > wb.report.columns)
      issue([...path, 'width'], `is ${item.width}, wider than the report's ${wb.report.columns} column${wb.report.columns === 1 ? '' : 's'}`);
    if (item.kind === 'chart' && !chartIds.has(item.chart)) issue([...path, 'chart'], `no chart "${item.chart}" in the workbook`);
    if (item.kind === 'view') {
      if (!viewIds.has(item.view)) issue([...path, 'view'], `no view "${item.view}" in the workbook`);
      if (item.chart !== undefined && item.table !== undefined) issue(path, 'shows a chart or a table of the view, not both');
    }
  });

  if (wb.snapshot) {
    const sources = new Set(wb.sources.map((s) => s.table.toLowerCase()));
    wb.snapshot.tables.forEach((t, i) => {
      const path = ['snapshot', 'tables', i];
      if (!sources.has(t.table.toLowerCase())) issue([...path, 'table'], `"${t.table}" is not a source table of this workbook`);
      if (wb.snapshot!.storage === 'files' && t.file === undefined) issue([...path, 'file'], "a snapshot stored in files needs the file's path");
      if (wb.snapshot!.storage === 'embedded' && t.data === undefined) issue([...path, 'data'], 'an embedded snapshot needs the data');
      if (t.file !== undefined && t.data !== undefined) issue(path, 'has both a file and embedded data');
    });
  }
}

export const workbookSchema = workbookObject.superRefine(checkWorkbook);

/** A validated workbook with every default filled in. */
export type Workbook = z.output<typeof workbookSchema>;
/** What a file or the UI may write: defaults can be left out. */
export type WorkbookInput = z.input<typeof workbookSchema>;
export type WorkbookSource = Workbook['sources'][number];
export type SourceFile = WorkbookSource['files'][number];
export type Fingerprint = z.output<typeof fingerprintSchema>;
export type SavedColumn = z.output<typeof savedColumnSchema>;
export type DerivedTable = Workbook['derived'][number];
export type WorkbookField = Workbook['fields'][number];
export type WorkbookChart = Workbook['charts'][number];
export type WorkbookView = Workbook['views'][number];
export type Report = Workbook['report'];
export type ReportItem = Report['items'][number];
export type ChartItem = Extract<ReportItem, { kind: 'chart' }>;
export type ViewItem = Extract<ReportItem, { kind: 'view' }>;
export type TextItem = Extract<ReportItem, { kind: 'text' }>;
export type Snapshot = z.output<typeof snapshotSchema>;
export type SnapshotTable = Snapshot['tables'][number];
export type SourceImportOptions = z.output<typeof importOptionsSchema>;

// Compile-time checks that the schema's shapes are what the importer and views take.
const importOptionsFit = (o: SourceImportOptions): ImportOptions => o;
const viewSpecFits = (v: WorkbookView['spec']): ViewSpec => v;
void importOptionsFit;
void viewSpecFits;

/** A report item's width in grid columns (no width = the whole row). */
export function itemWidth(item: ReportItem, report: Pick<Report, 'columns'>): number {
  return Math.min(item.width ?? report.columns, report.columns);
}

/** Every table a workbook defines: sources, then derived tables, in order. */
export function workbookTables(wb: Pick<Workbook, 'sources' | 'derived'>): string[] {
  return [...wb.sources.map((s) => s.table), ...wb.derived.map((d) => d.table)];
}

/** A new, empty workbook. */
export function emptyWorkbook(title = 'Untitled workbook'): Workbook {
  return workbookSchema.parse({ format: WORKBOOK_FORMAT, version: CURRENT_VERSION, title });
}
