import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChartSpec } from '../../src-shared/charts/chart-spec';
import { compileChartSql } from '../../src-shared/charts/compile-chart-sql';
import { distinctValuesSql, gridCountSql, pageSql, parseGridFilter } from '../../src-shared/charts/field-queries';
import type { Engine } from '../../src-shared/engine/engine';
import { tableToJsonRows } from '../../src-shared/format/plain-json';
import { openTestEngine } from '../engine-under-test';
import { CASES } from './conformance-cases';
import { ACTIVITY_SMALL, loadActivitySmall } from './activity-small';
import { setX, setXGrain } from '../../src-shared/charts/spec-edit';

const FIXTURE = ACTIVITY_SMALL;
/** The fixture's rows, parsed independently of DuckDB. */
const FIXTURE_ROWS = Papa.parse<Record<string, string>>(readFileSync(FIXTURE, 'utf8'), { header: true, skipEmptyLines: true }).data.map((r) => ({
  ccg: r.ccg === '' ? null : r.ccg!,
  pod: r.pod!,
  activity: Number(r.activity),
}));

function spec(partial: (typeof CASES)[number]['spec']) {
  return parseChartSpec({ version: 1, source: { table: 'activity_small' }, ...partial });
}

describe('compileChartSql: the conformance table', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openTestEngine();
    await loadActivitySmall(engine);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('loads the 13-row fixture with its blanks', async () => {
    expect(
      tableToJsonRows(await engine.query('SELECT count(*) AS n, count(ccg) AS ccg, count(los) AS los, sum(activity) AS activity FROM activity_small')),
    ).toEqual([{ n: 13, ccg: 12, los: 11, activity: 1072 }]);
  });

  it('calculated measures: a ratio of sums per category, a measure by id, division by zero blank, names in any case', async () => {
    const raw = Papa.parse<Record<string, string>>(readFileSync(FIXTURE, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const s = parseChartSpec({
      version: 1,
      source: { table: 'activity_small' },
      type: 'column',
      x: { field: 'pod' },
      y: [
        { id: 'activity', field: 'activity', aggregate: 'sum' },
        { id: 'los_per_activity', expr: 'sum([LOS]) / activity', label: 'Length of stay per unit of activity' },
        { id: 'per_1000', expr: 'round(1000 * los_per_activity, 1)' },
        { id: 'nothing', expr: 'sum(los) / (count() - count())' },
      ],
    });
    const columns = [
      { name: 'pod', kind: 'string' },
      { name: 'los', kind: 'number' },
      { name: 'activity', kind: 'number' },
    ];
    const rows = tableToJsonRows(await engine.query(compileChartSql(s, { columns })));
    const pods = [...new Set(raw.map((r) => r.pod!))].sort();
    expect(rows.map((r) => r.pod)).toEqual(pods);
    for (const pod of pods) {
      const mine = raw.filter((r) => r.pod === pod);
      const los = mine.reduce((t, r) => t + (r.los === '' ? 0 : Number(r.los)), 0);
      const activity = mine.reduce((t, r) => t + Number(r.activity), 0);
      const row = rows.find((r) => r.pod === pod)!;
      expect(row.activity).toBe(activity);
      expect(row.los_per_activity).toBeCloseTo(los / activity, 12);
      expect(row.per_1000).toBe(Math.round((10000 * los) / activity) / 10);
      expect(row.nothing).toBeNull();
    }
    expect(() => compileChartSql(parseChartSpec({ ...s, y: [{ id: 'x', expr: 'sum(lengthofstay)' }] }), { columns })).toThrow(
      'Measure "x": There is no field "lengthofstay"',
    );
  });

  it('change on the previous period and share of the total, per colour-split series, in time order whatever the sort', async () => {
    // Activity by financial year and CCG (hand-worked from the fixture):
    //   11X: 2015/16 100, 2016/17 200, 2017/18 130;  11J: 2016/17 270;  99A: 2016/17 360, 2017/18 5.
    const s = parseChartSpec({
      version: 1,
      source: { table: 'activity_small' },
      type: 'line',
      x: { field: 'month', grain: 'financial_year' },
      series: { field: 'ccg' },
      filters: [{ kind: 'include', field: 'ccg', values: ['11X', '99A'] }],
      sort: { by: 'category', direction: 'desc' },
      y: [
        { id: 'activity', field: 'activity', aggregate: 'sum' },
        { id: 'change', expr: '100 * (activity - previous(activity)) / previous(activity)' },
        { id: 'share', expr: '100 * sum([activity]) / total(sum([activity]))' },
      ],
    });
    const rows = tableToJsonRows(await engine.query(compileChartSql(s)));
    expect(rows.map((r) => [r.month_financial_year, r.ccg, r.activity, r.change, r.share])).toEqual([
      ['2017/18', '11X', 130, (100 * (130 - 200)) / 200, (100 * 130) / 430],
      ['2017/18', '99A', 5, (100 * (5 - 360)) / 360, (100 * 5) / 365],
      ['2016/17', '11X', 200, 100, (100 * 200) / 430],
      ['2016/17', '99A', 360, null, (100 * 360) / 365],
      ['2015/16', '11X', 100, null, (100 * 100) / 430],
    ]);
    // Not where there is no x to look along.
    const pivot = parseChartSpec({ ...s, type: 'pivot', sort: undefined });
    expect(() => compileChartSql(pivot)).toThrow(/previous\(\) needs a chart's x axis to look along/);
    expect(() => compileChartSql(parseChartSpec({ ...s, y: [{ id: 'bad', expr: 'sum(previous([activity]))' }] }))).toThrow(
      /previous\(\) cannot go inside an aggregate/,
    );
  });

  it('covers every chart type, aggregation, time grain and filter kind', () => {
    const specs = CASES.map((c) => spec(c.spec));
    expect(new Set(specs.map((s) => s.type))).toEqual(new Set(['column', 'bar', 'line', 'area', 'combo', 'scatter', 'pie', 'donut', 'heatmap', 'table']));
    expect(new Set(specs.flatMap((s) => s.y.map((m) => m.aggregate)))).toEqual(new Set(['sum', 'mean', 'count', 'count_distinct', 'min', 'max', 'median']));
    const grains = specs
      .flatMap((s) => [s.x?.grain, s.series?.grain, ...s.filters.map((f) => ('grain' in f ? f.grain : undefined))])
      .filter((g) => g !== undefined);
    expect(new Set(grains)).toEqual(new Set(['none', 'month', 'quarter', 'financial_year', 'year', 'financial_month']));
    expect(new Set(specs.flatMap((s) => s.filters.map((f) => f.kind)))).toEqual(new Set(['include', 'exclude', 'range', 'date_range', 'top']));
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const sql = compileChartSql(spec(c.spec));
      expect(sql).toBe(c.sql);
      expect(tableToJsonRows(await engine.query(sql))).toEqual(c.rows);
    });
  }

  it('field queries: a page of the data grid, exact SQL and rows', async () => {
    const sql = pageSql('activity_small', 10, 5);
    expect(sql).toBe('SELECT * FROM "activity_small" LIMIT 5 OFFSET 10');
    const rows = tableToJsonRows(await engine.query(sql));
    expect(rows.map((r) => [r.ccg, r.pod, r.activity])).toEqual(FIXTURE_ROWS.slice(10).map((r) => [r.ccg, r.pod, r.activity]));
    expect(() => pageSql('t', -1, 5)).toThrow('A page needs a whole offset');
    expect(pageSql('my "table"', 0, 200)).toBe(`SELECT * FROM "my ""table""" LIMIT 200 OFFSET 0`);
  });

  it('grid pages sorted by a column: blanks last both ways, ties in stored order, pages that join up exactly', async () => {
    const indexed = FIXTURE_ROWS.map((r, i) => ({ ...r, i }));
    for (const direction of ['asc', 'desc'] as const) {
      const expected = [...indexed].sort((a, b) => {
        if (a.ccg === null || b.ccg === null) return a.ccg === b.ccg ? a.i - b.i : a.ccg === null ? 1 : -1;
        return (direction === 'asc' ? a.ccg.localeCompare(b.ccg) : b.ccg.localeCompare(a.ccg)) || a.i - b.i;
      });
      const pages: unknown[][] = [];
      for (let offset = 0; offset < FIXTURE_ROWS.length; offset += 4) {
        const rows = tableToJsonRows(await engine.query(pageSql('activity_small', offset, 4, { column: 'ccg', direction })));
        pages.push(...rows.map((r) => [r.ccg, r.pod, r.activity]));
      }
      expect(pages).toEqual(expected.map((r) => [r.ccg, r.pod, r.activity]));
    }
    expect(pageSql('t', 0, 10, { column: 'a "b"', direction: 'desc' })).toBe('SELECT * FROM "t" ORDER BY "a ""b""" DESC NULLS LAST, rowid LIMIT 10 OFFSET 0');
  });

  it('grid filters: contains (with LIKE’s wildcards taken literally), exact values, ranges; sorted by two columns; the count of what is left', async () => {
    const filters = [parseGridFilter('ccg_name', false, 'somerset'), parseGridFilter('activity', true, '>= 30')].filter((f) => f !== null);
    expect(filters).toEqual([
      { column: 'ccg_name', kind: 'contains', text: 'somerset' },
      { column: 'activity', kind: 'range', min: 30 },
    ]);
    const rows = tableToJsonRows(
      await engine.query(
        pageSql('activity_small', 0, 100, {
          filters,
          sort: [
            { column: 'pod', direction: 'asc' },
            { column: 'activity', direction: 'desc' },
          ],
        }),
      ),
    );
    expect(rows.map((r) => [r.pod, r.activity])).toEqual([
      ['AE', 130],
      ['AE', 120],
      ['AE', 100],
      ['NEL', 40],
      ['NEL', 30],
    ]);
    expect(tableToJsonRows(await engine.query(gridCountSql('activity_small', filters)))).toEqual([{ n: 5 }]);
    const count = async (typed: string, column = 'ccg_name', numeric = false) =>
      Number(tableToJsonRows(await engine.query(gridCountSql('activity_small', [parseGridFilter(column, numeric, typed)!])))[0]!.n);
    expect(await count('=11X, 99A', 'ccg')).toBe(9);
    expect(await count('"urban"')).toBe(3);
    expect(await count('%')).toBe(0);
    expect(await count('_')).toBe(0);
    expect(await count('> 100', 'activity', true)).toBe(4);
    expect(await count('< 10', 'activity', true)).toBe(2);
    expect(await count('20..100', 'activity', true)).toBe(6);
    expect(await count('..10', 'los', true)).toBe(11);
    expect(parseGridFilter('activity', true, 'lots')).toEqual({ column: 'activity', kind: 'contains', text: 'lots' });
    expect(parseGridFilter('x', false, '   ')).toBeNull();
  });

  it('field queries: a column’s most common values with counts, most common first, then by value', async () => {
    const sql = distinctValuesSql('activity_small', 'pod');
    expect(sql).toBe('SELECT "pod" AS value, count(*) AS n FROM "activity_small" GROUP BY 1 ORDER BY n DESC, 1 LIMIT 500');
    const counts = new Map<string, number>();
    for (const r of FIXTURE_ROWS) counts.set(r.pod, (counts.get(r.pod) ?? 0) + 1);
    const expected = [...counts].map(([value, n]) => ({ value, n })).sort((a, b) => b.n - a.n || a.value.localeCompare(b.value));
    expect(tableToJsonRows(await engine.query(sql))).toEqual(expected);
    expect(expected).toEqual([
      { value: 'AE', n: 6 },
      { value: 'NEL', n: 4 },
      { value: 'EL', n: 3 },
    ]);
    expect(tableToJsonRows(await engine.query(distinctValuesSql('activity_small', 'ccg', 1)))).toEqual([{ value: '11X', n: 6 }]);
  });

  it('reads another table when told to, quoting its name', () => {
    const sql = compileChartSql(spec(CASES[0]!.spec), { table: 'my "table"' });
    expect(sql.split('\n')[2]).toBe('  FROM "my ""table"""');
  });

  it('quotes column names with spaces, quotes and keywords', async () => {
    await engine.exec(`CREATE TABLE odd AS SELECT * FROM (VALUES ('a', 1), ('a', 2), ('b', 5)) t("Org ""Name""", "select")`);
    const s = parseChartSpec({
      version: 1,
      source: { table: 'odd' },
      type: 'column',
      x: { field: 'Org "Name"' },
      y: [{ field: 'select', aggregate: 'sum', id: 'total' }],
    });
    const sql = compileChartSql(s);
    expect(sql).toBe(`WITH "chart_data" AS (
  SELECT "Org ""Name""", CAST(sum("select") AS DOUBLE) AS "total"
  FROM "odd"
  GROUP BY 1
)
SELECT * FROM "chart_data"
ORDER BY "Org ""Name""" ASC NULLS LAST`);
    expect(tableToJsonRows(await engine.query(sql))).toEqual([
      { 'Org "Name"': 'a', total: 3 },
      { 'Org "Name"': 'b', total: 5 },
    ]);
  });

  it('leaves out a filter still being filled in (nothing ticked, a range with no bounds), so the chart keeps its data', async () => {
    const plain = {
      version: 1,
      source: { table: 'activity_small' },
      type: 'column',
      x: { field: 'pod' },
      y: [{ field: 'activity', aggregate: 'sum', id: 'activity' }],
    } as const;
    const unfinished = parseChartSpec({
      ...plain,
      filters: [
        { kind: 'include', field: 'ccg', values: [] },
        { kind: 'exclude', field: 'pod', values: [] },
        { kind: 'range', field: 'los' },
        { kind: 'date_range', field: 'month' },
      ],
    });
    const sql = compileChartSql(unfinished);
    expect(sql).toBe(compileChartSql(parseChartSpec(plain)));
    const rows = tableToJsonRows(await engine.query(sql));
    expect(rows.reduce((sum, r) => sum + Number(r.activity), 0)).toBe(1072);
    // Ticking one value applies the filter.
    const ticked = parseChartSpec({ ...plain, filters: [{ kind: 'include', field: 'pod', values: ['EL'] }] });
    expect(tableToJsonRows(await engine.query(compileChartSql(ticked)))).toEqual([{ pod: 'EL', activity: 35 }]);
  });

  it('orders by the result column even when a measure key is also a source column', async () => {
    const s = parseChartSpec({
      version: 1,
      source: { table: 'activity_small' },
      type: 'column',
      x: { field: 'ccg' },
      series: { field: 'pod' },
      y: [{ id: 'activity', field: 'activity', aggregate: 'sum' }],
      filters: [{ kind: 'include', field: 'pod', values: ['EL'] }],
      sort: { by: 'value', direction: 'asc' },
    });
    expect(tableToJsonRows(await engine.query(compileChartSql(s)))).toEqual([
      { ccg: '99A', pod: 'EL', activity: 5 },
      { ccg: '11X', pod: 'EL', activity: 10 },
      { ccg: '11J', pod: 'EL', activity: 20 },
    ]);
  });

  it('a time axis runs in time order: a value sort carried over from a category axis is set aside', async () => {
    const s = parseChartSpec({
      version: 1,
      source: { table: 'activity_small' },
      type: 'column',
      x: { field: 'month', grain: 'financial_year' },
      y: [{ field: 'activity', aggregate: 'sum' }],
      sort: { by: 'value', direction: 'desc' },
    });
    const years = tableToJsonRows(await engine.query(compileChartSql(s))).map((r) => r.month_financial_year);
    expect(years).toEqual(['2015/16', '2016/17', '2017/18']);
    // A date column shown as it is counts as time too, when the table's columns are known.
    const daily = parseChartSpec({ ...s, x: { field: 'month' } });
    const months = tableToJsonRows(await engine.query(compileChartSql(daily, { columns: [{ name: 'month', kind: 'date' }] }))).map((r) => r.month);
    expect(months).toEqual([...months].sort());
    // The builder drops the value sort when x becomes a time axis.
    expect(setXGrain({ ...s, x: { field: 'month' } }, 'financial_year').sort).toEqual({ by: 'category', direction: 'asc' });
    expect(setX({ ...s, x: { field: 'pod' } }, { name: 'month', kind: 'date' }).sort).toEqual({ by: 'category', direction: 'asc' });
  });
});
