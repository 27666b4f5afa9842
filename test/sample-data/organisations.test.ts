import { describe, expect, it } from 'vitest';
import { HOME, num, readCsvObjects, sum } from './helpers';

describe('ccg_demographics.csv', () => {
  const { header, rows } = readCsvObjects('ccg_demographics.csv');

  it('has the peer-grouping variables for the home CCG and at least 15 others', () => {
    expect(header).toEqual([
      'ccg_code',
      'ccg_name',
      'region',
      'population',
      'weighted_population',
      'imd_score',
      'pct_aged_65_plus',
      'pct_aged_85_plus',
      'pct_rural',
      'density_per_km2',
      'pct_minority_ethnic',
    ]);
    expect(rows.length).toBeGreaterThanOrEqual(16);
    expect(new Set(rows.map((r) => r.ccg_code)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.ccg_code).toMatch(/^\d{2}[A-Z]$/);
      expect(r.ccg_name).toMatch(/^NHS .+ CCG$/);
      expect(num(r.population)).toBeGreaterThan(100000);
      expect(num(r.weighted_population) / num(r.population)).toBeGreaterThan(0.85);
      expect(num(r.weighted_population) / num(r.population)).toBeLessThan(1.2);
      for (const pct of ['pct_aged_65_plus', 'pct_aged_85_plus', 'pct_rural', 'pct_minority_ethnic']) {
        expect(num(r[pct])).toBeGreaterThanOrEqual(0);
        expect(num(r[pct])).toBeLessThan(100);
      }
      expect(num(r.pct_aged_85_plus)).toBeLessThan(num(r.pct_aged_65_plus));
    }
  });

  it('models the home CCG on Somerset: about 560,000 people, older than average', () => {
    const home = rows.find((r) => r.ccg_code === HOME);
    expect(home?.ccg_name).toBe('NHS Somerset CCG');
    expect(num(home?.population)).toBeGreaterThan(540000);
    expect(num(home?.population)).toBeLessThan(580000);
    const others = rows.filter((r) => r.ccg_code !== HOME);
    const mean65 = sum(others.map((r) => num(r.pct_aged_65_plus))) / others.length;
    expect(num(home?.pct_aged_65_plus)).toBeGreaterThan(mean65);
    expect(num(home?.weighted_population)).toBeGreaterThan(num(home?.population));
  });
});

describe('organisations.csv', () => {
  const { rows } = readCsvObjects('organisations.csv');
  const byCode = new Map(rows.map((r) => [r.org_code, r]));

  it('lists the home system organisations with ODS and ONS codes', () => {
    expect(byCode.get('RBA')?.org_name).toBe('Taunton and Somerset NHS Foundation Trust');
    expect(byCode.get('RA4')?.org_name).toBe('Yeovil District Hospital NHS Foundation Trust');
    expect(byCode.get('RH5')?.org_name).toBe('Somerset Partnership NHS Foundation Trust');
    expect(byCode.get('E10000027')?.org_type).toBe('Local authority');
    expect(
      rows
        .filter((r) => r.home_system === 'Y')
        .map((r) => r.org_code)
        .sort(),
    ).toEqual(['11X', 'E10000027', 'RA4', 'RBA', 'RH5']);
    for (const r of rows.filter((x) => x.org_type === 'Local authority')) {
      expect(r.org_code).toMatch(/^E(06|10)\d{6}$/);
      expect(num(r.population_18_plus)).toBeLessThan(num(r.population));
    }
    expect(rows.filter((r) => r.org_type === 'Acute trust').length).toBeGreaterThanOrEqual(3);
  });

  it('covers every organisation code used in the activity file', () => {
    const activity = readCsvObjects('activity.csv').rows;
    const used = new Set(activity.flatMap((r) => [r.commissioner_code, r.provider_code]));
    for (const code of used) expect(byCode.has(code)).toBe(true);
    for (const r of activity.slice(0, 2000)) expect(byCode.get(r.provider_code)?.org_name).toBe(r.provider_name);
  });
});
