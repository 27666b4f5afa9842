import { describe, expect, it } from 'vitest';
import { funnelChartOption } from '../../src-shared/analysis/funnel/chart';
import { computeFunnel } from '../../src-shared/analysis/funnel/funnel';
import { funnelTemplate } from '../../src-shared/analysis/funnel/template';
import { proportionLimits } from '../../src-shared/analysis/funnel/proportion';
import { ratioLimitsAt } from '../../src-shared/analysis/funnel/ratio';
import { renderChartSvg } from '../../src-shared/charts/render-svg';
import { cliView, fixture, rowsOf } from './view-test-helpers';

/*
 * The funnel view through the CLI (`view funnel … --json`): the shape the issue asks for, with
 * PHEindicatormethods' documented example (four areas, proportions) and rows of its ratio test inputs
 * (tests/testthat/testdata_funnel_ratio_inputs.csv) whose significance its tests give.
 */

const view = (argv: string[]) => cliView([funnelTemplate], ['funnel', ...argv]);

describe('view funnel', () => {
  it('proportions: the documented example, its baseline, significance and limits', async () => {
    const file = fixture('funnel_prop.csv', ['Area,numerator,denominator', 'A,10232,15232', 'B,12321,16123', 'C,15123,17932', 'D,13213,18475'].join('\n'));
    const { json, err } = await view(['--data', file, '--map', 'unit=Area', '--map', 'numerator=numerator', '--map', 'denominator=denominator']);
    expect(err).toEqual([]);
    expect(Object.keys(json)).toEqual(['baseline', 'points', 'limits']);
    const average = (10232 + 12321 + 15123 + 13213) / (15232 + 16123 + 17932 + 18475);
    expect(json.baseline).toBeCloseTo(average * 100, 12);
    const points = rowsOf(json.points);
    expect(points.map((p) => [p.unit, p.significance])).toEqual([
      ['A', 'Low (0.001)'],
      ['B', 'High (0.001)'],
      ['C', 'High (0.001)'],
      ['D', 'Low (0.001)'],
    ]);
    expect(Object.keys(points[0]!)).toEqual(['unit', 'numerator', 'denominator', 'value', 'significance']);
    expect(points[0]).toMatchObject({ numerator: 10232, denominator: 15232 });
    expect(points[0]!.value).toBeCloseTo((10232 / 15232) * 100, 12);
    const limits = rowsOf(json.limits);
    // Denominators 15,232–18,475 span less than a factor of two: the axis runs from a neat 10,000 to 20,000.
    expect(limits).toHaveLength(100);
    expect(limits[0]!.denominator).toBe(10000);
    expect(limits.at(-1)!.denominator).toBe(20000);
    const at = proportionLimits(average, 10000, 100);
    expect(limits[0]).toEqual({ denominator: 10000, lower95: at.lower95, upper95: at.upper95, lower998: at.lower998, upper998: at.upper998 });
  });

  it('ratios: observed against expected, as a plain ratio or as ISR × 100', async () => {
    const file = fixture(
      'funnel_ratio.csv',
      [
        'trust,obs,expected',
        'T1,8,6.239860227',
        'T2,151,106.4429719',
        'T3,159,232.9329036',
        'T4,191,184.0963855',
        'T5,150,119.5695496',
        'T6,0,240.6273499',
      ].join('\n'),
    );
    const base = ['--data', file, '--map', 'unit=trust', '--map', 'numerator=obs', '--map', 'denominator=expected', '--param', 'statistic=ratio'];
    const { json } = await view(base);
    expect(json.baseline).toBe(1);
    const points = rowsOf(json.points);
    expect(points.map((p) => p.significance)).toEqual(['Not significant', 'High (0.001)', 'Low (0.001)', 'Not significant', 'High (0.025)', 'Low (0.001)']);
    expect(points[1]!.value).toBeCloseTo(151 / 106.4429719, 12);
    const limits = rowsOf(json.limits);
    const exact = ratioLimitsAt(limits[50]!.denominator as number);
    expect(limits[50]!.upper998).toBe(exact.upper998);

    const isr = await view([...base, '--param', 'ratioType=isr']);
    expect(isr.json.baseline).toBe(100);
    expect(rowsOf(isr.json.points)[1]!.value).toBeCloseTo((151 / 106.4429719) * 100, 10);
  });

  it('DSRs: one row per unit, fewer than 10 events not assessed', async () => {
    // Rows of PHEindicatormethods' testdata_funnel_rate_dsr_inputs.csv (count, DSR per 100,000, population).
    const file = fixture(
      'funnel_dsr.csv',
      ['area,count,dsr,pop', 'A,2419,907.6174266,264102', 'B,2111,710.2689402,307381', 'C,1332,469.5645784,281425', 'D,6,300,2000'].join('\n'),
    );
    const { json, err } = await view([
      '--data',
      file,
      '--map',
      'unit=area',
      '--map',
      'numerator=count',
      '--map',
      'rate=dsr',
      '--map',
      'denominator=pop',
      '--param',
      'statistic=rate',
      '--param',
      'rateType=dsr',
    ]);
    const points = rowsOf(json.points);
    expect(points.map((p) => p.significance)).toEqual(['High (0.001)', 'Not significant', 'Low (0.001)', 'Not applicable for events less than 10 for dsrs']);
    expect(points[3]).toMatchObject({ value: null, denominator: null });
    expect(points[0]!.denominator).toBeCloseTo((1e5 * 2419) / 907.6174266, 9);
    expect(err.join(' ')).toMatch(/1 unit with fewer than 10 events/);
  });

  it('refuses a missing denominator and a DSR given twice for a unit', async () => {
    const file = fixture('funnel_bad.csv', ['area,count,dsr', 'A,20,100', 'A,30,120', 'B,25,90'].join('\n'));
    await expect(view(['--data', file, '--map', 'numerator=count'])).rejects.toThrow(/Map the denominator column/);
    await expect(
      view(['--data', file, '--map', 'unit=area', '--map', 'numerator=count', '--map', 'rate=dsr', '--param', 'statistic=rate', '--param', 'rateType=dsr']),
    ).rejects.toThrow(/A has 2 rows: a standardised rate cannot be added up/);
  });
});

describe('funnel chart', () => {
  it('renders to SVG with limit curves and labelled outliers only', () => {
    const result = computeFunnel(
      [
        { unit: 'North', numerator: 10232, denominator: 15232 },
        { unit: 'South', numerator: 12321, denominator: 16123 },
        { unit: 'Mid', numerator: 12000, denominator: 16700 },
      ],
      { statistic: 'proportion', multiplier: 100, ratioType: 'ratio', rateType: 'crude' },
    );
    const svg = renderChartSvg(funnelChartOption(result, { title: 'A&E within 4 hours', denominatorLabel: 'Attendances' }), { width: 800, height: 500 });
    expect(svg).toContain('A&amp;E within 4 hours');
    expect(svg).toContain('99.8% limits');
    expect(result.points.map((p) => p.significance)).toEqual(['Low (0.001)', 'High (0.001)', 'Not significant']);
    expect(svg).toMatch(/>North</);
    expect(svg).toMatch(/>South</);
    expect(svg).not.toMatch(/>Mid</);
  });
});
