import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, parseBracketedPounds, parseRows, sum } from './helpers';

const FILE = 'finance_plan_vs_outturn.csv';
const HEADER = [
  'Organisation Code',
  'Organisation Name',
  'Organisation Type',
  'Financial Year',
  'Month',
  'Month Number',
  'Income Plan (£)',
  'Income Actual (£)',
  'Expenditure Plan (£)',
  'Expenditure Actual (£)',
  'Surplus/(Deficit) Plan (£)',
  'Surplus/(Deficit) Actual (£)',
  'Variance to Plan (£)',
  'YTD Surplus/(Deficit) Actual (£)',
];

let bytes: Buffer;
let lines: string[] = [];
let rows: Record<string, string>[] = [];
let footer: string[] = [];

beforeAll(() => {
  bytes = readFileSync(join(SAMPLE_DIR, FILE));
  lines = new TextDecoder('windows-1252').decode(bytes).split('\r\n');
  lines.pop();
  const h = lines.findIndex((l) => l.startsWith('Organisation Code,'));
  const end = lines.indexOf('', h);
  footer = lines.slice(end + 1);
  const parsed = parseRows(lines.slice(h, end).join('\n'));
  const header = parsed[0] ?? [];
  expect(header).toEqual(HEADER);
  rows = parsed.slice(1).map((r) => Object.fromEntries(header.map((k, i) => [k, r[i] ?? ''])));
});

const money = (r: Record<string, string>, col: string): number => parseBracketedPounds(r[col] ?? '');

describe('finance_plan_vs_outturn.csv', () => {
  it('is Windows-1252 with £ as byte 0xA3, CRLF line endings, title lines and footnotes', () => {
    expect(bytes.includes(0xa3)).toBe(true);
    expect(bytes.includes(Buffer.from([0xc2, 0xa3]))).toBe(false); // not UTF-8
    expect(bytes.toString('latin1').split('\r\n').length).toBe(bytes.toString('latin1').split('\n').length);
    expect(lines[0]).toMatch(/financial plan vs outturn/);
    expect(lines[1]).toMatch(/£/);
    expect(lines[2]).toBe('');
    expect(lines[3]).toBe(HEADER.join(','));
    expect(footer[0]).toMatch(/^Source: /);
    expect(footer.some((l) => l.startsWith('Note: '))).toBe(true);
  });

  it('writes money as £1,234,567 with deficits in brackets and months as Apr-15', () => {
    const moneyCols = HEADER.slice(6);
    let negatives = 0;
    for (const r of rows) {
      for (const c of moneyCols) {
        expect(r[c]).toMatch(/^\(?£\d{1,3}(,\d{3})*\)?$/);
        if (money(r, c) < 0) negatives++;
      }
      expect(r.Month).toMatch(/^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{2}$/);
    }
    expect(negatives).toBeGreaterThan(100);
    expect(rows.filter((r) => r['Organisation Code'] === 'RBA' && r['Financial Year'] === '2015/16').map((r) => r.Month)).toEqual([
      'Apr-15',
      'May-15',
      'Jun-15',
      'Jul-15',
      'Aug-15',
      'Sep-15',
      'Oct-15',
      'Nov-15',
      'Dec-15',
      'Jan-16',
      'Feb-16',
      'Mar-16',
    ]);
  });

  it('is internally consistent: surplus = income − expenditure, variance = actual − plan, YTD accumulates', () => {
    for (const r of rows) {
      expect(money(r, 'Income Plan (£)') - money(r, 'Expenditure Plan (£)')).toBe(money(r, 'Surplus/(Deficit) Plan (£)'));
      expect(money(r, 'Income Actual (£)') - money(r, 'Expenditure Actual (£)')).toBe(money(r, 'Surplus/(Deficit) Actual (£)'));
      expect(money(r, 'Surplus/(Deficit) Actual (£)') - money(r, 'Surplus/(Deficit) Plan (£)')).toBe(money(r, 'Variance to Plan (£)'));
    }
    const series = rows.filter((r) => r['Organisation Code'] === 'RA4' && r['Financial Year'] === '2016/17');
    let ytd = 0;
    for (const r of series) {
      ytd += money(r, 'Surplus/(Deficit) Actual (£)');
      expect(money(r, 'YTD Surplus/(Deficit) Actual (£)')).toBe(ytd);
    }
  });

  it('matches the Somerset 2015/16 outturn in DOMAIN.md exactly', () => {
    const outturn = (code: string): number =>
      sum(rows.filter((r) => r['Organisation Code'] === code && r['Financial Year'] === '2015/16').map((r) => money(r, 'Surplus/(Deficit) Actual (£)')));
    expect(outturn('11X')).toBe(6_500_000);
    expect(outturn('RBA')).toBe(-9_800_000);
    expect(outturn('RH5')).toBe(500_000);
    expect(outturn('RA4')).toBe(-18_600_000);
    expect(outturn('E10000027')).toBe(-6_500_000);
    const march = rows.find((r) => r['Organisation Code'] === 'RA4' && r.Month === 'Mar-16');
    expect(march?.['YTD Surplus/(Deficit) Actual (£)']).toBe('(£18,600,000)');
    // CCG income in the right range (~£700m a year)
    const income = sum(rows.filter((r) => r['Organisation Code'] === '11X' && r['Financial Year'] === '2015/16').map((r) => money(r, 'Income Actual (£)')));
    expect(income).toBeGreaterThan(650e6);
    expect(income).toBeLessThan(800e6);
  });
});
