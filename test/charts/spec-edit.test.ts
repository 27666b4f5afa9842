import { describe, expect, it } from 'vitest';
import type { ChartSpecInput } from '../../src-shared/charts/chart-spec';
import { validateChartSpec } from '../../src-shared/charts/chart-spec';
import { addMeasure, clearX, dropOnShelf, removeMeasure, setAggregate, setTopN, updateMeasure } from '../../src-shared/charts/spec-edit';

const base: ChartSpecInput = {
  version: 1,
  source: { table: 'activity' },
  type: 'column',
  x: { field: 'month', grain: 'month' },
  y: [{ field: 'activity', aggregate: 'sum' }],
};
const pod = { name: 'pod', kind: 'string' as const };
const cost = { name: 'cost_gbp', kind: 'number' as const };
const org = { name: 'commissioner_code', kind: 'string' as const };
const fy = { name: 'month', kind: 'date' as const };

describe('chart builder edits', () => {
  it('drops fields onto shelves as the kind of field suggests', () => {
    expect(dropOnShelf(base, 'series', pod).series).toEqual({ field: 'pod' });
    expect(dropOnShelf(base, 'y', cost).y).toEqual([
      { field: 'activity', aggregate: 'sum' },
      { field: 'cost_gbp', aggregate: 'sum' },
    ]);
    expect(dropOnShelf(base, 'y', org).y[1]).toEqual({ field: 'commissioner_code', aggregate: 'count_distinct' });
    expect(dropOnShelf(base, 'filter', org).filters).toEqual([{ kind: 'include', field: 'commissioner_code', values: [] }]);
    expect(dropOnShelf(base, 'filter', cost).filters).toEqual([{ kind: 'range', field: 'cost_gbp' }]);
    expect(dropOnShelf(base, 'filter', fy).filters).toEqual([{ kind: 'date_range', field: 'month' }]);
    expect(dropOnShelf(base, 'x', pod).x).toEqual({ field: 'pod' });
    expect(dropOnShelf({ ...base, series: { field: 'pod' } }, 'x', pod).series).toBeUndefined();
  });

  it('keeps specs valid: no duplicate measures, at least one measure, pies become columns with two measures', () => {
    expect(addMeasure(base, { name: 'activity', kind: 'number' })).toBe(base);
    expect(removeMeasure(base, 0)).toBe(base);
    const pie = addMeasure({ ...base, type: 'pie' }, cost);
    expect(pie.type).toBe('column');
    expect(validateChartSpec(pie).ok).toBe(true);
    expect(updateMeasure(base, 0, { aggregate: 'mean', format: 'gbp' }).y).toEqual([{ field: 'activity', aggregate: 'mean', format: 'gbp' }]);
    expect(clearX(base)).toMatchObject({ type: 'table' });
    expect(validateChartSpec(clearX(base)).ok).toBe(true);
  });

  it('reads sums of whole-number columns as whole numbers, but not their averages', () => {
    const withCount = addMeasure(base, { name: 'attendances', kind: 'number', sqlType: 'BIGINT' });
    expect(withCount.y[1]).toEqual({ field: 'attendances', aggregate: 'sum', format: 'integer' });
    expect(setAggregate(withCount, 1, 'mean').y[1]).toEqual({ field: 'attendances', aggregate: 'mean' });
    expect(setAggregate(withCount, 1, 'max').y[1]).toEqual({ field: 'attendances', aggregate: 'max', format: 'integer' });
    expect(addMeasure(base, { name: 'cost', kind: 'number', sqlType: 'DOUBLE' }).y[1]).toEqual({ field: 'cost', aggregate: 'sum' });
  });

  it('sets and clears a top-N limit', () => {
    const top = setTopN(base, 10);
    expect(top.filters).toEqual([{ kind: 'top', dimension: 'x', n: 10 }]);
    expect(setTopN(setTopN(top, 5), 0).filters).toEqual([]);
  });
});
