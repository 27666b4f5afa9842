import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartColumns, dimensionKey, measureKey, measureLabel } from '../../src-shared/charts/chart-fields';
import { ChartSpecError, describeSpecIssues, parseChartSpec, validateChartSpec } from '../../src-shared/charts/chart-spec';
import { chartSpecFieldProblems } from '../../src-shared/charts/spec-fields';

const base = { version: 1, source: { table: 'activity' } } as const;

function issues(input: unknown) {
  const r = validateChartSpec(input);
  if (r.ok) throw new Error('expected the spec to be invalid');
  return r.issues;
}

describe('chart spec schema', () => {
  it('fills every default', () => {
    const spec = parseChartSpec({ ...base, type: 'column', x: { field: 'pod' }, y: [{ field: 'activity', aggregate: 'sum' }] });
    expect(spec).toEqual({
      version: 1,
      source: { table: 'activity' },
      type: 'column',
      stack: 'grouped',
      x: { field: 'pod', grain: 'none' },
      y: [{ field: 'activity', aggregate: 'sum' }],
      filters: [],
      sort: { by: 'category', direction: 'asc' },
      format: { dataLabels: false, legend: 'auto', palette: 'nhs', highlight: [], referenceLines: [], width: 960, height: 540 },
    });
    // A validated spec is plain JSON and survives a round trip.
    expect(parseChartSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
  });

  it('fills filter, sort and reference line defaults', () => {
    const spec = parseChartSpec({
      ...base,
      type: 'bar',
      x: { field: 'org' },
      y: [{ field: 'v', aggregate: 'mean' }],
      filters: [
        { kind: 'top', n: 5 },
        { kind: 'include', field: 'month', values: ['2016/17'] },
      ],
      sort: { by: 'value' },
      format: { referenceLines: [{ type: 'average' }, { type: 'value', value: 3 }] },
    });
    expect(spec.filters).toEqual([
      { kind: 'top', dimension: 'x', n: 5, order: 'largest', other: false, otherLabel: 'Other' },
      { kind: 'include', field: 'month', grain: 'none', values: ['2016/17'] },
    ]);
    expect(spec.sort).toEqual({ by: 'value', direction: 'asc' });
    expect(spec.format.referenceLines).toEqual([
      { type: 'average', style: 'average' },
      { type: 'value', value: 3, style: 'target' },
    ]);
  });

  it('names each problem with its path', () => {
    expect(issues({ ...base, type: 'column', x: { field: 'pod' }, y: [{ field: 'activity', aggregate: 'total' }] })).toEqual([
      { path: 'y[0].aggregate', message: 'Invalid option: expected one of "sum"|"mean"|"count"|"count_distinct"|"min"|"max"|"median"' },
    ]);
    expect(issues({ ...base, version: 2, type: 'column', x: { field: 'pod' }, y: [{ aggregate: 'count' }] })).toEqual([
      { path: 'version', message: 'must be 1 (the chart spec version this app reads)' },
    ]);
    expect(issues({ ...base, type: 'column', x: { field: 'pod', colour: 'red' }, y: [{ aggregate: 'count' }] })).toEqual([
      { path: 'x', message: 'Unrecognized key: "colour"' },
    ]);
    expect(issues({ ...base, type: 'column', x: { field: '' }, y: [] }).map((i) => i.path)).toEqual(['x.field', 'y']);
  });

  it('checks how the parts fit together', () => {
    const cases: [unknown, string][] = [
      [{ ...base, type: 'column', y: [{ aggregate: 'count' }] }, 'x: a column chart needs an x column'],
      [{ ...base, type: 'column', x: { field: 'a' }, y: [{ aggregate: 'sum' }] }, 'y[0].field: needs a column to aggregate'],
      [
        { ...base, type: 'column', x: { field: 'a' }, y: [{ aggregate: 'count' }, { aggregate: 'count' }] },
        'y[1].id: measure key "count" is used twice: give the measure a different id',
      ],
      [{ ...base, type: 'pie', x: { field: 'a' }, y: [{ aggregate: 'count' }, { field: 'b', aggregate: 'sum' }] }, 'y: a pie chart shows exactly one measure'],
      [
        { ...base, type: 'donut', x: { field: 'a' }, series: { field: 'b' }, y: [{ aggregate: 'count' }] },
        'series: a donut chart has no colour split: its slices are the x categories',
      ],
      [{ ...base, type: 'heatmap', x: { field: 'a' }, y: [{ aggregate: 'count' }] }, 'series: a heatmap needs a series column for its rows'],
      [
        { ...base, type: 'scatter', x: { field: 'a' }, y: [{ aggregate: 'count' }] },
        'y: a scatter chart needs exactly two measures: horizontal, then vertical',
      ],
      [{ ...base, type: 'combo', x: { field: 'a' }, y: [{ aggregate: 'count' }] }, 'y: a combo chart needs at least two measures'],
      [
        { ...base, type: 'line', x: { field: 'm', grain: 'month' }, series: { field: 'm', grain: 'month' }, y: [{ aggregate: 'count' }] },
        'series: must differ from x',
      ],
      [{ ...base, type: 'column', x: { field: 'count' }, y: [{ aggregate: 'count' }] }, 'x.field: result column "count" clashes with a measure key'],
      [
        { ...base, type: 'column', x: { field: 'a' }, y: [{ aggregate: 'count' }], sort: { by: 'value', measure: 'sum_x' } },
        'sort.measure: "sum_x" is not a measure; measures are "count"',
      ],
      [
        { ...base, type: 'column', x: { field: 'a' }, y: [{ aggregate: 'count' }], filters: [{ kind: 'top', dimension: 'series', n: 3 }] },
        'filters[0].dimension: the spec has no series column',
      ],
      [
        { ...base, type: 'column', x: { field: 'a' }, y: [{ aggregate: 'count' }], filters: [{ kind: 'range', field: 'v', min: 5, max: 1 }] },
        'filters[0].max: must not be below min',
      ],
      [
        { ...base, type: 'column', x: { field: 'a' }, y: [{ aggregate: 'count' }], filters: [{ kind: 'date_range', field: 'd', from: '2017-02-30' }] },
        'filters[0].from: is not a real date',
      ],
      [
        {
          ...base,
          type: 'column',
          x: { field: 'a' },
          y: [{ aggregate: 'count' }],
          filters: [{ kind: 'date_range', field: 'd', from: '2017-04-01', to: '2016-04-01' }],
        },
        'filters[0].to: must not be before from',
      ],
      [
        { ...base, type: 'column', x: { field: 'a' }, y: [{ aggregate: 'count' }], format: { referenceLines: [{ type: 'median', measure: 'nope' }] } },
        'format.referenceLines[0].measure: "nope" is not a measure; measures are "count"',
      ],
    ];
    for (const [input, expected] of cases) expect(describeSpecIssues(issues(input))).toBe(expected);
  });

  it('a table may go without x; settings a type does not use are ignored, not errors', () => {
    expect(validateChartSpec({ ...base, type: 'table', y: [{ aggregate: 'count' }] }).ok).toBe(true);
    expect(
      validateChartSpec({
        ...base,
        type: 'pie',
        stack: 'percent',
        x: { field: 'a' },
        y: [{ aggregate: 'count', mark: 'line', axis: 'secondary' }],
        format: { referenceLines: [{ type: 'average' }] },
      }).ok,
    ).toBe(true);
  });

  it('throws a ChartSpecError whose message lists every problem on one line', () => {
    const bad = { ...base, type: 'column', y: [{ aggregate: 'sum' }] };
    expect(() => parseChartSpec(bad)).toThrow(ChartSpecError);
    expect(() => parseChartSpec(bad)).toThrow('Invalid chart spec: y[0].field: needs a column to aggregate; x: a column chart needs an x column');
  });
});

describe('result column names and labels', () => {
  it('keys dimensions by field and grain, measures by aggregate and field', () => {
    expect(dimensionKey({ field: 'month', grain: 'none' })).toBe('month');
    expect(dimensionKey({ field: 'month', grain: 'month' })).toBe('month');
    expect(dimensionKey({ field: 'month', grain: 'financial_year' })).toBe('month_financial_year');
    expect(measureKey({ field: 'Staff In Post WTE', aggregate: 'mean' })).toBe('mean_staff_in_post_wte');
    expect(measureKey({ aggregate: 'count' })).toBe('count');
    expect(measureKey({ id: 'rate', field: 'Value', aggregate: 'mean' })).toBe('rate');
    expect(measureLabel({ field: 'activity', aggregate: 'sum' })).toBe('Total activity');
    expect(measureLabel({ field: 'pod', aggregate: 'count_distinct' })).toBe('Distinct pod');
    expect(measureLabel({ aggregate: 'count' })).toBe('Count');
  });

  it('lists the result columns in order with labels and formats', () => {
    const spec = parseChartSpec({
      ...base,
      type: 'column',
      x: { field: 'month', grain: 'financial_year' },
      series: { field: 'pod', label: 'Point of delivery' },
      y: [{ field: 'cost_gbp', aggregate: 'sum', format: 'gbp_m', decimals: 2 }, { aggregate: 'count' }],
    });
    expect(chartColumns(spec)).toEqual([
      { key: 'month_financial_year', label: 'Financial year', role: 'x', grain: 'financial_year' },
      { key: 'pod', label: 'Point of delivery', role: 'series', grain: 'none' },
      { key: 'sum_cost_gbp', label: 'Total cost_gbp', role: 'measure', format: 'gbp_m', decimals: 2 },
      { key: 'count', label: 'Count', role: 'measure', format: 'integer' },
    ]);
  });
});

describe('a spec against a table’s columns', () => {
  const columns = [
    { name: 'month', kind: 'date' as const },
    { name: 'pod', kind: 'string' as const },
    { name: 'activity', kind: 'number' as const },
    { name: 'Financial Year', kind: 'string' as const },
  ];
  it('finds missing columns, grains on non-dates and sums of text', () => {
    const spec = parseChartSpec({
      ...base,
      type: 'column',
      x: { field: 'financial year', grain: 'none' },
      series: { field: 'pod', grain: 'quarter' },
      y: [
        { field: 'pod', aggregate: 'sum' },
        { field: 'pod', aggregate: 'count_distinct' },
      ],
      filters: [
        { kind: 'date_range', field: 'activity', from: '2016-04-01' },
        { kind: 'range', field: 'month', max: 3 },
        { kind: 'include', field: 'month', grain: 'financial_year', values: ['2016/17'] },
      ],
    });
    expect(chartSpecFieldProblems(spec, 'activity', columns)).toEqual([
      'x.field: no column "financial year" in table activity (did you mean "Financial Year"?)',
      'series.field: the quarter grain needs a date column, but "pod" is string',
      'y[0].field: sum needs a number column, but "pod" is string',
      'filters[0].field: a date range filter needs a date column, but "activity" is number',
      'filters[1].field: a range filter needs a number column, but "month" is date',
    ]);
  });
});

describe('the example chart specs', () => {
  const dir = path.resolve(import.meta.dirname, '../../sample-data/examples');
  const files = readdirSync(dir).filter((f) => f.endsWith('.chart.json'));
  it('are at least three, and all valid', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const result = validateChartSpec(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
      expect(result.ok ? 'ok' : `${f}: ${describeSpecIssues(result.issues)}`).toBe('ok');
    }
  });
});
