import { z } from 'zod';
import { ExpressionError, parseExpression } from '../expressions/parse';
import { NUMBER_FORMATS } from '../format/number-format';
import { dimensionKey, measureKey } from './chart-fields';
import { TIME_GRAINS } from './time-grain';

/**
 * A chart is a plain, serialisable spec: which table, which column on the
 * category axis (with a time grain), which measures (column + aggregation),
 * an optional colour split, filters, sort, chart type and formatting. The UI
 * edits specs; `compileChartSql` turns one into SQL and `buildChartOption`
 * turns the query result into a plain-JSON ECharts option.
 *
 * Structural mistakes (a measure reference that does not exist, a pie with two
 * measures) are validation errors. Settings that do not apply to the chosen
 * chart type (a reference line on a pie, `mark` outside a combo) are ignored,
 * so switching type in the UI never makes a spec invalid.
 */

export const CHART_SPEC_VERSION = 1;

export const CHART_TYPES = ['column', 'bar', 'line', 'area', 'combo', 'scatter', 'pie', 'donut', 'heatmap', 'spc', 'funnel', 'table', 'pivot'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export const AGGREGATIONS = ['sum', 'mean', 'count', 'count_distinct', 'min', 'max', 'median'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** `grouped` bars side by side; `stacked`; `percent` = 100% stacked (shares computed by the option builder). */
export const STACK_MODES = ['grouped', 'stacked', 'percent'] as const;
export type StackMode = (typeof STACK_MODES)[number];

const columnName = z.string().min(1, 'needs a column name');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a real date');

/** A column used as a category: the x axis, or the colour split. */
export const dimensionSchema = z.strictObject({
  field: columnName,
  /** Time grain for a date column (`none` uses the values as they are). */
  grain: z.enum(TIME_GRAINS).default('none'),
  /** Axis title / column heading; defaults to the field name (or the grain's name). */
  label: z.string().optional(),
  /** How values read, by value (`{"1": "Type 1 major A&E"}`): on axes, in legends, tooltips and tables; the data keeps the values. */
  valueLabels: z.record(z.string(), z.string()).optional(),
});

export const measureSchema = z.strictObject({
  /** Key of the measure's result column; defaults to `<aggregate>_<field>` made a plain identifier (`sum_activity`). */
  id: z.string().min(1).optional(),
  /** The column aggregated; `count` without a field counts rows. */
  field: columnName.optional(),
  /** How the column is aggregated; absent for a calculated measure (`expr`). */
  aggregate: z.enum(AGGREGATIONS).optional(),
  /**
   * A calculated measure instead of field + aggregate, e.g. `1 - sum([Breaches]) / sum([Attendances])`
   * (src-shared/expressions): aggregates of fields, numbers, arithmetic, if/coalesce/nullif/round/abs,
   * and other measures by id. Division by zero gives a blank.
   */
  expr: z.string().min(1).optional(),
  label: z.string().optional(),
  format: z.enum(NUMBER_FORMATS).optional(),
  decimals: z.number().int().min(0).max(6).optional(),
  /** Value axis (column, line, area and combo charts). Combo default: the first measure primary, the rest secondary. */
  axis: z.enum(['primary', 'secondary']).optional(),
  /** Combo charts only: how the measure is drawn. Default: the first as columns, the rest as lines. */
  mark: z.enum(['column', 'line']).optional(),
  /**
   * Disclosure control treats this measure as a count of people or events
   * (suppressed 1–7, rounded to 5 on export). Default: `count`, and `sum` of a
   * whole-number column.
   */
  count: z.boolean().optional(),
});

const filterValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const filterSchema = z.discriminatedUnion('kind', [
  /**
   * Keep rows whose value (after the optional grain) is one of `values`; `null` matches blanks.
   * With no values (a filter just added, nothing ticked yet) it does not filter.
   */
  z.strictObject({ kind: z.literal('include'), field: columnName, grain: z.enum(TIME_GRAINS).default('none'), values: z.array(filterValue) }),
  /** Drop rows whose value is one of `values`; blanks are kept unless `null` is listed. No values: no filter. */
  z.strictObject({ kind: z.literal('exclude'), field: columnName, grain: z.enum(TIME_GRAINS).default('none'), values: z.array(filterValue) }),
  /** Numeric range on a column, both ends inclusive; an open end is unbounded (neither end: no filter). */
  z.strictObject({ kind: z.literal('range'), field: columnName, min: z.number().optional(), max: z.number().optional() }),
  /** Date range on a column, both ends inclusive (`YYYY-MM-DD`); open ends as for `range`. */
  z.strictObject({ kind: z.literal('date_range'), field: columnName, from: isoDate.optional(), to: isoDate.optional() }),
  /**
   * Keep the `n` categories of a dimension with the largest (or smallest) value
   * of a measure; the rest are dropped, or summed into an "Other" category.
   * Blank categories are never among the top n (with `other` they go to Other).
   */
  z.strictObject({
    kind: z.literal('top'),
    dimension: z.enum(['x', 'series']).default('x'),
    n: z.number().int().min(1).max(10_000),
    /** Measure key; defaults to the first measure. */
    by: z.string().min(1).optional(),
    order: z.enum(['largest', 'smallest']).default('largest'),
    other: z.boolean().default(false),
    otherLabel: z.string().min(1).default('Other'),
  }),
]);

export const sortSchema = z.strictObject({
  /** `category`: by the x values (time order for time grains); `value`: by a measure (totals across the colour split). */
  by: z.enum(['category', 'value']).default('category'),
  /** Measure key for `value`; defaults to the first measure. */
  measure: z.string().min(1).optional(),
  direction: z.enum(['asc', 'desc']).default('asc'),
});

export const referenceLineSchema = z.discriminatedUnion('type', [
  /** A fixed value, e.g. a target. */
  z.strictObject({
    type: z.literal('value'),
    value: z.number(),
    label: z.string().optional(),
    measure: z.string().min(1).optional(),
    style: z.enum(['target', 'average', 'benchmark']).default('target'),
  }),
  /** The mean (or median) of the plotted values of a measure (of the stack totals when stacked). */
  z.strictObject({
    type: z.enum(['average', 'median']),
    label: z.string().optional(),
    measure: z.string().min(1).optional(),
    style: z.enum(['target', 'average', 'benchmark']).default('average'),
  }),
]);

/** SPC (`type: "spc"`): the XmR settings; x is the period (a date at a grain), the one measure the value plotted. */
export const spcSettingsSchema = z.strictObject({
  improvement: z.enum(['increase', 'decrease', 'neutral']).default('increase'),
  /** A target for the assurance icon. */
  target: z.number().optional(),
  /** Limits from the first N points (12 or more). */
  fixAfter: z.number().int().min(12).optional(),
  /** Periods (`YYYY-MM-DD`) where the process changed: each starts a segment with its own limits. */
  rebase: z.array(isoDate).default([]),
});

/** Funnel (`type: "funnel"`): x is the unit, the two measures the numerator and the denominator (observed and expected for a ratio). */
export const funnelSettingsSchema = z.strictObject({
  statistic: z.enum(['proportion', 'ratio', 'rate']).default('proportion'),
  /** Per 100 (percentage) by default for proportions, per 100,000 for rates. */
  multiplier: z.number().positive().optional(),
  ratioType: z.enum(['ratio', 'count', 'isr']).default('ratio'),
});

/**
 * Pivot table (`type: "pivot"`): x is the first row field, `rows` the row fields under it,
 * the colour split the column field, each measure a value. Totals are computed from the rows
 * (a total of a ratio is the ratio of the totals), not added up from the cells.
 */
export const pivotSettingsSchema = z.strictObject({
  rows: z.array(dimensionSchema).max(4, 'at most five row fields (x and four more)').default([]),
  subtotals: z.boolean().default(true),
  totals: z.boolean().default(true),
  /** `scale`: shade each value's cells from white to NHS light blue by size (totals unshaded). */
  colour: z.enum(['none', 'scale']).default('none'),
});

const size = (fallback: number) => z.number().int().min(200).max(4000).default(fallback);

export const chartFormatSchema = z.strictObject({
  title: z.string().optional(),
  subtitle: z.string().optional(),
  /** Shown under the chart, e.g. `Source: SUS monthly extract`. */
  sourceNote: z.string().optional(),
  footnote: z.string().optional(),
  /** Title of the x (category) axis: drawn vertically for horizontal bars; the horizontal measure for scatter. */
  xAxisTitle: z.string().optional(),
  /** Title of the (primary) value axis; defaults to the measure's label when the axis shows one measure. */
  yAxisTitle: z.string().optional(),
  y2AxisTitle: z.string().optional(),
  dataLabels: z.boolean().default(false),
  /** `auto`: at the top when there is more than one series. */
  legend: z.enum(['auto', 'top', 'bottom', 'none']).default('auto'),
  palette: z.enum(['nhs', 'colour-blind-safe']).default('nhs'),
  /** Categories (or, with a colour split, series) drawn in NHS Blue with everything else grey, e.g. `["11X"]`. */
  highlight: z.array(z.union([z.string(), z.number()])).default([]),
  referenceLines: z.array(referenceLineSchema).default([]),
  /** Rendered size in pixels (SVG/PNG export); 960×540 is a 16:9 slide. */
  width: size(960),
  height: size(540),
});

export const chartSourceSchema = z.strictObject({
  /** The loaded table the chart reads. */
  table: z.string().min(1, 'needs a table name'),
  /** For headless runs: the data file, relative to the spec file. */
  path: z.string().min(1).optional(),
  /** Excel sheet to import, when `path` is a workbook. */
  sheet: z.string().min(1).optional(),
});

const chartSpecObject = z.strictObject({
  version: z.literal(CHART_SPEC_VERSION, { error: `must be ${CHART_SPEC_VERSION} (the chart spec version this app reads)` }),
  source: chartSourceSchema,
  type: z.enum(CHART_TYPES),
  stack: z.enum(STACK_MODES).default('grouped'),
  x: dimensionSchema.optional(),
  /** Colour split: one series per value. */
  series: dimensionSchema.optional(),
  y: z.array(measureSchema).min(1, 'needs at least one measure'),
  filters: z.array(filterSchema).default([]),
  sort: sortSchema.prefault({}),
  format: chartFormatSchema.prefault({}),
  spc: spcSettingsSchema.optional(),
  funnel: funnelSettingsSchema.optional(),
  pivot: pivotSettingsSchema.optional(),
});

type SpecShape = z.output<typeof chartSpecObject>;

function checkSpec(spec: SpecShape, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const keys = spec.y.map(measureKey);
  const keySet = new Set(keys);
  keys.forEach((key, i) => {
    if (keys.indexOf(key) !== i) issue(['y', i, 'id'], `measure key "${key}" is used twice: give the measure a different id`);
  });
  const measureRef = (path: PropertyKey[], key: string | undefined) => {
    if (key !== undefined && !keySet.has(key)) issue(path, `"${key}" is not a measure; measures are ${keys.map((k) => `"${k}"`).join(', ')}`);
  };
  spec.y.forEach((m, i) => {
    if (m.expr !== undefined) {
      if (m.aggregate !== undefined || m.field !== undefined)
        issue(['y', i, 'expr'], 'a calculated measure has an expression instead of a field and an aggregate: remove one or the other');
      if (m.id === undefined) issue(['y', i, 'id'], 'a calculated measure needs an id (its name in other expressions and in the data)');
      try {
        parseExpression(m.expr);
      } catch (e) {
        if (e instanceof ExpressionError) issue(['y', i, 'expr'], `${e.message} (at character ${e.start + 1})`);
        else throw e;
      }
      return;
    }
    if (m.aggregate === undefined) {
      issue(['y', i, 'aggregate'], 'needs an aggregate (sum, mean, count, …) or an expression (expr)');
      return;
    }
    if (m.aggregate !== 'count' && m.field === undefined)
      issue(['y', i, 'field'], `needs a column to ${m.aggregate === 'count_distinct' ? 'count' : 'aggregate'}`);
  });

  if (!spec.x && spec.type !== 'table') issue(['x'], `a ${spec.type} chart needs an x column`);
  if (spec.x && keySet.has(dimensionKey(spec.x))) issue(['x', 'field'], `result column "${dimensionKey(spec.x)}" clashes with a measure key`);
  if (spec.series) {
    if (keySet.has(dimensionKey(spec.series))) issue(['series', 'field'], `result column "${dimensionKey(spec.series)}" clashes with a measure key`);
    if (spec.x && dimensionKey(spec.x) === dimensionKey(spec.series)) issue(['series'], 'must differ from x');
    if (!spec.x) issue(['series'], 'needs an x column as well');
  }

  const count = spec.y.length;
  switch (spec.type) {
    case 'pie':
    case 'donut':
      if (count !== 1) issue(['y'], `a ${spec.type} chart shows exactly one measure`);
      if (spec.series) issue(['series'], `a ${spec.type} chart has no colour split: its slices are the x categories`);
      break;
    case 'heatmap':
      if (count !== 1) issue(['y'], 'a heatmap shows exactly one measure');
      if (!spec.series) issue(['series'], 'a heatmap needs a series column for its rows');
      break;
    case 'scatter':
      if (count !== 2) issue(['y'], 'a scatter chart needs exactly two measures: horizontal, then vertical');
      break;
    case 'spc':
      if (count !== 1) issue(['y'], 'an SPC chart shows exactly one measure, one value per period');
      if (spec.series) issue(['series'], 'an SPC chart has no colour split: make one chart per series (a filter picks it)');
      break;
    case 'funnel':
      if (count !== 2) issue(['y'], 'a funnel plot needs exactly two measures: the numerator, then the denominator (observed, then expected, for a ratio)');
      if (spec.series) issue(['series'], 'a funnel plot has no colour split: its points are the x categories');
      break;
    case 'pivot': {
      const keys = [spec.x, ...(spec.pivot?.rows ?? []), spec.series].filter((d) => d !== undefined).map(dimensionKey);
      keys.forEach((k, i) => {
        if (keys.indexOf(k) !== i) issue(['pivot', 'rows'], `"${k}" is used twice as a row or column field`);
      });
      break;
    }
    case 'combo':
      if (count < 2) issue(['y'], 'a combo chart needs at least two measures');
      if (spec.series) issue(['series'], 'a combo chart has no colour split');
      break;
    default:
      break;
  }

  const tops = new Set<string>();
  spec.filters.forEach((f, i) => {
    if (f.kind === 'range' && f.min !== undefined && f.max !== undefined && f.min > f.max) issue(['filters', i, 'max'], 'must not be below min');
    if (f.kind === 'date_range' && f.from !== undefined && f.to !== undefined && f.from > f.to) issue(['filters', i, 'to'], 'must not be before from');
    if (f.kind === 'top') {
      if (tops.has(f.dimension)) issue(['filters', i], `only one top filter per dimension (${f.dimension})`);
      tops.add(f.dimension);
      if (!spec[f.dimension]) issue(['filters', i, 'dimension'], `the spec has no ${f.dimension} column`);
      measureRef(['filters', i, 'by'], f.by);
    }
  });
  if (spec.sort.by === 'value' && !spec.x) issue(['sort', 'by'], 'sorting by value needs an x column');
  measureRef(['sort', 'measure'], spec.sort.measure);
  spec.format.referenceLines.forEach((line, i) => measureRef(['format', 'referenceLines', i, 'measure'], line.measure));
}

export const chartSpecSchema = chartSpecObject.superRefine(checkSpec);

/** A validated spec with every default filled in. */
export type ChartSpec = z.output<typeof chartSpecSchema>;
/** What a spec file or the UI may write: defaults can be left out. */
export type ChartSpecInput = z.input<typeof chartSpecSchema>;
export type Dimension = z.output<typeof dimensionSchema>;
export type Measure = z.output<typeof measureSchema>;
export type MeasureInput = z.input<typeof measureSchema>;
export type ChartFilter = z.output<typeof filterSchema>;
export type TopFilter = Extract<ChartFilter, { kind: 'top' }>;
export type RowFilter = Exclude<ChartFilter, { kind: 'top' }>;
export type ChartSort = z.output<typeof sortSchema>;
export type ReferenceLine = z.output<typeof referenceLineSchema>;
export type ChartFormat = z.output<typeof chartFormatSchema>;
export type ChartSource = z.output<typeof chartSourceSchema>;
export type SpcSettings = z.output<typeof spcSettingsSchema>;
export type FunnelSettingsSpec = z.output<typeof funnelSettingsSchema>;
export type PivotSettings = z.output<typeof pivotSettingsSchema>;

export interface SpecIssue {
  /** Where, e.g. `y[0].aggregate`; `spec` for the whole spec. */
  path: string;
  message: string;
}

export type SpecValidation = { ok: true; spec: ChartSpec } | { ok: false; issues: SpecIssue[] };

/** `['y', 0, 'aggregate']` → `y[0].aggregate`. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || 'spec';
}

/** Validate anything (parsed JSON, a UI draft) as a chart spec. */
export function validateChartSpec(input: unknown): SpecValidation {
  const result = chartSpecSchema.safeParse(input);
  if (result.success) return { ok: true, spec: result.data };
  return { ok: false, issues: result.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })) };
}

/** One line naming each problem: `y[0].aggregate: Invalid option…; x: a column chart needs an x column`. */
export function describeSpecIssues(issues: readonly SpecIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

export class ChartSpecError extends Error {
  override readonly name = 'ChartSpecError';
  constructor(readonly issues: SpecIssue[]) {
    super(`Invalid chart spec: ${describeSpecIssues(issues)}`);
  }
}

/** Validate and fill defaults, or throw a ChartSpecError naming every problem. */
export function parseChartSpec(input: unknown): ChartSpec {
  const result = validateChartSpec(input);
  if (!result.ok) throw new ChartSpecError(result.issues);
  return result.spec;
}
