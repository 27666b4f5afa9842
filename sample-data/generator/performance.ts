/**
 * performance_measures.csv: an integrated performance report's measures in
 * long format — one row per measure and month, April 2016 – March 2020, with
 * the target and which direction is better — the table an SPC summary of many
 * measures reads. Each measure is built to show something a board would ask
 * about: a deterioration from winter 2018 (Taunton A&E), an improving trend
 * (Yeovil A&E), a fall after the national push on delayed transfers (2017),
 * a step up in emergency admissions (2019), a target never met (RTT), one met
 * and missed (cancer 62 days). Clean UTF-8, ISO month starts, no quirks.
 */
import { join } from 'node:path';
import { isoMonthStart, monthRange, type Month } from './calendar';
import { writeLines } from './csv-writer';
import { csvLine, fixed } from './format';
import { Rng } from './prng';

export const PERFORMANCE_FILE = 'performance_measures.csv';

export const PERFORMANCE_HEADER = ['Organisation Code', 'Organisation Name', 'Measure', 'Month', 'Value', 'Target', 'Improvement'] as const;

interface MeasureModel {
  code: string;
  organisation: string;
  measure: string;
  target: number | null;
  improvement: 'increase' | 'decrease' | 'neutral';
  decimals: number;
  /** The expected value in month `i` (0 = April 2016) of calendar month `m`. */
  level(i: number, m: Month): number;
  /** Spread of the month-to-month noise. */
  sd: number;
  /** Bounds the value stays within (a percentage cannot pass 100). */
  min: number;
  max: number;
}

const winter = (m: Month) => (m.month === 12 || m.month === 1 || m.month === 2 ? 1 : m.month === 3 || m.month === 11 ? 0.5 : 0);

const MEASURES: readonly MeasureModel[] = [
  {
    code: 'RBA',
    organisation: 'Taunton and Somerset NHS Foundation Trust',
    measure: 'A&E 4-hour performance: Taunton (%)',
    target: 95,
    improvement: 'increase',
    decimals: 1,
    level: (i, m) => 93.2 - 2.4 * winter(m) - (i >= 32 ? 3.1 : 0),
    sd: 0.7,
    min: 70,
    max: 100,
  },
  {
    code: 'RA4',
    organisation: 'Yeovil District Hospital NHS Foundation Trust',
    measure: 'A&E 4-hour performance: Yeovil (%)',
    target: 95,
    improvement: 'increase',
    decimals: 1,
    level: (i, m) => 92.4 - 1.6 * winter(m) + (i >= 39 ? 0.45 * (i - 38) : 0),
    sd: 0.6,
    min: 70,
    max: 100,
  },
  {
    code: '11X',
    organisation: 'NHS Somerset CCG',
    measure: 'Non-elective admissions',
    target: null,
    improvement: 'decrease',
    decimals: 0,
    level: (i, m) => 5180 + 260 * winter(m) + (i >= 33 ? 340 : 0),
    sd: 95,
    min: 0,
    max: 100000,
  },
  {
    code: '11X',
    organisation: 'NHS Somerset CCG',
    measure: 'Delayed transfers of care (bed days)',
    target: 1900,
    improvement: 'decrease',
    decimals: 0,
    level: (i) => (i < 15 ? 2620 : i < 24 ? 2620 - 95 * (i - 14) : 1765),
    sd: 80,
    min: 0,
    max: 100000,
  },
  {
    code: 'RBA',
    organisation: 'Taunton and Somerset NHS Foundation Trust',
    measure: 'RTT incomplete pathways within 18 weeks (%)',
    target: 92,
    improvement: 'increase',
    decimals: 1,
    level: (i) => 89.6 - 0.07 * i,
    sd: 0.45,
    min: 50,
    max: 100,
  },
  {
    code: 'RBA',
    organisation: 'Taunton and Somerset NHS Foundation Trust',
    measure: 'Cancer 62-day first treatment (%)',
    target: 85,
    improvement: 'increase',
    decimals: 1,
    level: () => 85.4,
    sd: 2.6,
    min: 50,
    max: 100,
  },
];

export function performanceRows(): string[][] {
  const months = monthRange(2016, 4, 2020, 3);
  const rows: string[][] = [];
  for (const model of MEASURES) {
    const rng = Rng.forLabel(`performance:${model.measure}`);
    months.forEach((m, i) => {
      const value = Math.min(model.max, Math.max(model.min, model.level(i, m) + model.sd * rng.normal()));
      rows.push([
        model.code,
        model.organisation,
        model.measure,
        isoMonthStart(m),
        fixed(value, model.decimals),
        model.target === null ? '' : String(model.target),
        model.improvement,
      ]);
    });
  }
  return rows;
}

export function writePerformance(outDir: string): number {
  const rows = performanceRows();
  writeLines(join(outDir, PERFORMANCE_FILE), [csvLine(PERFORMANCE_HEADER), ...rows.map(csvLine)]);
  return rows.length;
}
