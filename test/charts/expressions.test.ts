import { describe, expect, it } from 'vitest';
import { calculatedMeasureId, checkCalculatedMeasure } from '../../src-shared/charts/calculated-measure';
import { validateChartSpec } from '../../src-shared/charts/chart-spec';
import { compileExpression, type CompileContext } from '../../src-shared/expressions/compile';
import { ExpressionError, parseExpression } from '../../src-shared/expressions/parse';

/*
 * The calculated-field language: parsing (precedence, positions of mistakes) and compiling to
 * SQL (quoting, division by zero as NULL, aggregates only in measures, measures by id). The
 * engine-level results are in test/charts/compile-chart-sql.test.ts.
 */

const FIELDS = [
  { name: 'Attendances', kind: 'number' },
  { name: 'Breaches', kind: 'number' },
  { name: 'beds_av', kind: 'number' },
  { name: 'Org Name', kind: 'string' },
  { name: 'month', kind: 'date' },
];
const row: CompileContext = { mode: 'row', fields: FIELDS };
const agg: CompileContext = { mode: 'aggregate', fields: FIELDS };

function errorOf(text: string, ctx: CompileContext): ExpressionError {
  try {
    compileExpression(text, ctx);
  } catch (e) {
    if (e instanceof ExpressionError) return e;
    throw e;
  }
  throw new Error(`"${text}" compiled`);
}

describe('parsing', () => {
  it('multiplies before adding, compares after, and reads [field names with spaces]', () => {
    expect(compileExpression('1 - [Breaches] / Attendances * 2', row)).toBe(
      '(1 - ((CAST("Breaches" AS DOUBLE) / NULLIF(CAST("Attendances" AS DOUBLE), 0)) * 2))',
    );
    expect(compileExpression("[Org Name] = 'O''Neil' and not beds_av > 3", row)).toBe(`(("Org Name" = 'O''Neil') AND (NOT ("beds_av" > 3)))`);
    expect(compileExpression('-(1 + 2)', row)).toBe('(- (1 + 2))');
  });

  it('names the place of a mistake', () => {
    const unclosed = errorOf('round([Breaches], 1', row);
    expect(unclosed.message).toBe('Expected ")" to close round( before the end');
    expect(unclosed.start).toBe(19);
    const gap = errorOf('Breaches Attendances', row);
    expect(gap.message).toMatch(/Unexpected "Attendances": an operator or a comma is missing/);
    expect([gap.start, gap.end]).toEqual([9, 20]);
    expect(errorOf('2 * ', row).message).toMatch(/ends too soon/);
    expect(errorOf('', row).message).toBe('The expression is empty');
    expect(() => parseExpression('a ; b')).toThrow(/";" is not allowed here/);
  });
});

describe('row expressions (calculated columns)', () => {
  it('if, coalesce, nullif, round, abs, and min/max of two values', () => {
    expect(compileExpression('if(beds_av > 0, Breaches / beds_av, null)', row)).toBe(
      '(CASE WHEN ("beds_av" > 0) THEN (CAST("Breaches" AS DOUBLE) / NULLIF(CAST("beds_av" AS DOUBLE), 0)) ELSE NULL END)',
    );
    expect(compileExpression('coalesce(Breaches, 0) + abs(-2)', row)).toBe('(coalesce("Breaches", 0) + abs((- 2)))');
    expect(compileExpression('round(nullif(beds_av, 0), 2)', row)).toBe('round(CAST(nullif("beds_av", 0) AS DOUBLE), 2)');
    expect(compileExpression('max(Breaches, 10)', row)).toBe('greatest("Breaches", 10)');
  });

  it('refuses aggregates, unknown fields (suggesting one), unknown functions and text in sums', () => {
    expect(errorOf('sum(Breaches)', row).message).toMatch(/belongs in a measure, not a calculated column/);
    expect(errorOf('Breachs + 1', row).message).toBe('There is no field "Breachs": did you mean [Breaches]?');
    expect(errorOf('sqrt(beds_av)', row).message).toMatch(/There is no function sqrt\(\)/);
    expect(errorOf('[Org Name] + 1', row).message).toMatch(/needs numbers, but this is text/);
    expect(errorOf('round(beds_av, 1.5)', row).message).toMatch(/whole number from 0 to 10/);
    expect(errorOf('if(beds_av, 1, 2)', row).message).toMatch(/must be a condition/);
  });

  it('quotes every field and string, so no text becomes SQL', () => {
    const evil = [{ name: 'x"; DROP TABLE t; --', kind: 'number' }];
    expect(compileExpression('[x"; DROP TABLE t; --] * 2', { mode: 'row', fields: evil })).toBe('("x""; DROP TABLE t; --" * 2)');
    expect(compileExpression(`[Org Name] = '); COPY t TO ''/tmp/x'' --'`, row)).toBe(`("Org Name" = '); COPY t TO ''/tmp/x'' --')`);
  });
});

describe('measures', () => {
  it('aggregates around fields, ratios of sums, every aggregate the issue lists', () => {
    expect(compileExpression('1 - sum(Breaches) / sum(Attendances)', agg)).toBe(
      '(1 - (CAST(CAST(sum("Breaches") AS DOUBLE) AS DOUBLE) / NULLIF(CAST(CAST(sum("Attendances") AS DOUBLE) AS DOUBLE), 0)))',
    );
    for (const [text, sql] of [
      ['mean(beds_av)', 'CAST(avg("beds_av") AS DOUBLE)'],
      ['min(beds_av)', 'CAST(min("beds_av") AS DOUBLE)'],
      ['max(beds_av)', 'CAST(max("beds_av") AS DOUBLE)'],
      ['count()', 'CAST(count(*) AS DOUBLE)'],
      ['count(Breaches)', 'CAST(count("Breaches") AS DOUBLE)'],
      ['countDistinct([Org Name])', 'CAST(count(DISTINCT "Org Name") AS DOUBLE)'],
      ['median(beds_av)', 'CAST(median("beds_av") AS DOUBLE)'],
    ])
      expect(compileExpression(text!, agg)).toBe(sql);
  });

  it('refers to other measures by id, and refuses a loop', () => {
    const measures = new Map<string, { sql: string } | { expr: string }>([
      ['attendances', { sql: 'CAST(sum("Attendances") AS DOUBLE)' }],
      ['breach_rate', { expr: 'sum(Breaches) / attendances' }],
      ['a', { expr: 'b + 1' }],
      ['b', { expr: 'a + 1' }],
    ]);
    const ctx: CompileContext = { ...agg, measures };
    expect(compileExpression('1 - breach_rate', ctx)).toBe(
      '(1 - ((CAST(CAST(sum("Breaches") AS DOUBLE) AS DOUBLE) / NULLIF(CAST((CAST(sum("Attendances") AS DOUBLE)) AS DOUBLE), 0))))',
    );
    expect(errorOf('a * 2', ctx).message).toMatch(/refers to itself/);
  });

  it('asks for an aggregate around a bare column, and refuses one aggregate inside another', () => {
    expect(errorOf('Breaches / 2', agg).message).toBe('[Breaches] is a column: a measure needs it inside an aggregate, e.g. sum([Breaches])');
    expect(errorOf('sum(max(Breaches))', agg).message).toMatch(/cannot go inside another aggregate/);
  });
});

describe('calculated measures in a chart spec', () => {
  const base = { version: 1, source: { table: 't' }, type: 'column', x: { field: 'pod' } } as const;

  it('takes {id, expr, label, format} in y, and names the measure and place of a mistake', () => {
    expect(validateChartSpec({ ...base, y: [{ id: 'rate', expr: '1000 * sum(a) / sum(b)', label: 'Rate', format: 'number' }] }).ok).toBe(true);
    const broken = validateChartSpec({ ...base, y: [{ id: 'rate', expr: 'sum(a) / ' }] });
    expect(broken.ok === false && broken.issues).toEqual([
      { path: 'y[0].expr', message: 'The expression ends too soon: a value is missing (at character 10)' },
    ]);
    const noId = validateChartSpec({ ...base, y: [{ expr: 'sum(a)' }] });
    expect(noId.ok === false && noId.issues[0]!.message).toMatch(/needs an id/);
    const both = validateChartSpec({ ...base, y: [{ id: 'x', expr: 'sum(a)', aggregate: 'sum', field: 'a' }] });
    expect(both.ok === false && both.issues[0]!.message).toMatch(/instead of a field and an aggregate/);
    const neither = validateChartSpec({ ...base, y: [{ field: 'a' }] });
    expect(neither.ok === false && neither.issues[0]!.message).toMatch(/needs an aggregate .* or an expression/);
  });

  it('checks an expression for the editor: fits, or the mistake and its place', () => {
    expect(checkCalculatedMeasure('sum(Breaches) / sum(Attendances)', 'rate', [], FIELDS)).toEqual({ ok: true });
    expect(checkCalculatedMeasure('sum(Breaches) / sum(Atendances)', 'rate', [], FIELDS)).toEqual({
      ok: false,
      message: 'There is no field "Atendances": did you mean [Attendances]?',
      start: 20,
      end: 30,
    });
    expect(checkCalculatedMeasure('1 - breaches_total / 2', 'rate', [{ id: 'breaches_total', field: 'Breaches', aggregate: 'sum' }], FIELDS)).toEqual({
      ok: true,
    });
    expect(calculatedMeasureId('Seen within 4 hours (%)')).toBe('seen_within_4_hours');
  });
});
