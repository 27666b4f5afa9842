/**
 * Delayed transfers of care, in NHS England's monthly sitrep extract layout:
 * one CSV per month in dtoc/ plus one combined file, title lines above the
 * header, capitalised month names, financial-year `Year`, all-zero rows
 * omitted, CRLF line endings.
 *
 * Magnitudes follow DOMAIN.md's Somerset figures: about 2,000 acute bed days
 * lost a month in 2016/17, 600–700 in community hospitals plus about 250 in
 * mental health wards (both at RH5), winter months about 20% above the year
 * before, and a reason mix like Somerset's 2015/16.
 */
import { readdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Month } from './calendar';
import { daysInMonth, fyLabelDash, isoYearMonth, monthName, monthNameUpper, monthRange } from './calendar';
import { writeLines } from './csv-writer';
import { csvLine } from './format';
import { localAuthority, provider } from './organisations';
import { Rng } from './prng';

export const DTOC_HEADER = [
  'Year',
  'Period Name',
  'Provider Parent Org Code',
  'Provider Parent Name',
  'Provider Org Code',
  'Provider Org Name',
  'Local Authority Code',
  'Local Authority Name',
  'Acute Or Non Acute Description',
  'Reason For Delay',
  'NHS A SUM',
  'NHS B SUM',
  'Social Care A SUM',
  'Social Care B SUM',
  'Both A SUM',
  'Both B SUM',
] as const;

export const DTOC_FOLDER = 'dtoc';
export const DTOC_COMBINED_FILE = 'dtoc_combined_2014-04_to_2020-02.csv';

const PARENT_CODE = 'Y58';
const PARENT_NAME = 'SOUTH WEST';

type Agency = 'nhs' | 'social' | 'both';

interface Reason {
  code: string;
  /** Share of delayed days at acute providers. */
  acute: number;
  /** Share of delayed days at non-acute providers. */
  nonAcute: number;
  /** Split of responsibility: NHS, social care, both. */
  agency: readonly [number, number, number];
}

/** Reason codes exactly as they appear in the published extracts. */
export const REASONS: readonly Reason[] = [
  { code: 'A_COMPLETION_ASSESSMENT', acute: 0.12, nonAcute: 0.08, agency: [0.5, 0.4, 0.1] },
  { code: 'B_PUBLIC_FUNDING', acute: 0.015, nonAcute: 0.02, agency: [0.1, 0.85, 0.05] },
  { code: 'C_FURTHER_NON_ACUTE_NHS', acute: 0.26, nonAcute: 0.15, agency: [1, 0, 0] },
  { code: 'DI_RESIDENTIAL_HOME', acute: 0.13, nonAcute: 0.16, agency: [0.2, 0.7, 0.1] },
  { code: 'DII_NURSING_HOME', acute: 0.18, nonAcute: 0.2, agency: [0.3, 0.6, 0.1] },
  { code: 'E_CARE_PACKAGE_IN_HOME', acute: 0.24, nonAcute: 0.29, agency: [0.15, 0.75, 0.1] },
  { code: 'F_COMMUNITY_EQUIPMENT_ADAPTIONS', acute: 0.012, nonAcute: 0.025, agency: [0.5, 0.4, 0.1] },
  { code: 'G_PATIENT_FAMILY_CHOICE', acute: 0.03, nonAcute: 0.05, agency: [0.7, 0.3, 0] },
  { code: 'H_DISPUTES', acute: 0.005, nonAcute: 0.01, agency: [0.4, 0.3, 0.3] },
  { code: 'I_HOUSING', acute: 0.008, nonAcute: 0.015, agency: [0.4, 0.6, 0] },
];

interface DtocProvider {
  code: string;
  acute: boolean;
  /** Share of the setting's delayed days (acute or non-acute). */
  share: number;
  /** Local authority mix of the provider's delays. */
  las: ReadonlyArray<readonly [string, number]>;
}

const DTOC_PROVIDERS: readonly DtocProvider[] = [
  {
    code: 'RBA',
    acute: true,
    share: 0.62,
    las: [
      ['E10000027', 0.94],
      ['E10000008', 0.03],
      ['E06000024', 0.015],
      ['E10000009', 0.01],
      ['E06000022', 0.005],
    ],
  },
  {
    code: 'RA4',
    acute: true,
    share: 0.38,
    las: [
      ['E10000027', 0.86],
      ['E10000009', 0.12],
      ['E10000008', 0.01],
      ['E06000054', 0.01],
    ],
  },
  {
    code: 'RH5',
    acute: false,
    share: 1,
    las: [
      ['E10000027', 0.97],
      ['E10000008', 0.01],
      ['E10000009', 0.01],
      ['E06000024', 0.01],
    ],
  },
];

/** Piecewise-linear monthly level of delayed days: [month index since April 2014, days]. */
const ACUTE_LEVEL: ReadonlyArray<readonly [number, number]> = [
  [0, 1250],
  [18, 1600],
  [30, 1950],
  [34, 2080],
  [40, 1900],
  [52, 1450],
  [70, 1350],
];
/** Community hospitals (~600–700) plus mental health (~250) at RH5. */
const NON_ACUTE_LEVEL: ReadonlyArray<readonly [number, number]> = [
  [0, 620],
  [18, 760],
  [30, 900],
  [34, 950],
  [40, 880],
  [52, 700],
  [70, 650],
];

/** Winter pressure by financial-year month (April first). */
const SEASON = [0.97, 0.97, 0.96, 0.97, 0.98, 0.99, 1.0, 1.02, 1.02, 1.05, 1.04, 1.03];

function level(knots: ReadonlyArray<readonly [number, number]>, index: number): number {
  for (let k = 1; k < knots.length; k++) {
    const a = knots[k - 1];
    const b = knots[k];
    if (!a || !b) continue;
    if (index <= b[0]) return a[1] + ((b[1] - a[1]) * (index - a[0])) / (b[0] - a[0]);
  }
  return knots[knots.length - 1]?.[1] ?? 0;
}

export function dtocMonths(): Month[] {
  return monthRange(2014, 4, 2020, 2);
}

/** `dtoc-sitrep-2016-10-OCTOBER.csv` */
export function dtocFileName(m: Month): string {
  return `dtoc-sitrep-${isoYearMonth(m)}-${monthNameUpper(m)}.csv`;
}

function titleLines(period: string): string[] {
  return [
    'Title:,Delayed Transfers of Care - Total Delayed Days and Delayed Patients by Provider and Local Authority',
    'Summary:,Delayed days during the month (B) and patients delayed at midnight on the last Thursday of the month (A) by reason and responsible organisation',
    `Period:,${period}`,
    'Source:,Monthly Situation Report (SYNTHETIC sample data for Commissioning Workbench - not NHS England statistics)',
    'Basis:,Provider',
    '',
  ];
}

function monthRows(m: Month, rng: Rng): string[][] {
  const days = daysInMonth(m);
  const season = SEASON[m.fyMonth - 1] ?? 1;
  const rows: string[][] = [];
  for (const dp of DTOC_PROVIDERS) {
    const prov = provider(dp.code);
    const setting = (dp.acute ? level(ACUTE_LEVEL, m.index) : level(NON_ACUTE_LEVEL, m.index)) * season * dp.share;
    const providerNoise = rng.noise(0.03);
    for (const [laCode, laShare] of dp.las) {
      const la = localAuthority(laCode);
      for (const reason of REASONS) {
        const reasonShare = dp.acute ? reason.acute : reason.nonAcute;
        const sums: number[] = [];
        const agencies: Agency[] = ['nhs', 'social', 'both'];
        agencies.forEach((_, k) => {
          const expected = setting * providerNoise * laShare * reasonShare * (reason.agency[k] ?? 0);
          const relSd = expected > 0 ? Math.sqrt(0.01 + 1 / expected) : 0;
          const b = expected > 0 ? Math.max(0, Math.round(expected * rng.noise(relSd))) : 0;
          const a = b > 0 ? Math.min(b, Math.round((b / days) * rng.uniform(0.7, 1.3))) : 0;
          sums.push(a, b);
        });
        if (sums.every((v) => v === 0)) continue;
        rows.push([
          fyLabelDash(m.fyStart),
          monthNameUpper(m),
          PARENT_CODE,
          PARENT_NAME,
          prov.code,
          prov.name.toUpperCase(),
          la.code,
          la.name,
          dp.acute ? 'Acute' : 'Non-Acute',
          reason.code,
          ...sums.map(String),
        ]);
      }
    }
  }
  return rows;
}

export interface DtocResult {
  files: number;
  rows: number;
}

export function writeDtoc(outDir: string): DtocResult {
  const folder = join(outDir, DTOC_FOLDER);
  // Remove earlier monthly files so a changed naming scheme cannot leave strays.
  if (existsSync(folder)) {
    for (const name of readdirSync(folder)) {
      if (/^dtoc-sitrep-.*\.csv$/.test(name)) rmSync(join(folder, name));
    }
  }
  const rng = Rng.forLabel('dtoc');
  const months = dtocMonths();
  const combined: string[] = [];
  for (const m of months) {
    const rows = monthRows(m, rng);
    const lines = rows.map(csvLine);
    writeLines(join(folder, dtocFileName(m)), [...titleLines(`${monthName(m)} ${m.year}`), csvLine(DTOC_HEADER), ...lines], { eol: '\r\n' });
    combined.push(...lines);
  }
  const first = months[0];
  const last = months[months.length - 1];
  const period = first && last ? `${monthName(first)} ${first.year} to ${monthName(last)} ${last.year}` : '';
  writeLines(join(outDir, DTOC_COMBINED_FILE), [...titleLines(period), csvLine(DTOC_HEADER), ...combined], { eol: '\r\n' });
  return { files: months.length, rows: combined.length };
}
