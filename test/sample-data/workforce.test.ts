import { describe, expect, it } from 'vitest';
import { MONTH_ABBR, monthList, num, readCsvObjects, sum } from './helpers';

const STAFF_GROUPS = [
  'Medical and dental',
  'Nurses and health visitors',
  'Midwives',
  'Ambulance staff',
  'Scientific, therapeutic and technical',
  'Support to clinical staff',
  'NHS infrastructure support',
];
const money = (t: string | undefined): number => {
  expect(t).toMatch(/^\d{1,3}(,\d{3})*$/);
  return num((t ?? '').replace(/,/g, ''));
};

describe('workforce_trusts.csv', () => {
  const { header, rows } = readCsvObjects('workforce_trusts.csv');
  const months = monthList(2016, 4, 2021, 3).map(([y, m]) => `${MONTH_ABBR[m - 1]}-${String(y % 100).padStart(2, '0')}`);

  it('has the documented columns, home trusts, staff groups and Apr-16 style months', () => {
    expect(header).toEqual([
      'Organisation Code',
      'Organisation Name',
      'Month',
      'Staff Group',
      'Staff In Post WTE',
      'Staff In Post Headcount',
      'Vacancies WTE',
      'Funded Establishment WTE',
      'Agency Spend (£)',
      'Total Pay Bill (£)',
      'Staff Aged 55+ Headcount',
    ]);
    expect(new Set(rows.map((r) => r['Organisation Code']))).toEqual(new Set(['RBA', 'RA4', 'RH5']));
    expect(new Set(rows.map((r) => r['Staff Group']))).toEqual(new Set(STAFF_GROUPS));
    expect(months[0]).toBe('Apr-16');
    expect(months).toHaveLength(60);
    const series = new Map<string, string[]>();
    for (const r of rows) {
      const key = `${r['Organisation Code']}|${r['Staff Group']}`;
      series.set(key, [...(series.get(key) ?? []), r.Month ?? '']);
    }
    for (const list of series.values()) expect(list).toEqual(months);
    // a community and mental health trust has no midwives or ambulance staff
    expect(series.has('RH5|Midwives')).toBe(false);
    expect(series.size).toBe(19);
  });

  it('keeps establishment = staff in post + vacancies, with plausible vacancy and agency rates', () => {
    for (const r of rows) {
      const wte = num(r['Staff In Post WTE']);
      const vac = num(r['Vacancies WTE']);
      const est = num(r['Funded Establishment WTE']);
      expect(Math.abs(wte + vac - est)).toBeLessThan(0.011);
      expect(vac / est).toBeGreaterThan(0.02);
      expect(vac / est).toBeLessThan(0.2);
      expect(num(r['Staff In Post Headcount'])).toBeGreaterThanOrEqual(wte);
      const agency = money(r['Agency Spend (£)']);
      const pay = money(r['Total Pay Bill (£)']);
      expect(agency / pay).toBeLessThan(0.2);
      const cost = (pay * 12) / wte;
      expect(cost).toBeGreaterThan(20000);
      expect(cost).toBeLessThan(160000);
    }
  });

  it('suppresses small staff-aged-55+ headcounts with `*` and gives whole numbers otherwise', () => {
    const values = rows.map((r) => r['Staff Aged 55+ Headcount'] ?? '');
    expect(values.filter((v) => v === '*').length).toBeGreaterThan(0);
    for (const r of rows) {
      const v = r['Staff Aged 55+ Headcount'] ?? '';
      if (v === '*') continue;
      expect(v).toMatch(/^\d+$/);
      expect(num(v) === 0 || num(v) > 7).toBe(true);
      expect(num(v)).toBeLessThan(num(r['Staff In Post Headcount']) * 0.4);
    }
  });

  it('has trust sizes like the Somerset trusts', () => {
    const total = (org: string, month: string): number =>
      sum(rows.filter((r) => r['Organisation Code'] === org && r.Month === month).map((r) => num(r['Staff In Post WTE'])));
    expect(total('RBA', 'Apr-16')).toBeGreaterThan(3800);
    expect(total('RBA', 'Apr-16')).toBeLessThan(5000);
    expect(total('RA4', 'Apr-16')).toBeLessThan(total('RBA', 'Apr-16'));
    expect(total('RBA', 'Mar-21')).toBeGreaterThan(total('RBA', 'Apr-16'));
  });
});

describe('workforce_gp_practices.csv', () => {
  const { header, rows } = readCsvObjects('workforce_gp_practices.csv');
  const quarter = (fy: string, q: string) => rows.filter((r) => r['Financial Year'] === fy && r.Quarter === q);
  const total = (list: Record<string, string>[], col: string): number => sum(list.filter((r) => r[col] !== 'ND').map((r) => num(r[col])));

  it('has 60–70 home CCG practices with L85 codes, quarterly 2016/17 Q1 – 2020/21 Q4, UK dates', () => {
    expect(header).toEqual([
      'Practice Code',
      'Practice Name',
      'CCG Code',
      'Financial Year',
      'Quarter',
      'Quarter End Date',
      'Registered Patients',
      'GP Headcount',
      'GP FTE',
      'Nurse FTE',
      'Direct Patient Care FTE',
      'Admin/Non-Clinical FTE',
      'Total FTE',
    ]);
    const practices = new Set(rows.map((r) => r['Practice Code']));
    expect(practices.size).toBeGreaterThanOrEqual(60);
    expect(practices.size).toBeLessThanOrEqual(70);
    for (const r of rows) {
      expect(r['Practice Code']).toMatch(/^L85\d{3}$/);
      expect(r['CCG Code']).toBe('11X');
      expect(r['Quarter End Date']).toMatch(/^(30\/06|30\/09|31\/12|31\/03)\/20\d\d$/);
    }
    expect(new Set(rows.map((r) => `${r['Financial Year']} ${r.Quarter}`)).size).toBe(20);
    expect(quarter('2016/17', 'Q4')[0]?.['Quarter End Date']).toBe('31/03/2017');
  });

  it('marks non-submitted practice-quarters `ND` and has one practice that stops reporting (merger)', () => {
    const nd = rows.filter((r) => r['Total FTE'] === 'ND');
    expect(nd.length).toBeGreaterThanOrEqual(2);
    for (const r of nd) expect(r['Nurse FTE']).toBe('ND');
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r['Practice Code'] ?? '', (counts.get(r['Practice Code'] ?? '') ?? 0) + 1);
    expect([...counts.values()].filter((c) => c < 20)).toHaveLength(1);
  });

  it('follows the Somerset skill-mix plan: GPs down, total workforce up (DOMAIN.md)', () => {
    const first = quarter('2016/17', 'Q1');
    const last = quarter('2020/21', 'Q4');
    const near = (value: number, target: number, tolerance: number): void => {
      expect(Math.abs(value / target - 1)).toBeLessThan(tolerance);
    };
    near(total(first, 'GP FTE'), 310, 0.05);
    near(total(last, 'GP FTE'), 254, 0.05);
    near(total(first, 'GP Headcount'), 414, 0.05);
    near(total(last, 'GP Headcount'), 354, 0.05);
    near(total(first, 'Total FTE'), 1256, 0.06);
    near(total(last, 'Total FTE'), 1905, 0.06);
    near(total(first, 'Registered Patients'), 560000, 0.02);
    expect(total(last, 'Direct Patient Care FTE')).toBeGreaterThan(2.5 * total(first, 'Direct Patient Care FTE'));
    for (const r of rows) {
      if (r['Total FTE'] === 'ND') continue;
      const parts = ['GP FTE', 'Nurse FTE', 'Direct Patient Care FTE', 'Admin/Non-Clinical FTE'].map((c) => num(r[c]));
      expect(Math.abs(sum(parts) - num(r['Total FTE']))).toBeLessThan(0.011);
    }
  });
});
