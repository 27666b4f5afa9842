import { describe, expect, it } from 'vitest';
import { buildChartOption } from '../../src-shared/charts/build-chart-option';
import { summariseChartOption } from '../../src-shared/charts/chart-summary';
import { parseChartSpec } from '../../src-shared/charts/chart-spec';

describe('charts have a text alternative', () => {
  const rows = [
    { month_financial_year: '2014/15', sum_activity: 1200 },
    { month_financial_year: '2015/16', sum_activity: 1350.5 },
    { month_financial_year: '2016/17', sum_activity: 990 },
  ];
  it('says what is plotted, across which categories, and each series’ highest and lowest points', () => {
    const spec = parseChartSpec({
      version: 1,
      source: { table: 'activity' },
      type: 'column',
      x: { field: 'month', grain: 'financial_year' },
      y: [{ field: 'activity', aggregate: 'sum' }],
    });
    expect(summariseChartOption(buildChartOption(spec, rows))).toBe(
      'A chart of bars for "Total activity", across 3 categories from 2014/15 to 2016/17. Total activity: highest 1,351 (2015/16), lowest 990 (2016/17).',
    );
  });
  it('pies by their largest slice, tables by their data table', () => {
    const pie = parseChartSpec({ version: 1, source: { table: 't' }, type: 'pie', x: { field: 'pod' }, y: [{ field: 'activity', aggregate: 'sum' }] });
    const pieRows = [
      { pod: 'AE', sum_activity: 300 },
      { pod: 'NEL', sum_activity: 100 },
    ];
    expect(summariseChartOption(buildChartOption(pie, pieRows))).toBe('A pie chart of 2 slices; the largest is AE, 75% of the total.');
    const table = parseChartSpec({ ...pie, type: 'table' });
    expect(summariseChartOption(buildChartOption(table, pieRows))).toBe('A table; its figures are in the data table.');
  });
});
