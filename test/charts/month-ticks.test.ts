import { describe, expect, it } from 'vitest';
import { hydrateChartOption } from '../../src-shared/charts/hydrate';
import { monthOfLabel, monthTickIndexes } from '../../src-shared/charts/month-ticks';
import { categoryAxis } from '../../src-shared/analysis/view-kit/chart-kit';
import { monthText } from '../../src-shared/charts/time-grain';

/** `count` consecutive months from year-month, as `YYYY-MM` labels. */
function months(year: number, month: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const m = month - 1 + i;
    return `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

describe('monthly axis labels on financial-year boundaries', () => {
  it('reads the month of the label forms the app writes', () => {
    expect(monthOfLabel('2016-04')).toEqual({ year: 2016, month: 4 });
    expect(monthOfLabel('2016-04-01')).toEqual({ year: 2016, month: 4 });
    expect(monthOfLabel('Apr 2016')).toEqual({ year: 2016, month: 4 });
    expect(monthOfLabel('September 2019')).toEqual({ year: 2019, month: 9 });
    expect(monthOfLabel('2016/17')).toBeNull();
    expect(monthOfLabel('2016-13')).toBeNull();
  });

  it('labels every month when they fit', () => {
    expect(monthTickIndexes(months(2016, 4, 12), 900)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('labels each quarter of the financial year (Apr, Jul, Oct, Jan) for two years from May', () => {
    // May 2016 … Apr 2018: Jul 16 (2), Oct 16 (5), Jan 17 (8), Apr 17 (11), Jul 17 (14), Oct 17 (17), Jan 18 (20), Apr 18 (23).
    expect(monthTickIndexes(months(2016, 5, 24), 840)).toEqual([2, 5, 8, 11, 14, 17, 20, 23]);
  });

  it('labels each April for the DTOC series (Apr 2014 to Feb 2020), never Nov 2014 or Jun 2015', () => {
    const labels = months(2014, 4, 71);
    const shown = monthTickIndexes(labels, 840)!.map((i) => labels[i]);
    expect(shown).toEqual(['2014-04', '2014-10', '2015-04', '2015-10', '2016-04', '2016-10', '2017-04', '2017-10', '2018-04', '2018-10', '2019-04', '2019-10']);
    const narrow = monthTickIndexes(labels, 420)!.map((i) => labels[i]);
    expect(narrow).toEqual(['2014-04', '2015-04', '2016-04', '2017-04', '2018-04', '2019-04']);
  });

  it('leaves other axes to ECharts', () => {
    expect(monthTickIndexes(['2014/15', '2015/16'], 840)).toBeNull();
    expect(monthTickIndexes(['AE', 'NEL'], 840)).toBeNull();
  });

  it('becomes an interval function showing exactly those indexes', () => {
    const hydrated = hydrateChartOption({ xAxis: { axisLabel: { interval: { $indexes: [0, 12] } } } });
    const interval = hydrated.xAxis.axisLabel.interval as unknown as (i: number) => boolean;
    expect([0, 1, 11, 12, 13].map((i) => interval(i))).toEqual([true, false, false, true, false]);
  });
});

describe('one way of writing months', () => {
  it('view charts label months as the chart builder does (Apr 2014, not 2014-04); other labels are left alone', () => {
    expect(categoryAxis(['2014-04', '2014-05', '2015-01']).data).toEqual(['Apr 2014', 'May 2014', 'Jan 2015']);
    expect(categoryAxis(['A', '2014/15']).data).toEqual(['A', '2014/15']);
    expect(monthText('2016-03-01')).toBe('Mar 2016');
    expect(monthText('2016-03-02')).toBe('2016-03-02');
  });
});
