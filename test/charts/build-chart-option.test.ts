import { describe, expect, it } from 'vitest';
import { buildChartOption } from '../../src-shared/charts/build-chart-option';
import { pivotChartRows } from '../../src-shared/charts/chart-data';
import { parseChartSpec, type ChartSpecInput } from '../../src-shared/charts/chart-spec';
import { buildChartTable } from '../../src-shared/charts/chart-table';
import { legendRows } from '../../src-shared/charts/chart-theme';
import { hydrateChartOption } from '../../src-shared/charts/hydrate';
import { COLOUR_BLIND_SAFE_PALETTE, HIGHLIGHT_COLOUR, MUTED_COLOUR, NHS_PALETTE, REFERENCE_COLOURS } from '../../src-shared/charts/palette';

// Options are checked as data; `any` lets the tests walk them without casts at every step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberate, see above
type Loose = any;

function spec(partial: Omit<ChartSpecInput, 'version' | 'source'>) {
  return parseChartSpec({ version: 1, source: { table: 't' }, ...partial });
}

function build(partial: Omit<ChartSpecInput, 'version' | 'source'>, rows: Record<string, unknown>[]): Loose {
  return buildChartOption(spec(partial), rows);
}

const apr = new Date(Date.UTC(2016, 3, 1));
const may = new Date(Date.UTC(2016, 4, 1));
const jun = new Date(Date.UTC(2016, 5, 1));
const PODS = [
  { month: apr, pod: 'NEL', sum_activity: 10 },
  { month: apr, pod: 'AE', sum_activity: 30 },
  { month: may, pod: 'NEL', sum_activity: 5 },
  { month: jun, pod: 'AE', sum_activity: 20 },
  { month: jun, pod: 'NEL', sum_activity: 20 },
];
const MONTHLY: Omit<ChartSpecInput, 'version' | 'source'> = {
  type: 'column',
  x: { field: 'month', grain: 'month' },
  series: { field: 'pod' },
  y: [{ field: 'activity', aggregate: 'sum', format: 'integer' }],
};

const CCGS = [
  { org: '99A', rate: 8 },
  { org: '11X', rate: 6 },
  { org: '11J', rate: 4 },
  { org: '05F', rate: 2 },
];

describe('pivoting result rows', () => {
  it('keeps the rows’ category order, sorts the split and fills gaps with null', () => {
    const pivot = pivotChartRows(spec(MONTHLY), PODS);
    expect(pivot.categories.map((c) => [c.key, c.label])).toEqual([
      ['2016-04-01', 'Apr 2016'],
      ['2016-05-01', 'May 2016'],
      ['2016-06-01', 'Jun 2016'],
    ]);
    expect(pivot.groups.map((g) => g.label)).toEqual(['AE', 'NEL']);
    expect(pivot.series.map((s) => [s.id, s.name, s.values])).toEqual([
      ['sum_activity|AE', 'AE', [30, null, 20]],
      ['sum_activity|NEL', 'NEL', [10, 5, 20]],
    ]);
  });

  it('treats JSON rows (dates as strings) like engine rows (Dates)', () => {
    const json = PODS.map((r) => ({ ...r, month: r.month.toISOString().slice(0, 10) }));
    expect(buildChartOption(spec(MONTHLY), json)).toEqual(buildChartOption(spec(MONTHLY), PODS));
  });
});

describe('column, bar, line, area and combo options', () => {
  it('grouped columns: one bar series per split value, palette colours, axis formats as markers', () => {
    const o = build(MONTHLY, PODS);
    expect(o.color).toEqual([...NHS_PALETTE]);
    expect(o.xAxis.type).toBe('category');
    expect(o.xAxis.data).toEqual(['Apr 2016', 'May 2016', 'Jun 2016']);
    expect(o.yAxis.axisLabel.formatter).toEqual({ $format: 'integer', kind: 'axis' });
    expect(o.yAxis.name).toBe('Total activity');
    expect(o.series.map((s: Loose) => [s.type, s.name, s.data, s.stack])).toEqual([
      ['bar', 'AE', [30, null, 20], undefined],
      ['bar', 'NEL', [10, 5, 20], undefined],
    ]);
    expect(o.series[0].tooltip.valueFormatter).toEqual({ $format: 'integer', kind: 'value' });
    expect(o.legend.data).toEqual(['AE', 'NEL']);
    expect(o.legend.top).toBe(16);
  });

  it('stacked columns share one stack per measure', () => {
    const o = build({ ...MONTHLY, stack: 'stacked' }, PODS);
    expect(o.series.map((s: Loose) => s.stack)).toEqual(['sum_activity', 'sum_activity']);
    expect(o.series[0].data).toEqual([30, null, 20]);
    expect(o.yAxis.max).toBeUndefined();
  });

  it('100% stacked: shares of each category’s total, a 0–100% axis and percent formats', () => {
    const o = build({ ...MONTHLY, stack: 'percent', format: { dataLabels: true } }, PODS);
    expect(o.series.map((s: Loose) => s.data)).toEqual([
      [0.75, null, 0.5],
      [0.25, 1, 0.5],
    ]);
    expect([o.yAxis.min, o.yAxis.max]).toEqual([0, 1]);
    expect(o.yAxis.axisLabel.formatter).toEqual({ $format: 'percent', kind: 'axis' });
    expect(o.series[0].label).toMatchObject({ show: true, position: 'inside', formatter: { $format: 'percent', kind: 'label' } });
    expect(o.series[0].tooltip.valueFormatter).toEqual({ $format: 'percent', kind: 'value' });
  });

  it('horizontal bars: categories down the side, first row at the top, highlight in NHS Blue, average line', () => {
    const o = build(
      {
        type: 'bar',
        x: { field: 'org', label: 'CCG' },
        y: [{ id: 'rate', field: 'v', aggregate: 'mean', decimals: 1 }],
        sort: { by: 'value', direction: 'desc' },
        format: { dataLabels: true, highlight: ['11X'], referenceLines: [{ type: 'average' }, { type: 'value', value: 7, label: 'Target', style: 'target' }] },
      },
      CCGS,
    );
    expect(o.yAxis).toMatchObject({ type: 'category', inverse: true, data: ['99A', '11X', '11J', '05F'], name: 'CCG', nameLocation: 'start' });
    expect(o.yAxis.axisLabel).toMatchObject({ width: 240, overflow: 'truncate' });
    expect(o.xAxis).toMatchObject({ type: 'value', name: 'Mean v', nameLocation: 'middle' });
    const [series] = o.series;
    expect(series.data).toEqual([
      { value: 8, itemStyle: { color: MUTED_COLOUR } },
      { value: 6, itemStyle: { color: HIGHLIGHT_COLOUR } },
      { value: 4, itemStyle: { color: MUTED_COLOUR } },
      { value: 2, itemStyle: { color: MUTED_COLOUR } },
    ]);
    expect(series.label).toMatchObject({ show: true, position: 'right', formatter: { $format: 'number', kind: 'label', decimals: 1 } });
    expect(series.markLine.data.map((d: Loose) => [d.name, d.xAxis, d.lineStyle.color, d.lineStyle.type, d.label.position])).toEqual([
      ['Average: 5.0', 5, REFERENCE_COLOURS.average, 'dashed', 'start'],
      ['Target: 7.0', 7, REFERENCE_COLOURS.target, 'solid', 'start'],
    ]);
    expect(o.legend).toBeUndefined();
  });

  it('highlight matches a category by label too (a month as `Apr 2016`), and leaves other series’ highlighted bars their colour', () => {
    const o = build(
      {
        type: 'column',
        x: { field: 'month', grain: 'month' },
        y: [
          { field: 'a', aggregate: 'sum' },
          { field: 'b', aggregate: 'sum' },
        ],
        format: { highlight: ['May 2016'] },
      },
      [
        { month: apr, sum_a: 1, sum_b: 2 },
        { month: may, sum_a: 3, sum_b: 4 },
      ],
    );
    expect(o.series.map((s: Loose) => s.data)).toEqual([
      [{ value: 1, itemStyle: { color: MUTED_COLOUR } }, 3],
      [{ value: 2, itemStyle: { color: MUTED_COLOUR } }, 4],
    ]);
    expect(o.series.map((s: Loose) => s.name)).toEqual(['Total a', 'Total b']);
  });

  it('lines with a split: the highlighted series in NHS Blue on top, the others grey', () => {
    const o = build({ ...MONTHLY, type: 'line', format: { highlight: ['NEL'] } }, PODS);
    expect(o.series.map((s: Loose) => [s.type, s.name, s.itemStyle.color, s.lineStyle.color, s.lineStyle.width, s.z])).toEqual([
      ['line', 'AE', MUTED_COLOUR, MUTED_COLOUR, 2, 2],
      ['line', 'NEL', HIGHLIGHT_COLOUR, HIGHLIGHT_COLOUR, 3.5, 3],
    ]);
    expect(o.series[0].showSymbol).toBe(true);
    expect(o.tooltip.axisPointer.type).toBe('line');
  });

  it('stacked area: filled, and an average line at the mean of the stack totals', () => {
    const o = build(
      { ...MONTHLY, type: 'area', stack: 'stacked', format: { referenceLines: [{ type: 'average' }, { type: 'median', label: 'Middle' }] } },
      PODS,
    );
    expect(o.series.map((s: Loose) => [s.stack, s.areaStyle.opacity])).toEqual([
      ['sum_activity', 0.9],
      ['sum_activity', 0.9],
    ]);
    // Totals per month: 40, 5, 40.
    expect(o.series[0].markLine.data.map((d: Loose) => [d.name, d.yAxis])).toEqual([
      ['Average: 28', 85 / 3],
      ['Middle: 40', 40],
    ]);
    expect(o.series[1].markLine).toBeUndefined();
  });

  it('combo: columns on the left axis, a line on the right axis, each with its own format', () => {
    const o = build(
      {
        type: 'combo',
        x: { field: 'month', grain: 'month' },
        y: [
          { id: 'n', field: 'activity', aggregate: 'sum', label: 'Admissions', format: 'integer' },
          { id: 'cost', field: 'cost_gbp', aggregate: 'sum', label: 'Cost', format: 'gbp_m' },
        ],
        format: { y2AxisTitle: 'Cost (£m)', referenceLines: [{ type: 'value', value: 2_000_000, measure: 'cost', style: 'benchmark' }] },
      },
      [
        { month: apr, n: 100, cost: 1_500_000 },
        { month: may, n: 120, cost: 2_500_000 },
      ],
    );
    expect(o.series.map((s: Loose) => [s.type, s.name, s.yAxisIndex, s.data])).toEqual([
      ['bar', 'Admissions', undefined, [100, 120]],
      ['line', 'Cost', 1, [1_500_000, 2_500_000]],
    ]);
    expect(o.yAxis.map((a: Loose) => [a.name, a.axisLabel.formatter.$format, a.splitLine.show, a.alignTicks])).toEqual([
      ['Admissions', 'integer', true, undefined],
      ['Cost (£m)', 'gbp_m', false, true],
    ]);
    expect(o.series[1].markLine.data[0]).toMatchObject({
      name: 'Benchmark: £2.0m',
      yAxis: 2_000_000,
      lineStyle: { color: REFERENCE_COLOURS.benchmark, type: 'dotted' },
    });
    expect(o.legend.data).toEqual(['Admissions', 'Cost']);
  });

  it('the colour-blind-safe palette replaces the NHS one', () => {
    expect(build({ ...MONTHLY, format: { palette: 'colour-blind-safe' } }, PODS).color).toEqual([...COLOUR_BLIND_SAFE_PALETTE]);
  });
});

describe('frame: titles, notes, legend and margins', () => {
  it('puts the title top left, the notes bottom left and sizes the plot box around them', () => {
    const o = build(
      { ...MONTHLY, format: { title: 'Activity', subtitle: 'NHS Somerset CCG', sourceNote: 'Source: SUS', footnote: 'Note one\nNote two' } },
      PODS,
    );
    expect(o.title).toEqual([
      expect.objectContaining({ id: 'title', text: 'Activity', left: 24, top: 16 }),
      // The subtitle sits under the 26 px title line, as its own text.
      expect.objectContaining({ id: 'subtitle', text: 'NHS Somerset CCG', left: 24, top: 42 }),
      expect.objectContaining({ id: 'notes', text: 'Source: SUS\nNote one\nNote two', left: 24, bottom: 12 }),
    ]);
    expect(o.title[0].textStyle).toMatchObject({ fontSize: 20, fontWeight: 'bold' });
    // 16 top + 26 title + 20 subtitle + 12 gap = 74 for the legend; + 28 legend + 4 = 106.
    expect(o.legend.top).toBe(74);
    // 12 bottom + 3 note lines × 16 + 10 = 70; + 4 = 74.
    expect(o.grid).toEqual({ left: 24, right: 24, top: 106, bottom: 74, outerBoundsMode: 'same', outerBoundsContain: 'all' });
    expect(o.yAxis.splitLine.lineStyle.color).toBe('#D8DDE0');
    expect(o.backgroundColor).toBe('#FFFFFF');
  });

  it('a bottom legend sits above the notes; a legend that wraps gets the rows it needs', () => {
    const o = build({ ...MONTHLY, format: { legend: 'bottom', sourceNote: 'Source: SUS' } }, PODS);
    expect(o.legend.bottom).toBe(38);
    expect(o.grid.bottom).toBe(70);
    expect(legendRows(['A&E attendance', 'Community contact'], 960)).toBe(1);
    expect(
      legendRows(
        Array.from({ length: 9 }, () => 'Outpatient follow-up attendance'),
        960,
      ),
    ).toBe(3);
    expect(legendRows([], 960)).toBe(0);
  });

  it('stays plain JSON, and hydrates into formatter functions', () => {
    const o = build({ ...MONTHLY, stack: 'percent', format: { dataLabels: true } }, PODS);
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
    const h: Loose = hydrateChartOption(o);
    expect(h.yAxis.axisLabel.formatter(0.25)).toBe('25%');
    expect(h.series[0].tooltip.valueFormatter(0.755)).toBe('75.5%');
    expect(h.series[0].label.formatter({ value: 0.5 })).toBe('50.0%');
  });
});

describe('pie, donut, scatter, heatmap and table options', () => {
  it('pie: a slice per category in row order, highlight colours, labels with shares', () => {
    const o = build({ type: 'pie', x: { field: 'org' }, y: [{ id: 'rate', field: 'v', aggregate: 'sum', format: 'gbp_k' }], format: { highlight: ['11X'] } }, [
      ...CCGS,
      { org: 'Other', rate: null },
    ]);
    const [s] = o.series;
    expect(s.type).toBe('pie');
    expect(s.radius).toEqual(['0%', '70%']);
    expect(s.data).toEqual([
      { name: '99A', value: 8, itemStyle: { color: MUTED_COLOUR } },
      { name: '11X', value: 6, itemStyle: { color: HIGHLIGHT_COLOUR } },
      { name: '11J', value: 4, itemStyle: { color: MUTED_COLOUR } },
      { name: '05F', value: 2, itemStyle: { color: MUTED_COLOUR } },
    ]);
    expect(s.label.formatter).toBe('{b}: {d}%');
    expect(s.tooltip.valueFormatter).toEqual({ $format: 'gbp_k', kind: 'value' });
    expect(o.legend).toBeUndefined();
  });

  it('donut with data labels: a ring, formatted values, names in the legend', () => {
    const o = build(
      { type: 'donut', x: { field: 'org' }, y: [{ id: 'rate', field: 'v', aggregate: 'sum', format: 'integer' }], format: { dataLabels: true } },
      CCGS,
    );
    expect(o.series[0].radius).toEqual(['45%', '70%']);
    expect(o.series[0].data).toEqual(CCGS.map((c) => ({ name: c.org, value: c.rate })));
    expect(o.series[0].label.formatter).toEqual({ $format: 'integer', kind: 'label' });
    expect(o.legend.data).toEqual(['99A', '11X', '11J', '05F']);
  });

  it('scatter: a point per category at (first, second measure), highlighted and labelled, with quadrant lines', () => {
    const o = build(
      {
        type: 'scatter',
        x: { field: 'org' },
        y: [
          { id: 'spend', field: 's', aggregate: 'sum', label: 'Spend per head', format: 'gbp' },
          { id: 'outcome', field: 'o', aggregate: 'mean', label: 'Outcome', format: 'percent' },
        ],
        format: {
          highlight: ['11X'],
          referenceLines: [
            { type: 'average', measure: 'spend' },
            { type: 'average', measure: 'outcome' },
          ],
        },
      },
      [
        { org: '11X', spend: 600, outcome: 0.7 },
        { org: '11J', spend: 500, outcome: 0.5 },
        { org: '99A', spend: 700, outcome: null },
        { org: '05F', spend: 400, outcome: 0.6 },
      ],
    );
    expect(o.xAxis).toMatchObject({ type: 'value', scale: true, name: 'Spend per head', axisLabel: { formatter: { $format: 'gbp', kind: 'axis' } } });
    expect(o.yAxis).toMatchObject({ type: 'value', scale: true, name: 'Outcome', axisLabel: { formatter: { $format: 'percent', kind: 'axis' } } });
    const [s] = o.series;
    expect(s.data.map((d: Loose) => [d.name, d.value, d.itemStyle.color, d.label?.show ?? false])).toEqual([
      ['11X', [600, 0.7], HIGHLIGHT_COLOUR, true],
      ['11J', [500, 0.5], MUTED_COLOUR, false],
      ['05F', [400, 0.6], MUTED_COLOUR, false],
    ]);
    expect(s.markLine.data.map((d: Loose) => [d.name, d.xAxis, d.yAxis])).toEqual([
      ['Average: £500', 500, undefined],
      ['Average: 60.0%', undefined, 0.6],
    ]);
  });

  it('heatmap: [x index, row index, value] cells, rows top-down, a colour scale from the data', () => {
    const o = build(
      {
        type: 'heatmap',
        x: { field: 'month', grain: 'month' },
        series: { field: 'pod' },
        y: [{ field: 'activity', aggregate: 'sum', format: 'integer' }],
        format: { dataLabels: true },
      },
      PODS,
    );
    expect(o.xAxis.data).toEqual(['Apr 2016', 'May 2016', 'Jun 2016']);
    expect(o.yAxis).toMatchObject({ type: 'category', data: ['AE', 'NEL'], inverse: true });
    expect(o.series[0].data).toEqual([
      [0, 0, 30],
      [2, 0, 20],
      [0, 1, 10],
      [1, 1, 5],
      [2, 1, 20],
    ]);
    expect(o.visualMap).toMatchObject({ min: 5, max: 30, text: ['30', '5'], inRange: { color: ['#E8EDEE', '#005EB8'] } });
    expect(o.series[0].label.formatter).toEqual({ $format: 'integer', kind: 'label', dim: 2 });
  });

  it('table: one row per category, one column per series, formatted cells', () => {
    const s = spec({
      type: 'table',
      x: { field: 'month', grain: 'month', label: 'Month' },
      series: { field: 'pod' },
      y: [{ field: 'activity', aggregate: 'sum', format: 'integer' }],
    });
    expect(buildChartTable(s, PODS)).toEqual({
      columns: [
        { key: 'month', label: 'Month', kind: 'category' },
        { key: 'sum_activity|AE', label: 'AE', kind: 'measure', format: 'integer' },
        { key: 'sum_activity|NEL', label: 'NEL', kind: 'measure', format: 'integer' },
      ],
      rowKeys: ['2016-04-01', '2016-05-01', '2016-06-01'],
      rows: [
        [apr, 30, 10],
        [may, null, 5],
        [jun, 20, 20],
      ],
      text: [
        ['Apr 2016', '30', '10'],
        ['May 2016', '', '5'],
        ['Jun 2016', '20', '20'],
      ],
    });
    const o: Loose = buildChartOption(s, PODS);
    const texts = o.graphic[0].children.filter((c: Loose) => c.type === 'text').map((c: Loose) => c.style.text);
    expect(texts).toEqual(['Month', 'AE', 'NEL', 'Apr 2016', '30', '10', 'May 2016', '', '5', 'Jun 2016', '20', '20']);
  });

  it('table: rows beyond the height are summarised', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ org: `O${String(i).padStart(2, '0')}`, count: i }));
    const o: Loose = buildChartOption(spec({ type: 'table', x: { field: 'org' }, y: [{ aggregate: 'count' }] }), rows, { height: 300 });
    const texts: string[] = o.graphic[0].children.filter((c: Loose) => c.type === 'text').map((c: Loose) => c.style.text);
    // (300 − 20 − 20) / 28 = 9 rows of room: the header, 7 rows and the note.
    expect(texts.slice(-3)).toEqual(['O06', '6', '… and 33 more rows']);
  });

  it('every chart type builds from an empty result without failing', () => {
    const types = ['column', 'bar', 'line', 'area', 'combo', 'scatter', 'pie', 'donut', 'heatmap', 'table'] as const;
    for (const type of types) {
      const o: Loose = build(
        {
          type,
          x: { field: 'org' },
          ...(type === 'heatmap' ? { series: { field: 's' } } : {}),
          y:
            type === 'scatter' || type === 'combo'
              ? [
                  { id: 'a', field: 'a', aggregate: 'sum' },
                  { id: 'b', field: 'b', aggregate: 'sum' },
                ]
              : [{ id: 'a', field: 'a', aggregate: 'sum' }],
          format: { title: type, referenceLines: [{ type: 'average' }] },
        },
        [],
      );
      expect([type, o.title[0].text]).toEqual([type, type]);
      expect(JSON.parse(JSON.stringify(o))).toEqual(o);
    }
  });
});
