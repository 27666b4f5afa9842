import { describe, expect, it } from 'vitest';
import { spcTemplate } from '../../src-shared/analysis/spc/template';
import { renderChartSvg } from '../../src-shared/charts/render-svg';
import { cliView, fixture, rowsOf } from './view-test-helpers';

/*
 * The SPC view through the CLI (`view spc … --json`): the shape the issue
 * asks for, with the figures of the XmR engine's reference cases
 * (../shared/DOMAIN.md's worked example; NHSRplotthedots' deviations vignette).
 */

const WORKED = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];
const day = (i: number) => new Date(Date.UTC(2021, 2, 22 + i)).toISOString().slice(0, 10);

describe('view spc', () => {
  it('prints points and a summary for one series: the worked example (mean 1.94, limits 4.60 and −0.72)', async () => {
    const file = fixture('spc_worked.csv', ['date,value', ...WORKED.map((v, i) => `${day(i)},${v}`)].join('\n'));
    const { json } = await cliView([spcTemplate], ['spc', '--data', file, '--map', 'period=date', '--map', 'value=value']);
    const points = rowsOf(json.points);
    expect(points).toHaveLength(18);
    expect(Object.keys(points[0]!)).toEqual(['facet', 'period', 'value', 'mean', 'lpl', 'upl', 'pointType']);
    expect(points[0]).toMatchObject({ facet: null, period: '2021-03-22', value: 1 });
    expect(points[0]!.mean).toBeCloseTo(35 / 18, 12);
    expect(points[0]!.upl).toBeCloseTo(4.6044444, 7);
    expect(points[0]!.lpl).toBeCloseTo(-0.7155556, 7);
    expect(points.map((p) => p.pointType)).toEqual(WORKED.map((_, i) => (i === 4 ? 'special_cause_improvement' : 'common_cause')));
    expect(json.summary).toEqual([{ facet: null, variation: 'common_cause', assurance: null }]);
  });

  it('facets, a target column, the improvement direction, a rebase and monthly text periods', async () => {
    const months = Array.from({ length: 24 }, (_, i) => `${2019 + Math.floor((i + 3) / 12)}-${String(((i + 3) % 12) + 1).padStart(2, '0')}`);
    const steady = [5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 20];
    const lines = ['measure,month,value,target'];
    months.forEach((m, i) => lines.push(`Breaches,${m},${steady[i]},2`));
    months.forEach((m, i) => lines.push(`Stepped,${m},${i < 12 ? 10 + (i % 2) : 30 + (i % 2)},`));
    const file = fixture('spc_facets.csv', lines.join('\n'));
    const { json, err } = await cliView(
      [spcTemplate],
      [
        'spc',
        '--data',
        file,
        '--map',
        'period=month',
        '--map',
        'value=value',
        '--map',
        'facet=measure',
        '--map',
        'target=target',
        '--param',
        'improvement=decrease',
        '--param',
        'rebase=2020-04-01',
      ],
    );
    expect(err).toEqual([]);
    const points = rowsOf(json.points);
    expect(points).toHaveLength(48);
    expect(points[0]).toMatchObject({ facet: 'Breaches', period: '2019-04-01' });
    // Breaches: the last month (20) is above the limits — a concern when lower is better — and the target of 2 is
    // below the lower limit: consistently failing.
    expect(points[23]).toMatchObject({ facet: 'Breaches', value: 20, pointType: 'special_cause_concern' });
    // Stepped: rebased at April 2020, so each year has its own mean and no point is special cause.
    const stepped = points.filter((p) => p.facet === 'Stepped');
    expect(stepped[0]!.mean).toBe(10.5);
    expect(stepped[12]!.mean).toBe(30.5);
    expect(new Set(stepped.map((p) => p.pointType))).toEqual(new Set(['common_cause']));
    expect(json.summary).toEqual([
      { facet: 'Breaches', variation: 'special_cause_concern', assurance: 'consistent_fail' },
      { facet: 'Stepped', variation: 'common_cause', assurance: null },
    ]);
  });

  it('refuses two values for one period, naming them', async () => {
    const file = fixture('spc_dupes.csv', 'date,value\n2021-01-01,1\n2021-01-01,2\n2021-01-02,3\n');
    await expect(cliView([spcTemplate], ['spc', '--data', file, '--map', 'period=date', '--map', 'value=value'])).rejects.toThrow(
      'The series has two values for 2021-01-01: an SPC chart takes one value per period (map a facet, or aggregate first).',
    );
  });

  it('draws the chart with coloured special-cause points and both icons in the SVG', async () => {
    const file = fixture('spc_icons.csv', ['date,value,target', ...WORKED.map((v, i) => `${day(i)},${v},-2`)].join('\n'));
    const { runSpecOutput } = await import('./spc-view-helpers');
    const result = await runSpecOutput(file);
    const svg = renderChartSvg(result.charts[0]!.option, { width: 960, height: 540 });
    // The improvement point (value 10) in Making Data Count's blue; the icons: common cause (~) and passing (P).
    expect(svg).toMatch(/<path [^>]*fill="#00B0F0"/);
    expect(svg).toMatch(/stroke="#A6A6A6"[^>]*>[\s\S]*?>~<\/text>/);
    expect(svg).toMatch(/stroke="#00B0F0"[^>]*>[\s\S]*?>P<\/text>/);
    expect(svg).toContain('>Common cause ');
    expect(svg).toContain('>Consistently ');
  });
});
