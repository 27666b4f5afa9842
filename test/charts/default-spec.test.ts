import { describe, expect, it } from 'vitest';
import { validateChartSpec } from '../../src-shared/charts/chart-spec';
import { defaultChartSpec } from '../../src-shared/charts/default-spec';

describe("a new chart's first spec", () => {
  it('charts the likely measure by month when the table has a date', () => {
    const spec = defaultChartSpec('activity', [
      { name: 'commissioner_code', kind: 'string', sqlType: 'VARCHAR' },
      { name: 'month', kind: 'date', sqlType: 'DATE' },
      { name: 'financial_year start', kind: 'date', sqlType: 'DATE' },
      { name: 'activity', kind: 'number', sqlType: 'BIGINT' },
      { name: 'cost_gbp', kind: 'number', sqlType: 'DOUBLE' },
    ]);
    expect(spec).toMatchObject({ type: 'column', x: { field: 'month', grain: 'month' }, y: [{ field: 'activity', aggregate: 'sum', format: 'integer' }] });
    expect(validateChartSpec(spec).ok).toBe(true);
  });

  it('charts the top 20 categories by value when there is no date, and counts rows when there is no number', () => {
    const ranked = defaultChartSpec('spend', [
      { name: 'CCG Code', kind: 'string', sqlType: 'VARCHAR' },
      { name: 'PBC Code', kind: 'number', sqlType: 'BIGINT' },
      { name: 'Total (£000s)', kind: 'number', sqlType: 'DOUBLE' },
    ]);
    expect(ranked).toMatchObject({
      x: { field: 'CCG Code' },
      y: [{ field: 'Total (£000s)', aggregate: 'sum' }],
      sort: { by: 'value', direction: 'desc' },
      filters: [{ kind: 'top', n: 20 }],
    });
    expect(validateChartSpec(ranked).ok).toBe(true);
    const counted = defaultChartSpec('orgs', [{ name: 'org', kind: 'string', sqlType: 'VARCHAR' }]);
    expect(counted.y).toEqual([{ aggregate: 'count' }]);
    expect(validateChartSpec(counted).ok).toBe(true);
  });
});
