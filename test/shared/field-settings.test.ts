import { describe, expect, it } from 'vitest';
import { parseChartSpec } from '../../src-shared/charts/chart-spec';
import { calculatedColumnsSql, humaniseName, labelChartSpec } from '../../src-shared/fields/field-settings';
import { validateWorkbook } from '../../src-shared/workbook/parse-workbook';

describe('display names', () => {
  it('makes code-like names readable and leaves plain words alone', () => {
    expect(humaniseName('beds_av')).toBe('Beds av');
    expect(humaniseName('TOTAL_GP_EXTGL_FTE')).toBe('Total GP extgl FTE');
    expect(humaniseName('commissioner_code')).toBe('Commissioner code');
    expect(humaniseName('AdmissionsTotal')).toBe('Admissions total');
    expect(humaniseName('org_ODS_code')).toBe('Org ODS code');
    for (const plain of ['ccg', 'activity', 'CCG', 'Org Code', 'month', 'A&E attendances Type 1']) expect(humaniseName(plain)).toBe(plain);
  });

  it('labels a chart from its table’s settings; the chart’s own labels win', () => {
    const spec = parseChartSpec({
      version: 1,
      source: { table: 'beds' },
      type: 'column',
      x: { field: 'org_code' },
      series: { field: 'type', valueLabels: { '2': 'Single specialty (own)' } },
      y: [
        { field: 'beds_av', aggregate: 'sum' },
        { field: 'beds_oc', aggregate: 'mean' },
        { field: 'TOTAL_BEDS', aggregate: 'sum' },
        { field: 'activity', aggregate: 'sum' },
        { field: 'beds_av', aggregate: 'max', label: 'Peak' },
      ],
    });
    const labelled = labelChartSpec(spec, [
      { table: 'beds', column: 'org_code', label: 'Trust' },
      { table: 'beds', column: 'type', values: { '1': 'Type 1 major A&E', '2': 'Single specialty' } },
      { table: 'beds', column: 'beds_oc', label: 'Occupied beds' },
      { table: 'other', column: 'beds_av', label: 'Not this table' },
    ]);
    expect(labelled.x?.label).toBe('Trust');
    expect(labelled.series?.valueLabels).toEqual({ '1': 'Type 1 major A&E', '2': 'Single specialty (own)' });
    expect(labelled.y.map((m) => m.label)).toEqual(['Total beds av', 'Average occupied beds', 'Total beds', undefined, 'Peak']);
  });
});

describe('calculated columns', () => {
  it('compiles to statements that strip the old columns, then add each in order (a later one may use an earlier)', () => {
    const fields = [
      { name: 'a', kind: 'number' },
      { name: 'b', kind: 'number' },
      { name: 'old', kind: 'number' },
    ];
    expect(
      calculatedColumnsSql(
        't',
        ['old'],
        [
          { column: 'ratio', expr: '[a] / [b]' },
          { column: 'pct', expr: '100 * [ratio]' },
        ],
        fields,
      ),
    ).toEqual([
      'CREATE OR REPLACE TABLE "t" AS SELECT * EXCLUDE ("old") FROM "t"',
      'CREATE OR REPLACE TABLE "t" AS SELECT *, (CAST("a" AS DOUBLE) / NULLIF(CAST("b" AS DOUBLE), 0)) AS "ratio" FROM "t"',
      'CREATE OR REPLACE TABLE "t" AS SELECT *, (100 * "ratio") AS "pct" FROM "t"',
    ]);
    expect(() => calculatedColumnsSql('t', [], [{ column: 'x', expr: '[old] + 1' }], fields.slice(0, 2))).toThrow(/no field "old"/);
  });
});

describe('field settings in a workbook', () => {
  it('refuses a calculated column named in a way the app would not name one, and settings for a table the workbook lacks', () => {
    const base = { format: 'commissioning-workbench/workbook', version: 2, derived: [{ table: 't', sql: 'SELECT 1 AS a' }] };
    expect(validateWorkbook({ ...base, fields: [{ table: 't', column: 'Double a', expr: '2 * [a]' }] }).fields).toHaveLength(1);
    expect(() => validateWorkbook({ ...base, fields: [{ table: 't', column: 'x" FROM t; --', expr: '1' }] })).toThrow(
      /fields\[0\]\.column: calculated column "x" FROM t; --": Use letters, digits, spaces and _/,
    );
    expect(() => validateWorkbook({ ...base, fields: [{ table: 'nope', column: 'a', label: 'A' }] })).toThrow(
      /fields\[0\]\.table: "nope" is not a table of this workbook/,
    );
  });
});
