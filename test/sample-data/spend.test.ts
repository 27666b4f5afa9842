import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOME, SAMPLE_DIR, num, peersOf, readCsvObjects, sum } from './helpers';

const HEADER = [
  'Financial Year',
  'CCG Code',
  'CCG Name',
  'Population',
  'Weighted Population',
  'PBC Code',
  'Programme Budgeting Category',
  'Primary Care Prescribing (£000s)',
  'Acute (£000s)',
  'Community and Mental Health (£000s)',
  'Other (£000s)',
  'Total (£000s)',
];
const PBCS = [
  'Infectious diseases',
  'Cancers and tumours',
  'Disorders of blood',
  'Endocrine nutritional and metabolic problems',
  'Mental health disorders',
  'Problems of learning disability',
  'Neurological',
  'Problems of vision',
  'Problems of hearing',
  'Problems of circulation',
  'Problems of the respiratory system',
  'Dental problems',
  'Problems of the gastro-intestinal system',
  'Problems of the skin',
  'Problems of the musculo-skeletal system',
  'Problems due to trauma and injuries',
  'Problems of the genito-urinary system',
  'Maternity and reproductive health',
  'Conditions of neonates',
  'Adverse effects and poisoning',
  'Healthy individuals',
  'Social care needs',
  'Other',
];
const PEER_VARS = ['imd_score', 'pct_aged_65_plus', 'pct_aged_85_plus', 'pct_rural', 'density_per_km2', 'pct_minority_ethnic'];

type Cell = string | number | undefined;
let wb: XLSX.WorkBook;
let grid: Cell[][] = [];
let data: Cell[][] = [];

beforeAll(() => {
  wb = XLSX.read(readFileSync(join(SAMPLE_DIR, 'spend_programme_budgeting.xlsx')));
  const ws = wb.Sheets['Spend by PBC'];
  if (!ws) throw new Error('missing sheet');
  grid = XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, blankrows: true, defval: undefined });
  data = grid.slice(3);
});

/** £ per weighted head for a CCG, year and column (7–11). */
function perHead(ccg: string, fy: string, col: number): number {
  const rows = data.filter((r) => r[1] === ccg && r[0] === fy);
  return (sum(rows.map((r) => r[col] as number)) * 1000) / (rows[0]?.[4] as number);
}

describe('spend_programme_budgeting.xlsx', () => {
  it('has a data sheet with a title row, a blank row and the header on row 3, plus a Notes sheet', () => {
    expect(wb.SheetNames).toEqual(['Spend by PBC', 'Notes']);
    expect(String(grid[0]?.[0])).toMatch(/Programme budgeting spend.*£000s/);
    expect((grid[1] ?? []).filter((c) => c !== undefined && c !== '')).toEqual([]);
    expect(grid[2]).toEqual(HEADER);
    const notes = XLSX.utils
      .sheet_to_json<string[]>(wb.Sheets.Notes as XLSX.WorkSheet, { header: 1 })
      .flat()
      .join('\n');
    expect(notes).toMatch(/£000s/);
    expect(notes).toMatch(/SYNTHETIC/);
  });

  it('has all 23 programme budgeting categories, coded 1–23, for every CCG and two financial years', () => {
    const pbcs = new Map(data.map((r) => [r[5], r[6]]));
    expect([...pbcs.keys()]).toEqual(PBCS.map((_, i) => i + 1));
    expect([...pbcs.values()]).toEqual(PBCS);
    const demo = readCsvObjects('ccg_demographics.csv').rows;
    expect(new Set(data.map((r) => r[0]))).toEqual(new Set(['2015/16', '2016/17']));
    expect(new Set(data.map((r) => r[1]))).toEqual(new Set(demo.map((d) => d.ccg_code)));
    expect(data.length).toBe(2 * 23 * demo.length);
    // populations in 2016/17 match ccg_demographics.csv
    for (const d of demo) {
      const row = data.find((r) => r[1] === d.ccg_code && r[0] === '2016/17');
      expect(row?.[3]).toBe(num(d.population));
      expect(row?.[4]).toBe(num(d.weighted_population));
    }
  });

  it('stores numbers as numbers with totals equal to the sum of the settings', () => {
    for (const r of data) {
      for (let c = 7; c <= 11; c++) {
        expect(typeof r[c]).toBe('number');
        expect(r[c] as number).toBeGreaterThanOrEqual(0);
      }
      const parts = sum([7, 8, 9, 10].map((c) => r[c] as number));
      expect(Math.abs(parts - (r[11] as number))).toBeLessThan(0.051);
    }
  });

  it('has a total of about £1,100–£1,600 per weighted head', () => {
    for (const ccg of new Set(data.map((r) => r[1] as string))) {
      for (const fy of ['2015/16', '2016/17']) {
        const total = perHead(ccg, fy, 11);
        expect(total).toBeGreaterThan(1100);
        expect(total).toBeLessThan(1600);
      }
    }
  });

  it('puts Somerset acute ~5% above and prescribing ~12% below its demographic peers (DOMAIN.md)', () => {
    const demo = readCsvObjects('ccg_demographics.csv').rows;
    const peers = peersOf(HOME, demo, PEER_VARS);
    expect(peers).toHaveLength(10);
    for (const urban of ['07T', '99A', '00T']) expect(peers).not.toContain(urban);
    const ratio = (col: number): number => perHead(HOME, '2016/17', col) / (sum(peers.map((p) => perHead(p, '2016/17', col))) / peers.length);
    expect(ratio(8)).toBeGreaterThan(1.03);
    expect(ratio(8)).toBeLessThan(1.07);
    expect(ratio(7)).toBeGreaterThan(0.86);
    expect(ratio(7)).toBeLessThan(0.9);
    expect(ratio(9)).toBeGreaterThan(0.97);
    expect(ratio(9)).toBeLessThan(1.03);
    // Somerset acute per (unweighted) head is close to the plan's £662
    const rows = data.filter((r) => r[1] === HOME && r[0] === '2016/17');
    const acutePerHead = (sum(rows.map((r) => r[8] as number)) * 1000) / (rows[0]?.[3] as number);
    expect(acutePerHead).toBeGreaterThan(600);
    expect(acutePerHead).toBeLessThan(730);
  });
});
