/**
 * finance_plan_vs_outturn.csv: monthly income, expenditure and
 * surplus/(deficit), plan and actual, for the Somerset system's
 * organisations, April 2014 – March 2020. 2015/16 annual actuals equal
 * DOMAIN.md's outturn exactly (£m: CCG 6.5, Taunton and Somerset (9.8),
 * Somerset Partnership 0.5, Yeovil (18.6), social services (6.5)).
 *
 * Quirks (it imitates an Excel export from a finance ledger): Windows-1252
 * encoding (`£` is byte 0xA3), CRLF line endings, money as `£1,234,567` with
 * negatives in brackets `(£1,234,567)`, `Apr-15` months, title lines above
 * the header and footnote lines below the data.
 */
import { join } from 'node:path';
import { fyLabelSlash, monthAbbrevYear, monthRange } from './calendar';
import { writeLines } from './csv-writer';
import { csvLine, poundsBracketed } from './format';
import { Rng } from './prng';

export const FINANCE_FILE = 'finance_plan_vs_outturn.csv';

export const FINANCE_HEADER = [
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
] as const;

export const FINANCE_YEARS = [2014, 2015, 2016, 2017, 2018, 2019] as const;

interface FinanceOrg {
  code: string;
  name: string;
  type: string;
  /** Annual income in 2015/16, £m. */
  income2015: number;
  /** Annual income growth. */
  growth: number;
  /** Outturn surplus/(deficit) £m by financial year start. */
  outturn: Record<number, number>;
  /** Plan surplus/(deficit) £m by financial year start. */
  plan: Record<number, number>;
}

export const FINANCE_ORGS: readonly FinanceOrg[] = [
  {
    code: '11X',
    name: 'NHS Somerset CCG',
    type: 'CCG',
    income2015: 715,
    growth: 0.028,
    outturn: { 2014: 5.4, 2015: 6.5, 2016: 7.2, 2017: -8.4, 2018: -12.0, 2019: -9.6 },
    plan: { 2014: 5.0, 2015: 7.0, 2016: 7.2, 2017: 0.0, 2018: -8.0, 2019: -9.0 },
  },
  {
    code: 'RBA',
    name: 'Taunton and Somerset NHS Foundation Trust',
    type: 'NHS trust',
    income2015: 285,
    growth: 0.035,
    outturn: { 2014: -1.2, 2015: -9.8, 2016: -4.3, 2017: 2.1, 2018: 3.5, 2019: 0.8 },
    plan: { 2014: 0.5, 2015: -5.0, 2016: -6.0, 2017: 1.0, 2018: 2.0, 2019: 0.5 },
  },
  {
    code: 'RA4',
    name: 'Yeovil District Hospital NHS Foundation Trust',
    type: 'NHS trust',
    income2015: 120,
    growth: 0.03,
    outturn: { 2014: -7.1, 2015: -18.6, 2016: -11.2, 2017: -10.5, 2018: -7.8, 2019: -1.9 },
    plan: { 2014: -4.0, 2015: -12.0, 2016: -9.0, 2017: -8.5, 2018: -6.0, 2019: -2.5 },
  },
  {
    code: 'RH5',
    name: 'Somerset Partnership NHS Foundation Trust',
    type: 'NHS trust',
    income2015: 140,
    growth: 0.025,
    outturn: { 2014: 0.3, 2015: 0.5, 2016: -1.9, 2017: -2.7, 2018: 0.9, 2019: 0.4 },
    plan: { 2014: 0.5, 2015: 0.5, 2016: 0.3, 2017: -1.5, 2018: 0.5, 2019: 0.4 },
  },
  {
    code: 'E10000027',
    name: 'Somerset County Council (adult social services)',
    type: 'Local authority',
    income2015: 135,
    growth: 0.02,
    outturn: { 2014: -2.4, 2015: -6.5, 2016: -9.6, 2017: -3.2, 2018: 1.4, 2019: -0.6 },
    plan: { 2014: 0, 2015: 0, 2016: 0, 2017: 0, 2018: 0, 2019: 0 },
  },
];

/** Winter-weighted phasing of the deficit (April first); sums to 12. */
const PHASING = [0.85, 0.9, 0.9, 0.95, 0.95, 1.0, 1.0, 1.05, 1.1, 1.1, 1.05, 1.15];

export function writeFinance(outDir: string): number {
  const lines: string[] = [
    'Somerset health and care system: financial plan vs outturn by organisation and month - SYNTHETIC sample data',
    'All figures in pounds sterling (£); deficits and adverse variances shown in brackets',
    '',
    csvLine(FINANCE_HEADER),
  ];
  let rows = 0;
  for (const org of FINANCE_ORGS) {
    const rng = Rng.forLabel(`finance:${org.code}`);
    for (const fy of FINANCE_YEARS) {
      let income = org.income2015 * 1e6;
      for (let y = 2015; y < fy; y++) income *= 1 + org.growth;
      for (let y = 2015; y > fy; y--) income /= 1 + org.growth;
      const outturn = Math.round((org.outturn[fy] ?? 0) * 1e6);
      const plan = Math.round((org.plan[fy] ?? 0) * 1e6);
      // Monthly actual surplus: phased outturn plus noise, last month balances to the exact outturn.
      const actualSurplus: number[] = [];
      let running = 0;
      for (let i = 0; i < 12; i++) {
        const phase = PHASING[i] ?? 1;
        const value = i < 11 ? Math.round((outturn / 12) * (outturn < 0 ? phase : 1) + (income / 12) * 0.004 * rng.normal()) : outturn - running;
        actualSurplus.push(value);
        running += value;
      }
      let planRunning = 0;
      let ytd = 0;
      monthRange(fy, 4, fy + 1, 3).forEach((m, i) => {
        const phase = PHASING[i] ?? 1;
        const incomePlan = Math.round((income / 12) * (0.97 + 0.06 * (i / 11)));
        const surplusPlan = i < 11 ? Math.round((plan / 12) * (plan < 0 ? phase : 1)) : plan - planRunning;
        planRunning += surplusPlan;
        const incomeActual = Math.round(incomePlan * rng.noise(0.006));
        const surplusActual = actualSurplus[i] ?? 0;
        ytd += surplusActual;
        lines.push(
          csvLine([
            org.code,
            org.name,
            org.type,
            fyLabelSlash(fy),
            monthAbbrevYear(m),
            String(m.fyMonth),
            poundsBracketed(incomePlan),
            poundsBracketed(incomeActual),
            poundsBracketed(incomePlan - surplusPlan),
            poundsBracketed(incomeActual - surplusActual),
            poundsBracketed(surplusPlan),
            poundsBracketed(surplusActual),
            poundsBracketed(surplusActual - surplusPlan),
            poundsBracketed(ytd),
          ]),
        );
        rows++;
      });
    }
  }
  lines.push(
    '',
    'Source: Commissioning Workbench sample data (SYNTHETIC) modelled on the Somerset STP 2016 financial position; not audited accounts.',
    'Note: 2015/16 outturn £m: CCG 6.5; Taunton and Somerset NHS FT (9.8); Somerset Partnership NHS FT 0.5; Yeovil District Hospital NHS FT (18.6); social services (6.5).',
    'Note: Surplus/(Deficit) = Income - Expenditure. Variance to Plan = Actual - Plan surplus; favourable positive, adverse in brackets.',
  );
  writeLines(join(outDir, FINANCE_FILE), lines, { encoding: 'windows-1252', eol: '\r\n' });
  return rows;
}
