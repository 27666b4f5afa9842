import { describe, expect, it } from 'vitest';
import { buildChartOption } from '../../src-shared/charts/build-chart-option';
import { parseChartSpec, type ChartSpecInput } from '../../src-shared/charts/chart-spec';
import { HIGHLIGHT_COLOUR, MUTED_COLOUR } from '../../src-shared/charts/palette';
import { renderChartSvg } from '../../src-shared/charts/render-svg';

function render(partial: Omit<ChartSpecInput, 'version' | 'source'>, rows: Record<string, unknown>[]): string {
  const spec = parseChartSpec({ version: 1, source: { table: 't' }, ...partial });
  return renderChartSvg(buildChartOption(spec, rows), { width: spec.format.width, height: spec.format.height });
}

/** Text as ECharts writes it into an SVG text element. */
function text(s: string): string {
  return `>${s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</text>`;
}

const ORGS = [
  { org: 'NHS Liverpool CCG', rate: 156.9 },
  { org: 'NHS Somerset CCG', rate: 130.3 },
  { org: 'NHS Mid Essex CCG', rate: 110.9 },
];

describe('renderChartSvg', () => {
  it('renders a board-ready bar chart: title, notes, labels, highlight and reference line', () => {
    const svg = render(
      {
        type: 'bar',
        x: { field: 'org' },
        y: [{ id: 'rate', field: 'v', aggregate: 'mean', decimals: 1, label: 'Admissions per 1,000' }],
        format: {
          title: 'NEL admissions & rates',
          subtitle: '2016/17',
          sourceNote: 'Source: Fingertips',
          footnote: 'Synthetic data',
          dataLabels: true,
          highlight: ['NHS Somerset CCG'],
          referenceLines: [{ type: 'average' }],
        },
      },
      ORGS,
    );
    expect(svg.startsWith('<svg width="960" height="540"')).toBe(true);
    for (const t of [
      'NEL admissions & rates',
      '2016/17',
      'Source: Fingertips',
      'Synthetic data',
      'NHS Liverpool CCG',
      'NHS Somerset CCG',
      'Admissions per 1,000',
      '156.9',
      '130.3',
      'Average: 132.7',
    ])
      expect(svg).toContain(text(t));
    expect(svg).toContain(`fill="${HIGHLIGHT_COLOUR}"`);
    expect(svg.match(new RegExp(`<path [^>]*fill="${MUTED_COLOUR}"`, 'g'))).toHaveLength(2);
    expect(svg).toMatch(/<path [^>]*stroke-dasharray/);
  });

  it('applies number-format markers: £m axis labels on a combo’s second axis', () => {
    const apr = new Date(Date.UTC(2019, 3, 1));
    const may = new Date(Date.UTC(2019, 4, 1));
    const svg = render(
      {
        type: 'combo',
        x: { field: 'month', grain: 'month' },
        y: [
          { id: 'n', field: 'a', aggregate: 'sum', label: 'Admissions', format: 'integer' },
          { id: 'cost', field: 'c', aggregate: 'sum', label: 'Cost', format: 'gbp_m' },
        ],
      },
      [
        { month: apr, n: 6000, cost: 10_000_000 },
        { month: may, n: 7000, cost: 12_000_000 },
      ],
    );
    expect(svg).toContain(text('Apr 2019'));
    expect(svg).toContain(text('£12m'));
    expect(svg).toContain(text('7,000'));
  });

  it('renders pie, scatter, heatmap and table charts', () => {
    const pie = render({ type: 'donut', x: { field: 'org' }, y: [{ id: 'rate', field: 'v', aggregate: 'sum' }], format: { title: 'Share' } }, ORGS);
    expect(pie).toContain(text('NHS Liverpool CCG: 39.4%'));
    expect(pie.match(/<path [^>]*ecmeta_series_index="0"/g)).toHaveLength(3);

    const scatter = render(
      {
        type: 'scatter',
        x: { field: 'org' },
        y: [
          { id: 'a', field: 'a', aggregate: 'sum', label: 'Spend' },
          { id: 'b', field: 'b', aggregate: 'sum', label: 'Outcome' },
        ],
        format: { highlight: ['NHS Somerset CCG'] },
      },
      [
        { org: 'NHS Somerset CCG', a: 1, b: 2 },
        { org: 'NHS Mid Essex CCG', a: 2, b: 3 },
      ],
    );
    expect(scatter).toContain(text('Spend'));
    expect(scatter).toContain(text('NHS Somerset CCG'));

    const heatmap = render(
      {
        type: 'heatmap',
        x: { field: 'x' },
        series: { field: 's' },
        y: [{ id: 'v', field: 'v', aggregate: 'sum', format: 'integer' }],
        format: { dataLabels: true },
      },
      [
        { x: 'Q1', s: 'AE', v: 1200 },
        { x: 'Q2', s: 'AE', v: 3400 },
      ],
    );
    expect(heatmap).toContain(text('1,200'));
    expect(heatmap).toContain(text('3,400'));

    const table = render(
      {
        type: 'table',
        x: { field: 'org', label: 'CCG' },
        y: [{ id: 'rate', field: 'v', aggregate: 'sum', label: 'Rate', decimals: 1 }],
        format: { title: 'Rates' },
      },
      ORGS,
    );
    for (const t of ['Rates', 'CCG', 'Rate', 'NHS Mid Essex CCG', '110.9']) expect(table).toContain(text(t));
  });

  it('does not change the option it is given', () => {
    const spec = parseChartSpec({
      version: 1,
      source: { table: 't' },
      type: 'column',
      x: { field: 'org' },
      y: [{ id: 'rate', field: 'v', aggregate: 'sum', format: 'gbp' }],
    });
    const option = buildChartOption(spec, ORGS);
    const before = JSON.stringify(option);
    renderChartSvg(option, { width: 400, height: 300 });
    expect(JSON.stringify(option)).toBe(before);
  });
});
