/**
 * peer_indicators.csv: RightCare-style indicators per CCG, long format, with
 * numerator, denominator and value (= numerator / denominator × multiplier,
 * rounded). Activity-based indicators are computed from activity.csv's
 * totals and spend indicators from the spend workbook, so the files agree.
 * Quirks: `..` where a value is not available, a unit containing a comma,
 * and footnote lines below the data.
 */
import { join } from 'node:path';
import type { ActivityTotals } from './activity';
import type { PodCode } from './activity-model';
import { fyLabelSlash } from './calendar';
import { writeLines } from './csv-writer';
import { csvLine, fixed } from './format';
import type { Ccg } from './organisations';
import { CCGS } from './organisations';
import { Rng } from './prng';
import type { SpendRow } from './spend';
import { populationsFor, SPEND_YEARS } from './spend';

export const PEER_FILE = 'peer_indicators.csv';

export const PEER_HEADER = [
  'Indicator Code',
  'Indicator Name',
  'Unit',
  'Direction',
  'Org Code',
  'Org Name',
  'Period',
  'Numerator',
  'Denominator',
  'Value',
] as const;

export const MISSING_MARKER = '..';

interface Indicator {
  code: string;
  name: string;
  unit: string;
  direction: 'lower' | 'higher';
  multiplier: number;
  decimals: number;
  /** [numerator, denominator] for a CCG and year. */
  compute: (ccg: Ccg, fyStart: number) => [number, number];
}

/** Rows deliberately published as not available: [indicator, CCG, financial year start]. */
export const MISSING: ReadonlyArray<readonly [string, string, number]> = [
  ['SCR_BREAST_PCT', '07T', 2015],
  ['DIAB_3TT_PCT', '10L', 2016],
  ['READM_30D_PCT', '00T', 2016],
];

export function buildIndicators(totals: ActivityTotals, spend: readonly SpendRow[]): Indicator[] {
  const pop = (c: Ccg, fy: number): number => populationsFor(c, fy).population;
  const weighted = (c: Ccg, fy: number): number => populationsFor(c, fy).weightedPopulation;
  const activity =
    (...pods: PodCode[]) =>
    (c: Ccg, fy: number): [number, number] => [pods.reduce((a, p) => a + totals.get(c.code, fy, p), 0), pop(c, fy)];
  /** Spend in whole £ from the workbook's £000s. */
  const spendPounds = (c: Ccg, fy: number, pbcCode: number | null, setting: number | null): number => {
    let sum = 0;
    for (const r of spend) {
      if (r.ccg.code !== c.code || r.fyStart !== fy) continue;
      if (pbcCode !== null && r.pbc.code !== pbcCode) continue;
      sum += setting === null ? r.total : (r.bySetting[setting] ?? 0);
    }
    return Math.round(sum * 1000);
  };
  const spendPerHead =
    (pbcCode: number | null, setting: number | null) =>
    (c: Ccg, fy: number): [number, number] => [spendPounds(c, fy, pbcCode, setting), weighted(c, fy)];
  /** A synthetic rate: numerator drawn around rate(c) × denominator. */
  const synthetic =
    (label: string, denominator: (c: Ccg, fy: number) => number, rate: (c: Ccg) => number) =>
    (c: Ccg, fy: number): [number, number] => {
      const rng = Rng.forLabel(`peer:${label}:${c.code}:${fy}`);
      const den = Math.round(denominator(c, fy));
      const yearShift = fy === 2015 ? 0.99 : 1;
      return [Math.round(den * rate(c) * yearShift * rng.noise(0.015)), den];
    };

  return [
    {
      code: 'AE_ATT_1000',
      name: 'A&E attendances per 1,000 population',
      unit: 'per 1,000 population',
      direction: 'lower',
      multiplier: 1000,
      decimals: 1,
      compute: activity('AE'),
    },
    {
      code: 'NEL_ADM_1000',
      name: 'Non-elective admissions per 1,000 population',
      unit: 'per 1,000 population',
      direction: 'lower',
      multiplier: 1000,
      decimals: 1,
      compute: activity('NEL'),
    },
    {
      code: 'ELDC_ADM_1000',
      name: 'Elective and day case admissions per 1,000 population',
      unit: 'per 1,000 population',
      direction: 'lower',
      multiplier: 1000,
      decimals: 1,
      compute: activity('EL', 'DC'),
    },
    {
      code: 'OPFA_1000',
      name: 'Outpatient first attendances per 1,000 population',
      unit: 'per 1,000 population',
      direction: 'lower',
      multiplier: 1000,
      decimals: 1,
      compute: activity('OPFA'),
    },
    {
      code: 'ACSC_100K',
      name: 'Emergency admissions for chronic ambulatory care sensitive conditions per 100,000 population',
      unit: 'per 100,000 population',
      direction: 'lower',
      multiplier: 100000,
      decimals: 1,
      compute: synthetic('acsc', pop, (c) => 0.0085 * (1 + 0.012 * (c.imdScore - 18) + 0.01 * (c.pctAged65Plus - 20))),
    },
    {
      code: 'READM_30D_PCT',
      name: 'Emergency readmissions within 30 days of discharge from hospital',
      unit: '%',
      direction: 'lower',
      multiplier: 100,
      decimals: 1,
      compute: synthetic(
        'readm',
        (c, fy) => totals.get(c.code, fy, 'NEL') + totals.get(c.code, fy, 'EL'),
        (c) => 0.078 + 0.0008 * (c.imdScore - 18),
      ),
    },
    {
      code: 'SCR_BREAST_PCT',
      name: 'Breast cancer screening coverage, women aged 53-70',
      unit: '%',
      direction: 'higher',
      multiplier: 100,
      decimals: 1,
      compute: synthetic(
        'breast',
        (c, fy) => pop(c, fy) * (0.09 + 0.0025 * c.pctAged65Plus),
        (c) => 0.79 - 0.003 * (c.imdScore - 18) - 0.002 * c.pctMinorityEthnic,
      ),
    },
    {
      code: 'SCR_CERV_PCT',
      name: 'Cervical screening coverage, women aged 25-64',
      unit: '%',
      direction: 'higher',
      multiplier: 100,
      decimals: 1,
      compute: synthetic(
        'cervical',
        (c, fy) => pop(c, fy) * (0.29 - 0.003 * c.pctAged65Plus),
        (c) => 0.755 - 0.0025 * (c.imdScore - 18) - 0.002 * c.pctMinorityEthnic,
      ),
    },
    {
      code: 'DIAB_3TT_PCT',
      name: 'People with diabetes meeting all three NICE treatment targets',
      unit: '%',
      direction: 'higher',
      multiplier: 100,
      decimals: 1,
      compute: synthetic(
        'diabetes',
        (c, fy) => pop(c, fy) * (0.05 + 0.0008 * c.pctAged65Plus + 0.0004 * c.imdScore),
        (c) => 0.41 - 0.001 * (c.imdScore - 18),
      ),
    },
    {
      code: 'SPEND_CANC_HEAD',
      name: 'Spend on cancers and tumours per weighted head',
      unit: '£ per head',
      direction: 'lower',
      multiplier: 1,
      decimals: 2,
      compute: spendPerHead(2, null),
    },
    {
      code: 'SPEND_MH_HEAD',
      name: 'Spend on mental health disorders per weighted head',
      unit: '£ per head',
      direction: 'lower',
      multiplier: 1,
      decimals: 2,
      compute: spendPerHead(5, null),
    },
    {
      code: 'SPEND_CIRC_HEAD',
      name: 'Spend on problems of circulation per weighted head',
      unit: '£ per head',
      direction: 'lower',
      multiplier: 1,
      decimals: 2,
      compute: spendPerHead(10, null),
    },
    {
      code: 'SPEND_RESP_HEAD',
      name: 'Spend on problems of the respiratory system per weighted head',
      unit: '£ per head',
      direction: 'lower',
      multiplier: 1,
      decimals: 2,
      compute: spendPerHead(11, null),
    },
    {
      code: 'SPEND_MSK_HEAD',
      name: 'Spend on problems of the musculo-skeletal system per weighted head',
      unit: '£ per head',
      direction: 'lower',
      multiplier: 1,
      decimals: 2,
      compute: spendPerHead(15, null),
    },
    {
      code: 'SPEND_PRESC_HEAD',
      name: 'Primary care prescribing spend per weighted head (all programmes)',
      unit: '£ per head',
      direction: 'lower',
      multiplier: 1,
      decimals: 2,
      compute: spendPerHead(null, 0),
    },
  ];
}

export function writePeerIndicators(outDir: string, totals: ActivityTotals, spend: readonly SpendRow[]): number {
  const lines: string[] = [csvLine(PEER_HEADER)];
  let rows = 0;
  for (const ind of buildIndicators(totals, spend)) {
    for (const fyStart of SPEND_YEARS) {
      for (const ccg of CCGS) {
        const missing = MISSING.some(([code, org, fy]) => code === ind.code && org === ccg.code && fy === fyStart);
        const [num, den] = ind.compute(ccg, fyStart);
        const value = missing ? MISSING_MARKER : fixed((num / den) * ind.multiplier, ind.decimals);
        lines.push(
          csvLine([
            ind.code,
            ind.name,
            ind.unit,
            ind.direction,
            ccg.code,
            ccg.name,
            fyLabelSlash(fyStart),
            missing ? MISSING_MARKER : String(num),
            missing ? MISSING_MARKER : String(den),
            value,
          ]),
        );
        rows++;
      }
    }
  }
  lines.push(
    '',
    'Source: Commissioning Workbench sample data (SYNTHETIC) - derived from activity.csv and spend_programme_budgeting.xlsx; screening, diabetes, readmission and ACSC indicators are simulated.',
    'Note: .. = data not available for this organisation and period. Value = Numerator / Denominator x multiplier (1,000; 100,000; 100 for %; 1 for £ per head), rounded.',
    'Note: Spend per head uses the need-weighted population; activity rates use the registered population.',
  );
  writeLines(join(outDir, PEER_FILE), lines);
  return rows;
}
