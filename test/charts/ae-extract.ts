import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';

/**
 * test/fixtures/charts/ae-monthly.csv: three trusts, April 2019 to March 2021,
 * in the layout of NHS England's monthly A&E attendances CSV (blanks where a
 * trust has no type 1 or type 2 department). Four-hour performance by
 * financial year — 100 × (1 − breaches ÷ attendances) over all types — worked
 * out here with papaparse and plain arithmetic, independently of DuckDB.
 */
export const AE_FIXTURE = path.resolve(import.meta.dirname, '../fixtures/charts/ae-monthly.csv');

const RAW = Papa.parse<Record<string, string>>(readFileSync(AE_FIXTURE, 'utf8'), { header: true, skipEmptyLines: true }).data;
const n = (s: string | undefined) => (s === undefined || s === '' ? 0 : Number(s));

function financialYear(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const start = m >= 4 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Four-hour performance (%) of one trust by financial year, in year order. */
export function expectedPerformance(code: string): Record<string, number> {
  const sums = new Map<string, { att: number; br: number }>();
  for (const r of RAW.filter((x) => x['Org Code'] === code)) {
    const s = sums.get(financialYear(r.Period!)) ?? { att: 0, br: 0 };
    s.att += n(r['A&E attendances Type 1']) + n(r['A&E attendances Type 2']) + n(r['A&E attendances Other A&E Department']);
    s.br += n(r['Attendances over 4hrs Type 1']) + n(r['Attendances over 4hrs Type 2']) + n(r['Attendances over 4hrs Other Department']);
    sums.set(financialYear(r.Period!), s);
  }
  return Object.fromEntries([...sums].map(([fy, s]) => [fy, 100 * (1 - s.br / s.att)]));
}

/** The measure an analyst writes for it, blanks counted as none. */
export const FOUR_HOUR_MEASURE =
  '100 * (1 - (coalesce(sum([Attendances over 4hrs Type 1]), 0) + coalesce(sum([Attendances over 4hrs Type 2]), 0) + coalesce(sum([Attendances over 4hrs Other Department]), 0)) / (coalesce(sum([A&E attendances Type 1]), 0) + coalesce(sum([A&E attendances Type 2]), 0) + coalesce(sum([A&E attendances Other A&E Department]), 0)))';
