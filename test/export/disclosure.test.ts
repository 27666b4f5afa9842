import { describe, expect, it } from 'vitest';
import { countMeasureKeys, discloseChartRows, plottableRows } from '../../src-shared/charts/chart-disclosure';
import { validateChartSpec, type ChartSpec } from '../../src-shared/charts/chart-spec';
import { toCsv } from '../../src-shared/export/delimited';
import {
  discloseChange,
  discloseCount,
  discloseMean,
  disclosePercent,
  discloseTable,
  disclosureNote,
  NHS_DISCLOSURE,
  NO_DISCLOSURE,
  parseDisclosureRule,
} from '../../src-shared/export/disclosure';

describe("NHS Digital's disclosure rule, worked by hand", () => {
  const cases: [number, number | '*'][] = [
    [0, 0],
    [1, '*'],
    [2, '*'],
    [3, '*'],
    [4, '*'],
    [5, '*'],
    [6, '*'],
    [7, '*'],
    [8, 10],
    [12, 10],
    [13, 15],
    [17, 15],
    [18, 20],
    [22, 20],
    [23, 25],
    [1234, 1235],
    [1232, 1230],
  ];
  it.each(cases)('count %i → %s', (count, shown) => {
    expect(discloseCount(count, NHS_DISCLOSURE)).toBe(shown);
  });

  it('leaves blanks blank and changes nothing under the rule "none"', () => {
    expect(discloseCount(null, NHS_DISCLOSURE)).toBeNull();
    expect(discloseCount(3, NO_DISCLOSURE)).toBe(3);
    expect(disclosureNote(NO_DISCLOSURE)).toBeNull();
  });

  it('computes a percentage from the rounded numerator and denominator', () => {
    // 13 of 42: unrounded 30.95 %; published 15 of 40 = 37.5 %.
    expect(disclosePercent(13, 42, NHS_DISCLOSURE)).toBe(37.5);
    // 12 of 38: 10 of 40 = 25 %.
    expect(disclosePercent(12, 38, NHS_DISCLOSURE)).toBe(25);
    // A small numerator suppresses the percentage.
    expect(disclosePercent(6, 200, NHS_DISCLOSURE)).toBe('*');
    // 0 of 20 stays 0 %.
    expect(disclosePercent(0, 20, NHS_DISCLOSURE)).toBe(0);
  });

  it('suppresses a mean over 1–7 individuals and keeps one over 8 or more', () => {
    // Mean length of stay 6.4 days over 5 patients: suppressed.
    expect(discloseMean(6.4, 5, NHS_DISCLOSURE)).toBe('*');
    expect(discloseMean(6.4, 8, NHS_DISCLOSURE)).toBe(6.4);
    expect(discloseMean(6.4, 5, NO_DISCLOSURE)).toBe(6.4);
  });

  it('treats a negative count (a fall) by its size: −3 → *, −12 → −10', () => {
    expect(discloseCount(-3, NHS_DISCLOSURE)).toBe('*');
    expect(discloseCount(-12, NHS_DISCLOSURE)).toBe(-10);
    expect(discloseCount(-13, NHS_DISCLOSURE)).toBe(-15);
  });

  it('a table: a change as the difference of the published figures, and figures derived from a suppressed count suppressed', () => {
    const table = {
      columns: [
        { key: 'now', label: 'Bed days' },
        { key: 'before', label: 'Last year' },
        { key: 'change', label: 'Change' },
        { key: 'cost', label: 'Cost' },
      ],
      rows: [
        { now: 23, before: 12, change: 11, cost: 3450 },
        { now: 5, before: 40, change: -35, cost: 750 },
      ],
    };
    const out = discloseTable(table, new Set(['now', 'before']), NHS_DISCLOSURE, {
      differenceOf: new Map([['change', ['now', 'before'] as const]]),
      derivedFrom: new Map([['cost', 'now']]),
    });
    // 23 → 25 and 12 → 10: the change shown is 15 (25 − 10), not the raw 11 rounded; 5 → *, and its cost with it.
    expect(out.rows).toEqual([
      { now: 25, before: 10, change: 15, cost: 3450 },
      { now: '*', before: 40, change: '*', cost: '*' },
    ]);
  });

  it('rounds a change from the published figures and suppresses it when either side is', () => {
    expect(discloseChange(23, 12, NHS_DISCLOSURE)).toBe(15); // 25 − 10
    expect(discloseChange(23, 5, NHS_DISCLOSURE)).toBe('*');
  });

  it('rounds a total after summing, so the parts need not add up', () => {
    const parts = [8, 8, 8]; // each → 10, shown sum 30
    const total = parts.reduce((a, b) => a + b, 0); // 24 → 25
    expect(parts.map((p) => discloseCount(p, NHS_DISCLOSURE))).toEqual([10, 10, 10]);
    expect(discloseCount(total, NHS_DISCLOSURE)).toBe(25);
  });

  it('reads the CLI forms and refuses anything else with the accepted forms', () => {
    expect(parseDisclosureRule('nhs')).toEqual(NHS_DISCLOSURE);
    expect(parseDisclosureRule('none')).toEqual(NO_DISCLOSURE);
    expect(parseDisclosureRule('threshold=10')).toEqual({ kind: 'suppress', suppressUpTo: 10, roundTo: 5 });
    expect(discloseCount(9, parseDisclosureRule('threshold=10'))).toBe('*');
    expect(() => parseDisclosureRule('threshold=x')).toThrow(/nhs, none or threshold=N/);
  });
});

describe('disclosure on export tables and chart rows', () => {
  const table = {
    columns: [
      { key: 'org', label: 'Organisation' },
      { key: 'admissions', label: 'Admissions' },
      { key: 'rate', label: 'Rate per 1,000' },
    ],
    rows: [
      { org: '11X', admissions: 0, rate: 0 },
      { org: '99A', admissions: 5, rate: 1.2 },
      { org: '04Y', admissions: 13, rate: 3.4 },
    ],
  };

  it('changes only the count columns and says so under the data', () => {
    const out = discloseTable(table, new Set(['admissions']), NHS_DISCLOSURE);
    expect(out.rows.map((r) => r['admissions'])).toEqual([0, '*', 15]);
    expect(out.rows.map((r) => r['rate'])).toEqual([0, 1.2, 3.4]);
    expect(table.rows[1]!.admissions).toBe(5); // the original is untouched
    const csv = toCsv(out, { bom: false }).split('\r\n');
    expect(csv.slice(0, 4)).toEqual(['Organisation,Admissions,"Rate per 1,000"', '11X,0,0', '99A,*,1.2', '04Y,15,3.4']);
    expect(csv[4]).toBe('');
    expect(csv[5]).toMatch(/^"?Disclosure control applied \(NHS Digital's rule\): counts of 1 to 7 shown as \*/);
  });

  it('treats count and sums of whole-number columns as counts, not sums of money or means', () => {
    const result = validateChartSpec({
      version: 1,
      source: { table: 't' },
      type: 'column',
      x: { field: 'org' },
      y: [
        { aggregate: 'sum', field: 'activity' },
        { aggregate: 'sum', field: 'cost_gbp' },
        { aggregate: 'count' },
        { aggregate: 'mean', field: 'activity' },
        { aggregate: 'sum', field: 'fte', count: true },
      ],
    });
    expect(result.ok).toBe(true);
    const spec = (result as { spec: ChartSpec }).spec;
    const keys = countMeasureKeys(spec, [
      { name: 'activity', sqlType: 'BIGINT' },
      { name: 'cost_gbp', sqlType: 'DOUBLE' },
      { name: 'fte', sqlType: 'DOUBLE' },
    ]);
    expect([...keys].sort()).toEqual(['count', 'sum_activity', 'sum_fte']);
    const rows = discloseChartRows([{ org: '*', sum_activity: 4, sum_cost_gbp: 4, count: 12, mean_activity: 2, sum_fte: 9 }], keys, NHS_DISCLOSURE);
    expect(rows[0]).toEqual({ org: '*', sum_activity: '*', sum_cost_gbp: 4, count: 10, mean_activity: 2, sum_fte: 10 });
    // Drawn: the suppressed count is a gap; a category that happens to read "*" is kept.
    expect(plottableRows(rows, keys)[0]).toEqual({ org: '*', sum_activity: null, sum_cost_gbp: 4, count: 10, mean_activity: 2, sum_fte: 10 });
  });
});
