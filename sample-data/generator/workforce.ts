/**
 * workforce_trusts.csv: monthly staff in post (WTE, headcount), vacancies,
 * funded establishment, agency spend, pay bill and staff aged 55+ by trust
 * and NHS staff group, April 2016 – March 2021. Quirks: `Apr-16` months,
 * money with thousands separators, `*` for small suppressed headcounts.
 */
import { join } from 'node:path';
import type { Month } from './calendar';
import { monthAbbrevYear, monthRange } from './calendar';
import { writeLines } from './csv-writer';
import { csvLine, fixed, thousands } from './format';
import { provider } from './organisations';
import { Rng } from './prng';

export const TRUST_WORKFORCE_FILE = 'workforce_trusts.csv';

export const TRUST_WORKFORCE_HEADER = [
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
] as const;

export const SUPPRESSION_MARKER = '*';

interface StaffGroup {
  name: string;
  /** Average annual cost per WTE in 2016/17 (£, including on-costs). */
  annualCost: number;
  headcountPerWte: number;
  vacancyRate: number;
  agencyShare: number;
  aged55Share: number;
}

export const STAFF_GROUPS: readonly StaffGroup[] = [
  { name: 'Medical and dental', annualCost: 112000, headcountPerWte: 1.08, vacancyRate: 0.09, agencyShare: 0.09, aged55Share: 0.14 },
  { name: 'Nurses and health visitors', annualCost: 43000, headcountPerWte: 1.17, vacancyRate: 0.1, agencyShare: 0.06, aged55Share: 0.17 },
  { name: 'Midwives', annualCost: 45000, headcountPerWte: 1.25, vacancyRate: 0.06, agencyShare: 0.03, aged55Share: 0.16 },
  { name: 'Ambulance staff', annualCost: 34000, headcountPerWte: 1.1, vacancyRate: 0.05, agencyShare: 0.01, aged55Share: 0.2 },
  { name: 'Scientific, therapeutic and technical', annualCost: 41000, headcountPerWte: 1.15, vacancyRate: 0.08, agencyShare: 0.04, aged55Share: 0.15 },
  { name: 'Support to clinical staff', annualCost: 25000, headcountPerWte: 1.22, vacancyRate: 0.07, agencyShare: 0.02, aged55Share: 0.22 },
  { name: 'NHS infrastructure support', annualCost: 36000, headcountPerWte: 1.12, vacancyRate: 0.05, agencyShare: 0.015, aged55Share: 0.25 },
];

/** WTE by staff group (in STAFF_GROUPS order) in April 2016; 0 = the trust has none (no rows). */
const TRUST_WTE: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['RBA', [560, 1300, 125, 12, 690, 980, 640]],
  ['RA4', [250, 580, 60, 5, 300, 450, 290]],
  ['RH5', [140, 1150, 0, 0, 760, 820, 520]],
];

function payInflation(fyStart: number): number {
  const rises: Record<number, number> = { 2016: 1, 2017: 1.01, 2018: 1.04, 2019: 1.07, 2020: 1.1 };
  return rises[fyStart] ?? 1;
}

export function workforceMonths(): Month[] {
  return monthRange(2016, 4, 2021, 3);
}

export function writeTrustWorkforce(outDir: string): number {
  const lines: string[] = [csvLine(TRUST_WORKFORCE_HEADER)];
  const months = workforceMonths();
  let rows = 0;
  for (const [code, wtes] of TRUST_WTE) {
    const prov = provider(code);
    const rng = Rng.forLabel(`workforce:${code}`);
    STAFF_GROUPS.forEach((group, g) => {
      const base = wtes[g] ?? 0;
      if (base === 0) return;
      let wte = base;
      for (const m of months) {
        // Steady growth (~2.5% a year), faster in 2020/21 (COVID-19 recruitment), plus noise.
        const growth = m.fyStart === 2020 ? 0.0045 : 0.002;
        wte = wte * (1 + growth) * rng.noise(0.003);
        const wteRounded = Number(fixed(wte, 2));
        const headcount = Math.max(Math.ceil(wteRounded), Math.round(wteRounded * group.headcountPerWte * rng.noise(0.01)));
        const winter = m.fyMonth >= 9 ? 1.1 : 1;
        const vacancyRate = group.vacancyRate * (m.fyStart === 2020 ? 0.85 : 1) * rng.noise(0.08);
        const vacancies = Number(fixed((wteRounded * vacancyRate) / (1 - vacancyRate), 2));
        const establishment = Number(fixed(wteRounded + vacancies, 2));
        const substantive = (wteRounded * group.annualCost * payInflation(m.fyStart)) / 12;
        const agencyShare = group.agencyShare * winter * (m.fyStart === 2020 ? 1.25 : 1) * rng.noise(0.15);
        const agency = Math.round((substantive * agencyShare) / (1 - agencyShare));
        const payBill = Math.round(substantive * rng.noise(0.01)) + agency;
        const aged55 = Math.round(headcount * group.aged55Share * (1 + 0.01 * (m.fyStart - 2016)) * rng.noise(0.02));
        lines.push(
          csvLine([
            prov.code,
            prov.name,
            monthAbbrevYear(m),
            group.name,
            fixed(wteRounded, 2),
            String(headcount),
            fixed(vacancies, 2),
            fixed(establishment, 2),
            thousands(agency),
            thousands(payBill),
            aged55 >= 1 && aged55 <= 7 ? SUPPRESSION_MARKER : String(aged55),
          ]),
        );
        rows++;
      }
    });
  }
  writeLines(join(outDir, TRUST_WORKFORCE_FILE), lines);
  return rows;
}
