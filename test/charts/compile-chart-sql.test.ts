import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChartSpec } from '../../src-shared/charts/chart-spec';
import { compileChartSql } from '../../src-shared/charts/compile-chart-sql';
import type { DuckDbEngine } from '../../src-shared/engine/duckdb-engine';
import { tableToJsonRows } from '../../src-shared/format/plain-json';
import { quoteLiteral } from '../../src-shared/sql/identifiers';
import { openNodeEngine } from '../../src-main/engine/node-duckdb';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import { CASES } from './conformance-cases';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/charts/activity-small.csv');

function spec(partial: (typeof CASES)[number]['spec']) {
  return parseChartSpec({ version: 1, source: { table: 'activity_small' }, ...partial });
}

describe('compileChartSql: the conformance table', () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    engine = await openNodeEngine();
    // Typed explicitly with DuckDB's own CSV reader, so the table is exactly the fixture whatever the importer guesses.
    // The engine is sandboxed: it reads a file only once it is registered.
    const registered = await engine.registerFile('activity-small.csv', await nodeFileSource(FIXTURE));
    await engine.exec(
      `CREATE TABLE activity_small AS SELECT * FROM read_csv(${quoteLiteral(registered)}, header = true, columns = {'ccg': 'VARCHAR', 'ccg_name': 'VARCHAR', 'pod': 'VARCHAR', 'month': 'DATE', 'activity': 'BIGINT', 'cost_gbp': 'DOUBLE', 'los': 'BIGINT'})`,
    );
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('loads the 13-row fixture with its blanks', async () => {
    expect(
      tableToJsonRows(await engine.query('SELECT count(*) AS n, count(ccg) AS ccg, count(los) AS los, sum(activity) AS activity FROM activity_small')),
    ).toEqual([{ n: 13, ccg: 12, los: 11, activity: 1072 }]);
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
      x: { field: 'month', grain: 'month' },
      series: { field: 'pod' },
      y: [{ id: 'activity', field: 'activity', aggregate: 'sum' }],
      filters: [{ kind: 'include', field: 'pod', values: ['EL'] }],
      sort: { by: 'value', direction: 'asc' },
    });
    expect(tableToJsonRows(await engine.query(compileChartSql(s)))).toEqual([
      { month: '2017-04-01', pod: 'EL', activity: 5 },
      { month: '2017-01-01', pod: 'EL', activity: 30 },
    ]);
  });
});
