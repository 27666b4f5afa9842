import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, num, parseRows, readCsvObjects, readText } from './helpers';

const HEADER = ['Indicator Code', 'Indicator Name', 'Unit', 'Direction', 'Org Code', 'Org Name', 'Period', 'Numerator', 'Denominator', 'Value'];
const MULTIPLIER: Record<string, number> = { 'per 1,000 population': 1000, 'per 100,000 population': 100000, '%': 100, '£ per head': 1 };

let lines: string[] = [];
let header: string[] = [];
let data: string[][] = [];
let footer: string[] = [];

beforeAll(() => {
  lines = readText('peer_indicators.csv').split('\n');
  lines.pop(); // final newline
  const blank = lines.indexOf('');
  footer = lines.slice(blank + 1);
  const rows = parseRows(lines.slice(0, blank).join('\n'));
  header = rows[0] ?? [];
  data = rows.slice(1);
});

const field = (r: string[], name: string): string => r[HEADER.indexOf(name)] ?? '';

describe('peer_indicators.csv', () => {
  it('is long format with the documented columns and footnote lines below a blank line', () => {
    expect(header).toEqual(HEADER);
    expect(data.every((r) => r.length === 10)).toBe(true);
    expect(footer.length).toBeGreaterThanOrEqual(2);
    expect(footer[0]).toMatch(/^Source: /);
    expect(footer.slice(1).every((l) => l.startsWith('Note: '))).toBe(true);
  });

  it('has at least 10 indicators, each with a unit, a direction and every CCG for each period', () => {
    const codes = new Set(data.map((r) => field(r, 'Indicator Code')));
    expect(codes.size).toBeGreaterThanOrEqual(10);
    const ccgs = new Set(readCsvObjects('ccg_demographics.csv').rows.map((d) => d.ccg_code));
    for (const code of codes) {
      const rows = data.filter((r) => field(r, 'Indicator Code') === code);
      expect(new Set(rows.map((r) => field(r, 'Unit'))).size).toBe(1);
      expect(Object.keys(MULTIPLIER)).toContain(field(rows[0] ?? [], 'Unit'));
      expect(['lower', 'higher']).toContain(field(rows[0] ?? [], 'Direction'));
      for (const period of ['2015/16', '2016/17']) {
        expect(new Set(rows.filter((r) => field(r, 'Period') === period).map((r) => field(r, 'Org Code')))).toEqual(ccgs);
      }
    }
    const directions = new Set(data.map((r) => field(r, 'Direction')));
    expect(directions).toEqual(new Set(['lower', 'higher']));
    expect(codes.has('SCR_BREAST_PCT') || codes.has('SCR_CERV_PCT')).toBe(true);
  });

  it('has a couple of missing values marked `..`', () => {
    const missing = data.filter((r) => field(r, 'Value') === '..');
    expect(missing.length).toBeGreaterThanOrEqual(2);
    expect(missing.length).toBeLessThanOrEqual(5);
    for (const r of missing) {
      expect(field(r, 'Numerator')).toBe('..');
      expect(field(r, 'Denominator')).toBe('..');
    }
  });

  it('value = numerator / denominator × multiplier wherever numbers are given', () => {
    for (const r of data) {
      if (field(r, 'Value') === '..') continue;
      const value = field(r, 'Value');
      const decimals = value.split('.')[1]?.length ?? 0;
      const expected = (num(field(r, 'Numerator')) / num(field(r, 'Denominator'))) * (MULTIPLIER[field(r, 'Unit')] ?? NaN);
      expect(Math.abs(num(value) - expected)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
      if (field(r, 'Unit') === '%') {
        expect(num(value)).toBeGreaterThan(0);
        expect(num(value)).toBeLessThan(100);
      }
    }
  });

  it('activity numerators agree with activity.csv and spend numerators with the spend workbook', () => {
    const activity = readCsvObjects('activity.csv').rows;
    const aeTotals = new Map<string, number>();
    for (const r of activity) {
      if (r.pod !== 'AE') continue;
      const key = `${r.commissioner_code}|${r.financial_year}`;
      aeTotals.set(key, (aeTotals.get(key) ?? 0) + num(r.activity));
    }
    const ae = data.filter((r) => field(r, 'Indicator Code') === 'AE_ATT_1000');
    expect(ae.length).toBeGreaterThan(30);
    for (const r of ae) {
      expect(num(field(r, 'Numerator'))).toBe(aeTotals.get(`${field(r, 'Org Code')}|${field(r, 'Period')}`));
    }
    const wb = XLSX.read(readFileSync(join(SAMPLE_DIR, 'spend_programme_budgeting.xlsx')));
    const grid = XLSX.utils.sheet_to_json<Array<string | number>>(wb.Sheets['Spend by PBC'] as XLSX.WorkSheet, { header: 1, blankrows: true }).slice(3);
    for (const r of data.filter((x) => field(x, 'Indicator Code') === 'SPEND_CIRC_HEAD')) {
      const rows = grid.filter((g) => g[0] === field(r, 'Period') && g[1] === field(r, 'Org Code') && g[5] === 10);
      expect(rows).toHaveLength(1);
      expect(num(field(r, 'Numerator'))).toBe(Math.round((rows[0]?.[11] as number) * 1000));
      expect(num(field(r, 'Denominator'))).toBe(rows[0]?.[4]);
    }
  });
});
