import { describe, expect, it } from 'vitest';
import { percentShares } from '../../src-shared/charts/chart-data';
import { mean, median } from '../../src-shared/charts/reference-lines';
import { BLANK_LABEL, categoryKey, categoryLabel, compareCategories, grainOrderSql, grainSql } from '../../src-shared/charts/time-grain';

describe('time grains', () => {
  it('write DuckDB SQL for each grain', () => {
    expect(grainSql('"d"', 'none')).toBe('"d"');
    expect(grainSql('"d"', 'month')).toBe(`CAST(date_trunc('month', "d") AS DATE)`);
    expect(grainSql('"d"', 'year')).toBe('year("d")');
    expect(grainSql('"d"', 'financial_month')).toBe(`strftime("d", '%b')`);
    expect(grainSql('"d"', 'financial_year')).toBe(
      `(CAST((CASE WHEN month("d") >= 4 THEN year("d") ELSE year("d") - 1 END) AS VARCHAR) || '/' || lpad(CAST(((CASE WHEN month("d") >= 4 THEN year("d") ELSE year("d") - 1 END) + 1) % 100 AS VARCHAR), 2, '0'))`,
    );
    expect(grainSql('"d"', 'quarter')).toBe(`(${grainSql('"d"', 'financial_year')} || ' Q' || CAST(((month("d") + 8) % 12) // 3 + 1 AS VARCHAR))`);
    expect(grainOrderSql('"k"', 'financial_month')).toBe(
      `list_position(['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'], "k")`,
    );
    expect(grainOrderSql('"k"', 'quarter')).toBe('"k"');
  });

  it('label categories the way a board paper writes them', () => {
    expect(categoryLabel(new Date(Date.UTC(2017, 0, 1)), 'month')).toBe('Jan 2017');
    expect(categoryLabel('2016-04-01', 'month')).toBe('Apr 2016');
    expect(categoryLabel(new Date(Date.UTC(2016, 3, 1)), 'none')).toBe('2016-04-01');
    expect(categoryLabel('2016/17 Q1', 'quarter')).toBe('2016/17 Q1');
    expect(categoryLabel(2016, 'year')).toBe('2016');
    expect(categoryLabel(true, 'none')).toBe('Yes');
    expect(categoryLabel(null, 'none')).toBe(BLANK_LABEL);
    expect(categoryKey(new Date(Date.UTC(2016, 3, 1)))).toBe(categoryKey('2016-04-01'));
    expect(categoryKey(null)).not.toBe(categoryKey(''));
  });

  it('order categories as DuckDB does: time order, blanks last, financial months April first', () => {
    const sort = (values: (string | number | null)[], grain: Parameters<typeof compareCategories>[2]) =>
      [...values].sort((a, b) => compareCategories(a, b, grain));
    expect(sort(['Mar', 'Apr', null, 'Jan', 'Dec'], 'financial_month')).toEqual(['Apr', 'Dec', 'Jan', 'Mar', null]);
    expect(sort([10, 2, null, 1], 'none')).toEqual([1, 2, 10, null]);
    expect(sort(['b', 'B', 'a', 'A'], 'none')).toEqual(['A', 'B', 'a', 'b']);
  });
});

describe('summaries', () => {
  it('shares, means and medians', () => {
    expect(
      percentShares([
        { values: [1, 0, null], stack: 's' },
        { values: [3, 0, 2], stack: 's' },
        { values: [5, 5, 5], stack: 't' },
      ]),
    ).toEqual([
      [0.25, null, null],
      [0.75, null, 1],
      [1, 1, 1],
    ]);
    expect(mean([1, 2, 4])).toBe(7 / 3);
    expect(mean([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
