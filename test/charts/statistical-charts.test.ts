import { describe, expect, it } from 'vitest';
import { computeFunnel } from '../../src-shared/analysis/funnel/funnel';
import { SPC_COLOURS } from '../../src-shared/analysis/spc/icons';
import { xmr } from '../../src-shared/analysis/spc/xmr';
import { buildChartOption } from '../../src-shared/charts/build-chart-option';
import { parseChartSpec, validateChartSpec, type ChartSpecInput } from '../../src-shared/charts/chart-spec';
import { compileChartSql } from '../../src-shared/charts/compile-chart-sql';
import { renderChartSvg } from '../../src-shared/charts/render-svg';

/*
 * The chart builder's SPC and funnel types: the same figures as the views (they call the same
 * functions), checked on ../shared/DOMAIN.md's worked XmR example and PHEindicatormethods'
 * documented four-area funnel example.
 */

const WORKED = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];
const month = (i: number) => `${2019 + Math.floor((i + 3) / 12)}-${String(((i + 3) % 12) + 1).padStart(2, '0')}-01`;

const spcSpec = (extra: Partial<ChartSpecInput> = {}): ChartSpecInput => ({
  version: 1,
  source: { table: 't' },
  type: 'spc',
  x: { field: 'month', grain: 'month' },
  y: [{ field: 'value', aggregate: 'sum' }],
  ...extra,
});

type Item = { value: number; itemStyle: { color: string } };

describe('SPC chart type', () => {
  it('refuses a second measure or a colour split, naming why', () => {
    const two = validateChartSpec(
      spcSpec({
        y: [
          { field: 'a', aggregate: 'sum' },
          { field: 'b', aggregate: 'sum' },
        ],
      }),
    );
    expect(two.ok === false && two.issues.map((i) => i.message)).toEqual(['an SPC chart shows exactly one measure, one value per period']);
    const split = validateChartSpec(spcSpec({ series: { field: 'org' } }));
    expect(split.ok === false && split.issues[0]!.message).toMatch(/no colour split/);
  });

  it('reads points in time order whatever sort the spec carries', () => {
    const sql = compileChartSql(parseChartSpec(spcSpec({ sort: { by: 'value', direction: 'desc' } })));
    expect(sql).toMatch(/ORDER BY "month" ASC NULLS LAST\s*$/);
  });

  it('colours each point by the XmR verdict, draws limits, target and both icons (worked example)', () => {
    const rows = WORKED.map((v, i) => ({ month: month(i), sum_value: v }));
    const spec = parseChartSpec(spcSpec({ spc: { improvement: 'increase', target: 5 }, format: { title: 'Worked example' } }));
    const option = buildChartOption(spec, rows);
    const series = option.series as { name: string; data: (Item | number | null)[] }[];
    const expected = xmr(WORKED, { improvement: 'increase', target: 5 });
    expect((series[0]!.data as Item[]).map((d) => d.itemStyle.color)).toEqual(expected.points.map((p) => SPC_COLOURS[p.pointType]));
    expect(series.find((s) => s.name === 'Upper process limit')!.data[0]).toBeCloseTo(4.6044444, 7);
    expect(series.find((s) => s.name === 'Target')!.data[0]).toBe(5);
    const svg = renderChartSvg(option, { width: 960, height: 540 });
    expect(svg).toContain('Worked example');
    // Common cause at the last point; a target of 5 above the upper limit 4.60: consistently fails.
    expect(svg).toContain('Common cause');
    expect(svg).toContain('Consistently fails');
    expect(svg).toContain('Apr 2019');
  });
});

describe('funnel chart type', () => {
  const spec = parseChartSpec({
    version: 1,
    source: { table: 't' },
    type: 'funnel',
    x: { field: 'area' },
    y: [
      { field: 'numerator', aggregate: 'sum' },
      { field: 'denominator', aggregate: 'sum' },
    ],
  });
  const rows = [
    ['A', 10232, 15232],
    ['B', 12321, 16123],
    ['C', 15123, 17932],
    ['D', 13213, 18475],
  ].map(([area, n, d]) => ({ area, sum_numerator: n, sum_denominator: d }));

  it('needs exactly the numerator and the denominator', () => {
    const one = validateChartSpec({ ...spec, y: [{ field: 'n', aggregate: 'sum' }] });
    expect(one.ok === false && one.issues[0]!.message).toMatch(/exactly two measures: the numerator, then the denominator/);
  });

  it('plots each area at its denominator with its significance colour, and the limits of computeFunnel', () => {
    const option = buildChartOption(spec, rows);
    const series = option.series as { name: string; data: unknown[] }[];
    const units = series.find((s) => s.name === 'Units')!.data as { name: string; value: [number, number] }[];
    expect(units.map((u) => u.name)).toEqual(['A', 'B', 'C', 'D']);
    expect(units[0]!.value[1]).toBeCloseTo((10232 / 15232) * 100, 12);
    const expected = computeFunnel(
      rows.map((r) => ({ unit: r.area as string, numerator: r.sum_numerator as number, denominator: r.sum_denominator as number })),
      { statistic: 'proportion', multiplier: 100, ratioType: 'ratio', rateType: 'crude' },
    );
    expect(series.find((s) => s.name === '99.8% limits')!.data).toEqual(expected.limits.map((l) => [l.denominator, l.upper998]));
    expect(renderChartSvg(option, { width: 960, height: 540 })).toContain('Funnel plot: Total numerator ÷ Total denominator');
  });
});
