import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOME, SAMPLE_DIR, fySlash, fyStartOf, groupSum, monthList, num, readCsvObjects, sum } from './helpers';

const HEADER = [
  'commissioner_code',
  'commissioner_name',
  'provider_code',
  'provider_name',
  'pod',
  'pod_description',
  'month',
  'financial_year',
  'activity',
  'cost_gbp',
];
const PODS = ['AE', 'NEL', 'EL', 'DC', 'OPFA', 'OPFU', 'OPPROC', 'COM', 'MH'];

interface Row {
  ccg: string;
  provider: string;
  pod: string;
  month: string;
  fy: string;
  activity: number;
  cost: number;
}

let header: string[] = [];
let raw: Record<string, string>[] = [];
let rows: Row[] = [];

/** Home CCG total for pods in a financial year ('2016/17'). */
function homeTotal(fy: string, ...pods: string[]): number {
  return sum(rows.filter((r) => r.ccg === HOME && r.fy === fy && pods.includes(r.pod)).map((r) => r.activity));
}

/** Home CCG total for pods in a month ('2016-04-01'). */
function homeMonth(month: string, ...pods: string[]): number {
  return sum(rows.filter((r) => r.ccg === HOME && r.month === month && pods.includes(r.pod)).map((r) => r.activity));
}

const iso = (y: number, m: number): string => `${y}-${String(m).padStart(2, '0')}-01`;

beforeAll(() => {
  ({ header, rows: raw } = readCsvObjects('activity.csv'));
  rows = raw.map((r) => ({
    ccg: r.commissioner_code ?? '',
    provider: r.provider_code ?? '',
    pod: r.pod ?? '',
    month: r.month ?? '',
    fy: r.financial_year ?? '',
    activity: num(r.activity),
    cost: num(r.cost_gbp),
  }));
});

describe('activity.csv shape', () => {
  it('has the documented tidy columns and at least 50,000 rows', () => {
    expect(header).toEqual(HEADER);
    expect(rows.length).toBeGreaterThanOrEqual(50000);
    expect(raw.every((r) => Object.keys(r).length === 10)).toBe(true);
  });

  it('covers every month April 2014 – March 2021 for every commissioner × provider × pod', () => {
    const expected = monthList(2014, 4, 2021, 3).map(([y, m]) => iso(y, m));
    expect(expected.length).toBe(84);
    expect([...new Set(rows.map((r) => r.month))].sort()).toEqual(expected);
    const perCell = groupSum(
      rows,
      (r) => `${r.ccg}|${r.provider}|${r.pod}`,
      () => 1,
    );
    expect([...new Set(perCell.values())]).toEqual([84]);
    // no duplicate keys
    expect(new Set(rows.map((r) => `${r.ccg}|${r.provider}|${r.pod}|${r.month}`)).size).toBe(rows.length);
  });

  it('labels financial years correctly (January–March belong to the previous April)', () => {
    for (const r of rows) {
      const [y, m] = r.month.split('-').map(Number) as [number, number];
      expect(r.fy).toBe(fySlash(fyStartOf(y, m)));
    }
  });

  it('uses the nine points of delivery with one description each', () => {
    expect([...new Set(rows.map((r) => r.pod))].sort()).toEqual([...PODS].sort());
    const descriptions = new Map<string, Set<string>>();
    for (const r of raw) descriptions.set(r.pod ?? '', (descriptions.get(r.pod ?? '') ?? new Set()).add(r.pod_description ?? ''));
    for (const set of descriptions.values()) expect(set.size).toBe(1);
    expect([...(descriptions.get('AE') ?? [])]).toEqual(['A&E attendance']);
  });

  it('has the home CCG and at least 15 other CCGs, all with ODS-style codes', () => {
    const ccgs = new Set(rows.map((r) => r.ccg));
    expect(ccgs.has(HOME)).toBe(true);
    expect(ccgs.size - 1).toBeGreaterThanOrEqual(15);
    for (const c of ccgs) expect(c).toMatch(/^\d{2}[A-Z]$/);
    for (const r of raw) expect(r.provider_code).toMatch(/^[A-Z0-9]{3}$/);
    const homeProviders = new Set(rows.filter((r) => r.ccg === HOME).map((r) => r.provider));
    for (const p of ['RBA', 'RA4', 'RH5', 'RD1']) expect(homeProviders.has(p)).toBe(true);
  });

  it('has whole non-negative counts and plain £ costs in line with unit prices', () => {
    for (const r of raw) {
      expect(r.activity).toMatch(/^\d+$/);
      expect(r.cost_gbp).toMatch(/^\d+\.\d{2}$/);
    }
    const unit = (pod: string): number => {
      const sel = rows.filter((r) => r.pod === pod && r.fy === '2016/17');
      return sum(sel.map((r) => r.cost)) / sum(sel.map((r) => r.activity));
    };
    expect(unit('AE')).toBeGreaterThan(100);
    expect(unit('AE')).toBeLessThan(250);
    expect(unit('NEL')).toBeGreaterThan(1200);
    expect(unit('NEL')).toBeLessThan(2500);
    expect(unit('EL')).toBeGreaterThan(2500);
    expect(unit('DC')).toBeLessThan(unit('EL'));
    expect(unit('OPFU')).toBeLessThan(unit('OPFA'));
    for (const r of rows) if (r.activity === 0) expect(r.cost).toBe(0);
  });
});

describe('activity.csv against DOMAIN.md (Somerset)', () => {
  it('matches the home CCG 2016/17 totals within 3%', () => {
    const within = (actual: number, target: number): void => {
      expect(Math.abs(actual / target - 1)).toBeLessThan(0.03);
    };
    within(homeTotal('2016/17', 'AE'), 226564);
    within(homeTotal('2016/17', 'NEL'), 72991);
    within(homeTotal('2016/17', 'EL', 'DC'), 90162);
    within(homeTotal('2016/17', 'OPFA', 'OPFU', 'OPPROC'), 760303);
    within(homeTotal('2016/17', 'COM'), 902781);
    within(homeTotal('2016/17', 'MH'), 212426);
  });

  it('grows each year at about the published rates before COVID-19', () => {
    const cagr = (...pods: string[]): number => (homeTotal('2019/20', ...pods) / homeTotal('2016/17', ...pods)) ** (1 / 3) - 1;
    // 2019/20 includes the March 2020 dip, so allow a little below the underlying rate.
    const near = (value: number, rate: number): void => {
      expect(value).toBeGreaterThan(rate - 0.012);
      expect(value).toBeLessThan(rate + 0.01);
    };
    near(cagr('AE'), 0.03);
    near(cagr('NEL'), 0.027);
    near(cagr('EL', 'DC'), 0.017);
    near(cagr('OPFA', 'OPFU', 'OPPROC'), 0.016);
    near(cagr('COM'), 0.028);
    near(cagr('MH'), 0.015);
    for (const fy of ['2015/16', '2016/17', '2017/18', '2018/19']) {
      const [start] = fy.split('/').map(Number) as [number];
      expect(homeTotal(fy, 'NEL')).toBeGreaterThan(homeTotal(fySlash(start - 1), 'NEL'));
      expect(homeTotal(fy, 'AE')).toBeGreaterThan(homeTotal(fySlash(start - 1), 'AE'));
    }
  });

  it('has winter peaks for non-elective admissions and A&E, and August/December dips for planned care', () => {
    for (const start of [2014, 2015, 2016, 2017, 2018, 2019]) {
      const winter =
        sum(
          [
            [start, 12],
            [start + 1, 1],
            [start + 1, 3],
          ].map(([y, m]) => homeMonth(iso(y ?? 0, m ?? 0), 'NEL')),
        ) / 3;
      const summer = sum([6, 7, 8, 9].map((m) => homeMonth(iso(start, m), 'NEL'))) / 4;
      expect(winter / summer).toBeGreaterThan(1.05);
      const aeWinter =
        sum(
          [
            [start, 12],
            [start + 1, 1],
            [start + 1, 3],
          ].map(([y, m]) => homeMonth(iso(y ?? 0, m ?? 0), 'AE')),
        ) / 3;
      const aeAutumn = sum([8, 9, 11].map((m) => homeMonth(iso(start, m), 'AE'))) / 3;
      expect(aeWinter).toBeGreaterThan(aeAutumn);
      if (start <= 2018) {
        expect(homeMonth(iso(start, 8), 'EL', 'DC')).toBeLessThan(homeMonth(iso(start, 7), 'EL', 'DC'));
        expect(homeMonth(iso(start, 12), 'EL', 'DC')).toBeLessThan(homeMonth(iso(start, 11), 'EL', 'DC'));
        expect(homeMonth(iso(start, 8), 'OPFA', 'OPFU')).toBeLessThan(homeMonth(iso(start, 7), 'OPFA', 'OPFU'));
        expect(homeMonth(iso(start, 12), 'OPFA', 'OPFU')).toBeLessThan(homeMonth(iso(start, 11), 'OPFA', 'OPFU'));
      }
    }
  });

  it('shows the COVID-19 drop in 2020/21', () => {
    const change = (...pods: string[]): number => homeTotal('2020/21', ...pods) / homeTotal('2019/20', ...pods) - 1;
    expect(change('AE')).toBeGreaterThan(-0.4);
    expect(change('AE')).toBeLessThan(-0.2);
    expect(change('EL', 'DC')).toBeLessThan(-0.25);
    expect(change('OPFA', 'OPFU', 'OPPROC')).toBeLessThan(-0.15);
    expect(change('NEL')).toBeLessThan(-0.05);
    expect(homeMonth('2020-04-01', 'EL', 'DC') / homeMonth('2019-04-01', 'EL', 'DC')).toBeLessThan(0.4);
    expect(homeMonth('2020-04-01', 'AE') / homeMonth('2019-04-01', 'AE')).toBeLessThan(0.6);
  });

  it('scales other CCGs by population (A&E per head within a plausible band of the home CCG)', () => {
    const demo = readCsvObjects('ccg_demographics.csv').rows;
    const pop = new Map(demo.map((d) => [d.ccg_code ?? '', num(d.population)]));
    const ae = groupSum(
      rows.filter((r) => r.fy === '2016/17' && r.pod === 'AE'),
      (r) => r.ccg,
      (r) => r.activity,
    );
    const homeRate = (ae.get(HOME) ?? 0) / (pop.get(HOME) ?? 1);
    expect(ae.size).toBe(pop.size);
    for (const [ccg, total] of ae) {
      const ratio = total / (pop.get(ccg) ?? 1) / homeRate;
      expect(ratio).toBeGreaterThan(0.7);
      expect(ratio).toBeLessThan(1.45);
    }
  });
});

describe('activity.parquet', () => {
  it('is a typed copy of activity.csv', async () => {
    const bytes = readFileSync(join(SAMPLE_DIR, 'activity.parquet'));
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const metadata = parquetMetadata(file);
    expect(Number(metadata.num_rows)).toBe(rows.length);
    expect(metadata.schema.slice(1).map((s) => s.name)).toEqual(HEADER);
    const objects = (await parquetReadObjects({ file })) as Array<Record<string, unknown>>;
    expect(objects.length).toBe(rows.length);
    for (let i = 0; i < objects.length; i += 211) {
      const p = objects[i] ?? {};
      const c = raw[i] ?? {};
      for (const col of ['commissioner_code', 'commissioner_name', 'provider_code', 'provider_name', 'pod', 'pod_description', 'financial_year']) {
        expect(p[col]).toBe(c[col]);
      }
      expect((p.month as Date).toISOString().slice(0, 10)).toBe(c.month);
      expect(p.activity).toBe(num(c.activity));
      expect(p.cost_gbp).toBe(num(c.cost_gbp));
    }
    const total = sum(objects.map((o) => o.activity as number));
    expect(total).toBe(sum(rows.map((r) => r.activity)));
  });
});
