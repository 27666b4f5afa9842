import { z } from 'zod';
import type { ChartSpec, Dimension, Measure } from '../charts/chart-spec';
import { compileExpression, type ExpressionField } from '../expressions/compile';
import { ExpressionError } from '../expressions/parse';
import { quoteIdent } from '../sql/identifiers';

/**
 * How a table's fields read and which the table computes: a display name used
 * everywhere a field is shown (field list, axes, legends, tooltips, exports),
 * labels for coded values (`1` → "Type 1 major A&E"), hidden fields, and
 * calculated columns (an expression in the calculated-field language, one
 * value per row). Saved in the workbook's `fields`; applied to a chart when it
 * runs, so a chart spec keeps only what its author set on that chart.
 */

const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_ ]{0,62}$/;

export const fieldSettingSchema = z.strictObject({
  table: z.string().min(1),
  column: z.string().min(1),
  /** The field's display name. */
  label: z.string().trim().min(1).max(120).optional(),
  /** Labels of coded values, by value as text. */
  values: z.record(z.string(), z.string()).optional(),
  /** Left out of the field list (still in the data). */
  hidden: z.boolean().optional(),
  /** A calculated column: its expression (row mode, no aggregates), e.g. `[Breaches] / [Attendances]`. */
  expr: z.string().trim().min(1).optional(),
});

export type FieldSetting = z.output<typeof fieldSettingSchema>;

/** `beds_av` → `Beds av`, `TOTAL_GP_FTE` → `Total GP FTE`, `AdmissionsTotal` → `Admissions total`; a plain one-word name is left as it is. */
export function humaniseName(name: string): string {
  // Already words (`Org Code`), or one plain word (`ccg`, `activity`): as it is.
  if (!name.includes('_') && (/\s/.test(name) || !/[a-z][A-Z]/.test(name))) return name;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[_\s]+/)
    .filter(Boolean);
  if (words.length <= 1 && !/[a-z][A-Z]/.test(name)) return name;
  const shouting = /^[A-Z0-9_\s]+$/.test(name);
  const out = words.map((w, i) => {
    // In a name written in capitals, short words are kept as abbreviations (GP, FTE, A&E codes); longer ones read as words.
    if (shouting) return w.length <= 3 && i > 0 ? w : i === 0 ? w[0]! + w.slice(1).toLowerCase() : w.toLowerCase();
    if (/^[A-Z0-9]+$/.test(w)) return w;
    return i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w.toLowerCase();
  });
  return out.join(' ');
}

/** The settings of one table's fields. */
export function settingsOfTable(settings: readonly FieldSetting[], table: string): FieldSetting[] {
  return settings.filter((s) => s.table === table);
}

/** A field's display name: its own label, else its name made readable. */
export function displayName(settings: readonly FieldSetting[], column: string): string {
  return settings.find((s) => s.column === column)?.label ?? humaniseName(column);
}

/** Whether the field has a display name of the person's own. */
function ownLabel(settings: readonly FieldSetting[], column: string): string | undefined {
  return settings.find((s) => s.column === column)?.label;
}

function labelDimension(dim: Dimension, settings: readonly FieldSetting[]): Dimension {
  const values = settings.find((s) => s.column === dim.field)?.values;
  const out: Dimension = { ...dim };
  if (out.label === undefined && (dim.grain === 'none' || dim.grain === 'month')) {
    const name = displayName(settings, dim.field);
    if (name !== dim.field) out.label = name;
  }
  // The chart's own value labels win over the table's.
  if (values && dim.grain === 'none') out.valueLabels = { ...values, ...(dim.valueLabels ?? {}) };
  return out;
}

/** A name after a word (`Total beds available`): its capital kept only for an abbreviation (`GP`, `A&E`). */
function inSentence(name: string): string {
  const first = name.split(' ')[0]!;
  return /^[A-Z0-9&]{2,}$/.test(first) ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

const PREFIX: Record<NonNullable<Measure['aggregate']>, string> = {
  sum: 'Total',
  mean: 'Average',
  count: 'Count of',
  count_distinct: 'Distinct',
  min: 'Minimum',
  max: 'Maximum',
  median: 'Median',
};

function labelMeasure(m: Measure, settings: readonly FieldSetting[]): Measure {
  if (m.label !== undefined || m.field === undefined || m.aggregate === undefined) return m;
  const own = ownLabel(settings, m.field);
  const name = own ?? humaniseName(m.field);
  if (name === m.field) return m;
  // A name the person chose reads as it is for a sum; otherwise the aggregate is named, unless the name already says it.
  if (m.aggregate === 'sum' && (own !== undefined || /^total\b/i.test(name))) return { ...m, label: name };
  return { ...m, label: `${PREFIX[m.aggregate]} ${inSentence(name)}` };
}

/** A chart as it reads with its table's field settings: display names on axes, legends and exports, value labels on categories. */
export function labelChartSpec(spec: ChartSpec, settings: readonly FieldSetting[]): ChartSpec {
  const own = settingsOfTable(settings, spec.source.table);
  return {
    ...spec,
    ...(spec.x ? { x: labelDimension(spec.x, own) } : {}),
    ...(spec.series ? { series: labelDimension(spec.series, own) } : {}),
    ...(spec.pivot ? { pivot: { ...spec.pivot, rows: spec.pivot.rows.map((d) => labelDimension(d, own)) } } : {}),
    y: spec.y.map((m) => labelMeasure(m, own)),
  };
}

/** A calculated column's name: letters, digits, spaces and _, not starting with a digit. */
export function calculatedColumnNameProblem(name: string, taken: readonly string[]): string | null {
  if (!COLUMN_NAME.test(name)) return 'Use letters, digits, spaces and _ (up to 63), starting with a letter.';
  if (taken.some((t) => t.toLowerCase() === name.toLowerCase())) return `The table already has a field "${name}": choose another name.`;
  return null;
}

export type ColumnCheck = { ok: true; sql: string } | { ok: false; message: string; start: number; end: number };

/** Whether a calculated column's expression fits the table's fields (its SQL, or the mistake and where it is). */
export function checkCalculatedColumn(expr: string, fields: readonly ExpressionField[]): ColumnCheck {
  if (expr.trim() === '') return { ok: false, message: 'Write an expression, e.g. [breaches] / [attendances].', start: 0, end: 0 };
  try {
    return { ok: true, sql: compileExpression(expr, { mode: 'row', fields }) };
  } catch (e) {
    if (e instanceof ExpressionError) return { ok: false, message: e.message, start: e.start, end: e.end };
    throw e;
  }
}

/**
 * The statements that give a table exactly these calculated columns, in order:
 * the table remade without the ones it has, then each added by
 * `CREATE OR REPLACE TABLE … AS SELECT *, expr AS name` (one at a time, so a
 * column may use the ones before it). `fields` are the table's other columns.
 */
export function calculatedColumnsSql(
  table: string,
  existing: readonly string[],
  columns: readonly { column: string; expr: string }[],
  fields: readonly ExpressionField[],
): string[] {
  const t = quoteIdent(table);
  const out: string[] = [];
  if (existing.length > 0) out.push(`CREATE OR REPLACE TABLE ${t} AS SELECT * EXCLUDE (${existing.map(quoteIdent).join(', ')}) FROM ${t}`);
  const known: ExpressionField[] = fields.filter((f) => !existing.some((e) => e.toLowerCase() === f.name.toLowerCase()));
  for (const c of columns) {
    const sql = compileExpression(c.expr, { mode: 'row', fields: known });
    out.push(`CREATE OR REPLACE TABLE ${t} AS SELECT *, ${sql} AS ${quoteIdent(c.column)} FROM ${t}`);
    known.push({ name: c.column, kind: 'unknown' });
  }
  return out;
}
