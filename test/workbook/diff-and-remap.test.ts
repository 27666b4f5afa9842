import { describe, expect, it } from 'vitest';
import { parseChartSpec } from '../../src-shared/charts/chart-spec';
import { compileChartSql } from '../../src-shared/charts/compile-chart-sql';
import { remapChartSpec, remapSql, remapViewSpec, remapWorkbook } from '../../src-shared/workbook/remap';
import { describeDiffBriefly, diffColumns, renamesOf, type DiffColumn } from '../../src-shared/workbook/schema-diff';
import { sqlTokens } from '../../src-shared/workbook/sql-tokens';
import { validateWorkbook } from '../../src-shared/workbook/parse-workbook';
import { emptyWorkbook } from '../../src-shared/workbook/workbook-schema';

const col = (name: string, type: DiffColumn['type']): DiffColumn => ({ name, type });

describe('diffColumns', () => {
  it('finds nothing when the columns are the same', () => {
    const cols = [col('org', 'text'), col('n', 'integer')];
    const d = diffColumns(cols, cols);
    expect(d).toMatchObject({ same: true, breaking: false, missing: [], added: [], renamed: [], retyped: [] });
    expect(d.summary).toBe('The columns are the same as when the workbook was saved.');
  });

  it('finds missing, added, renamed and retyped columns', () => {
    const saved = [
      col('Org Code', 'text'),
      col('Period', 'financial_year'),
      col('Indicator', 'text'),
      col('Value', 'number'),
      col('Numerator', 'integer'),
      col('Notes', 'text'),
    ];
    const current = [
      col('org_code', 'text'),
      col('Period', 'financial_year'),
      col('Indicator Name', 'text'),
      col('Value', 'text'),
      col('Numerator', 'number'),
      col('Extra', 'number'),
    ];
    const d = diffColumns(saved, current);
    expect(d.renamed).toEqual([
      { from: 'Org Code', to: 'org_code', type: 'text', reason: 'similar-name' },
      { from: 'Indicator', to: 'Indicator Name', type: 'text', reason: 'same-position' },
    ]);
    expect(d.retyped).toEqual([
      { name: 'Value', from: 'number', to: 'text', compatible: false },
      { name: 'Numerator', from: 'integer', to: 'number', compatible: true },
    ]);
    expect(d.missing).toEqual([col('Notes', 'text')]);
    expect(d.added).toEqual([col('Extra', 'number')]);
    expect(d).toMatchObject({ same: false, breaking: true });
    expect(d.summary).toBe(
      'The columns have changed since the workbook was saved: 1 column missing ("Notes"); 2 columns apparently renamed ("Org Code" → "org_code", "Indicator" → "Indicator Name"); ' +
        '2 columns with a different type ("Value": Number → Text, "Numerator": Whole number → Number) and 1 new column ("Extra"). ' +
        'Charts and views that use the missing or renamed columns need them mapped to the new columns before they can be refreshed.',
    );
    expect(describeDiffBriefly(d)).toBe(
      'missing "Notes"; renamed "Org Code" → "org_code", "Indicator" → "Indicator Name"; retyped "Value" (Number → Text); new "Extra"',
    );
    expect(renamesOf(d)).toEqual({ 'Org Code': 'org_code', Indicator: 'Indicator Name' });
  });

  it('does not take a column of another type at the same position for a rename', () => {
    const d = diffColumns([col('a', 'text'), col('b', 'number')], [col('a', 'text'), col('c', 'date')]);
    expect(d.renamed).toEqual([]);
    expect(d.missing).toEqual([col('b', 'number')]);
    expect(d.added).toEqual([col('c', 'date')]);
  });

  it('calls only added columns and compatible retypes harmless', () => {
    const d = diffColumns([col('n', 'integer'), col('m', 'month')], [col('n', 'number'), col('m', 'date'), col('x', 'text')]);
    expect(d).toMatchObject({ same: false, breaking: false });
    expect(d.summary.endsWith('Nothing the workbook uses has gone, so it can be refreshed.')).toBe(true);
  });
});

const SPEC = parseChartSpec({
  version: 1,
  source: { table: 'ae' },
  type: 'column',
  x: { field: 'Org Code' },
  series: { field: 'month', grain: 'financial_year' },
  y: [
    { field: 'attendances', aggregate: 'sum' },
    { id: 'cost', field: 'cost', aggregate: 'sum' },
  ],
  filters: [
    { kind: 'include', field: 'Org Code', values: ['11X'] },
    { kind: 'top', n: 5, by: 'sum_attendances' },
  ],
  sort: { by: 'value', measure: 'sum_attendances' },
});

describe('remap', () => {
  it("renames a chart's columns and keeps measure keys stable", () => {
    const spec = remapChartSpec(SPEC, { 'Org Code': 'org_code', attendances: 'ae_attendances', month: 'period_month' });
    expect(spec.x).toEqual({ field: 'org_code', grain: 'none' });
    expect(spec.series).toEqual({ field: 'period_month', grain: 'financial_year' });
    expect(spec.y.map((m) => [m.id, m.field])).toEqual([
      ['sum_attendances', 'ae_attendances'],
      ['cost', 'cost'],
    ]);
    expect(spec.filters[0]).toMatchObject({ field: 'org_code' });
    expect(compileChartSql(spec)).toContain('CAST(sum("ae_attendances") AS DOUBLE) AS "sum_attendances"');
    expect(remapChartSpec(SPEC, {})).toEqual(SPEC);
  });

  it('renames view mappings', () => {
    expect(remapViewSpec({ template: 'peers', tables: ['p'], mapping: { org: 'Org Code', value: 'Value' }, params: {} }, { 'Org Code': 'org_code' })).toEqual({
      template: 'peers',
      tables: ['p'],
      mapping: { org: 'org_code', value: 'Value' },
      params: {},
    });
  });

  it('renames identifiers in SQL, not strings, comments or functions', () => {
    const sql = `SELECT "Org Code", month(month) AS m, 'month' AS label, Value -- month\nFROM t WHERE "Org Code" = 'Org Code'`;
    expect(remapSql(sql, { 'Org Code': 'org_code', month: 'Period Month', value: 'rate' })).toBe(
      `SELECT "org_code", month("Period Month") AS m, 'month' AS label, rate -- month\nFROM t WHERE "org_code" = 'Org Code'`,
    );
  });

  it('applies renames across a workbook and records the new column names', () => {
    const wb = validateWorkbook({
      ...emptyWorkbook(),
      sources: [
        {
          table: 'ae',
          files: [{ path: 'ae.csv' }],
          columns: [
            { name: 'Org Code', type: 'text' },
            { name: 'attendances', type: 'integer' },
          ],
        },
        { table: 'other', files: [{ path: 'o.csv' }] },
      ],
      derived: [
        { table: 'ae_11x', sql: `SELECT * FROM ae WHERE "Org Code" = '11X'` },
        { table: 'other_2', sql: 'SELECT attendances FROM other' },
      ],
      charts: [
        { id: 'c1', spec: SPEC },
        { id: 'c2', spec: { ...SPEC, source: { table: 'other' } } },
      ],
      views: [{ id: 'v1', spec: { template: 'growth', tables: ['ae'], mapping: { org: 'Org Code' } } }],
    });
    const result = remapWorkbook(wb, 'ae', { 'Org Code': 'org_code' });
    expect([result.charts, result.views, result.derived]).toEqual([['c1'], ['v1'], ['ae_11x']]);
    expect(result.workbook.charts[0]!.spec.x?.field).toBe('org_code');
    expect(result.workbook.charts[1]!.spec.x?.field).toBe('Org Code');
    expect(result.workbook.derived.map((d) => d.sql)).toEqual([`SELECT * FROM ae WHERE "org_code" = '11X'`, 'SELECT attendances FROM other']);
    expect(result.workbook.views[0]!.spec.mapping).toEqual({ org: 'org_code' });
    expect(result.workbook.sources[0]!.columns).toEqual([
      { name: 'org_code', type: 'text' },
      { name: 'attendances', type: 'integer' },
    ]);
  });
});

describe('derived SQL', () => {
  it('keeps the tokens of SQL exactly', () => {
    const sql = `SELECT 'it''s', "a""b", E'x\\'y' /* c */ FROM t -- end`;
    expect(
      sqlTokens(sql)
        .map((t) => t.text)
        .join(''),
    ).toBe(sql);
    expect(
      sqlTokens(sql)
        .filter((t) => t.type === 'string')
        .map((t) => t.text),
    ).toEqual([`'it''s'`, `E'x\\'y'`]);
  });

  it('reads dollar-quoted strings as strings, so identifiers inside them are left alone', () => {
    const sql = 'SELECT $$org; "pod"$$ AS a, $t$ x $t$ AS b, org FROM ae';
    const tokens = sqlTokens(sql);
    expect(tokens.map((t) => t.text).join('')).toBe(sql);
    expect(tokens.filter((t) => t.type === 'string').map((t) => t.text)).toEqual(['$$org; "pod"$$', '$t$ x $t$']);
    expect(tokens.filter((t) => t.type === 'quoted')).toEqual([]);
  });
});
