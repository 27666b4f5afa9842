import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src-main/cli/args';
import { CHART_USAGE, CHART_VALUE_OPTIONS, runChart } from '../../src-main/cli/commands/chart';

describe('runChart (opens and closes its own engine)', () => {
  it('renders an example spec to an SVG file and its data to CSV and XLSX', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-chart-cmd-'));
    const spec = path.resolve(import.meta.dirname, '../../sample-data/examples/nel-admissions-per-1000-ranked.chart.json');
    const [svg, csv, xlsx] = ['c.svg', 'c.csv', 'c.xlsx'].map((f) => path.join(dir, f)) as [string, string, string];
    const out: string[] = [];
    await runChart(parseArgs(['chart', spec, '--out', svg, '--csv', csv, '--xlsx', xlsx], new Set(CHART_VALUE_OPTIONS)), {
      out: (t) => out.push(t),
      err: () => undefined,
    });
    expect(out).toEqual([`Wrote ${svg} (960×640), ${csv} (20 rows), ${xlsx} (20 rows)`]);
    expect(readFileSync(svg, 'utf8')).toContain('>Average of all CCGs: 129.2</text>');
    expect(readFileSync(csv, 'utf8').split('\r\n').slice(0, 3)).toEqual([
      '\uFEFFCCG,"Admissions per 1,000 population"',
      'NHS Liverpool CCG,156.9',
      'NHS Lincolnshire East CCG,143.3',
    ]);
    expect([...readFileSync(xlsx).subarray(0, 2)]).toEqual([0x50, 0x4b]);
    expect(CHART_USAGE.startsWith('chart <spec.chart.json>')).toBe(true);
  });
});
