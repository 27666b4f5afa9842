import { describe, expect, it } from 'vitest';
import { nativeChartOf } from '../../src-shared/export/board-pack/native-chart';

/** ECharts options as the app builds them, and what PowerPoint gets for each. */
const category = { type: 'category', data: ['Apr', 'May', 'Jun'] };
const value = { type: 'value' };

describe('charts as office charts', () => {
  it('columns: one series per ECharts series, values by category, gaps kept', () => {
    const chart = nativeChartOf({
      xAxis: category,
      yAxis: value,
      series: [
        { name: 'A&E', type: 'bar', data: [1, { value: 2 }, null] },
        { name: 'NEL', type: 'bar', data: [4, 5, 6], itemStyle: { color: '#005EB8' } },
      ],
    })!;
    expect(chart).toMatchObject({ kind: 'bar', direction: 'col', grouping: 'clustered' });
    expect(chart.series.map((s) => [s.name, s.labels, s.values, s.colour])).toEqual([
      ['A&E', ['Apr', 'May', 'Jun'], [1, 2, null], null],
      ['NEL', ['Apr', 'May', 'Jun'], [4, 5, 6], '005EB8'],
    ]);
  });

  it('a reference line goes on the axis of its series (a Pareto 80% line on the percentage axis)', () => {
    const chart = nativeChartOf({
      xAxis: category,
      yAxis: [value, { type: 'value', min: 0, max: 1 }],
      series: [
        { name: 'Bed days', type: 'bar', data: [30, 20, 10] },
        { name: 'Cumulative %', type: 'line', yAxisIndex: 1, data: [0.5, 0.83, 1], markLine: { data: [{ yAxis: 0.8 }] } },
      ],
    })!;
    expect(chart.series.map((s) => [s.name, s.kind, s.secondary])).toEqual([
      ['Bed days', 'bar', false],
      ['Cumulative %', 'line', true],
      ['Reference', 'line', true],
    ]);
  });

  it('goes in as a picture when an office chart would draw it wrong', () => {
    // Two stacks side by side (two measures split by colour): office charts have one stack.
    expect(
      nativeChartOf({
        xAxis: category,
        yAxis: value,
        series: [
          { name: 'a', type: 'bar', stack: 'm1', data: [1, 2, 3] },
          { name: 'b', type: 'bar', stack: 'm2', data: [1, 2, 3] },
        ],
      }),
    ).toBeNull();
    // Stacked lines.
    expect(
      nativeChartOf({
        xAxis: category,
        yAxis: value,
        series: [
          { name: 'a', type: 'line', stack: 'total', data: [1, 2, 3] },
          { name: 'b', type: 'line', stack: 'total', data: [1, 2, 3] },
        ],
      }),
    ).toBeNull();
    // A scatter with reference lines and point labels.
    expect(
      nativeChartOf({
        xAxis: value,
        yAxis: value,
        series: [{ name: 'Peers', type: 'scatter', label: { show: true }, data: [[1, 2]], markLine: { data: [{ xAxis: 1 }] } }],
      }),
    ).toBeNull();
    // A heatmap.
    expect(nativeChartOf({ xAxis: category, yAxis: category, series: [{ type: 'heatmap', data: [[0, 0, 1]] }] })).toBeNull();
  });

  it('stacked columns with a target line stay native (the DTOC chart)', () => {
    const chart = nativeChartOf({
      xAxis: category,
      yAxis: value,
      series: [
        { name: 'A', type: 'bar', stack: 'bedDays', data: [1, 2, 3] },
        { name: 'B', type: 'bar', stack: 'bedDays', data: [1, 2, 3] },
        { name: 'Target', type: 'line', data: [3, 3, 3] },
      ],
    })!;
    expect(chart.grouping).toBe('stacked');
    expect(chart.series.map((s) => s.kind)).toEqual(['bar', 'bar', 'line']);
  });
});
