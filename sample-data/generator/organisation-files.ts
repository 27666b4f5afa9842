/** organisations.csv (every organisation code used) and ccg_demographics.csv (peer-grouping variables). */
import { join } from 'node:path';
import { writeLines } from './csv-writer';
import { csvLine, fixed } from './format';
import { CCGS, HOME_CCG_CODE, HOME_TRUST_CODES, LOCAL_AUTHORITIES, PROVIDERS } from './organisations';

export const ORGANISATIONS_FILE = 'organisations.csv';
export const DEMOGRAPHICS_FILE = 'ccg_demographics.csv';

export const ORGANISATIONS_HEADER = ['org_code', 'org_name', 'org_type', 'region', 'home_system', 'population', 'population_18_plus'] as const;

export const DEMOGRAPHICS_HEADER = [
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
] as const;

const HOME_LA = 'E10000027';

export function writeOrganisations(outDir: string): number {
  const lines: string[] = [csvLine(ORGANISATIONS_HEADER)];
  for (const c of CCGS) {
    lines.push(csvLine([c.code, c.name, 'CCG', c.region, c.code === HOME_CCG_CODE ? 'Y' : 'N', String(c.population), '']));
  }
  const sorted = [...PROVIDERS].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const p of sorted) {
    const home = (HOME_TRUST_CODES as readonly string[]).includes(p.code);
    lines.push(csvLine([p.code, p.name, p.type, '', home ? 'Y' : 'N', '', '']));
  }
  for (const la of LOCAL_AUTHORITIES) {
    lines.push(
      csvLine([la.code, la.name, 'Local authority', 'South West', la.code === HOME_LA ? 'Y' : 'N', String(la.population), String(la.population18Plus)]),
    );
  }
  lines.push(csvLine(['Y58', 'South West', 'NHS England region', 'South West', 'N', '', '']));
  writeLines(join(outDir, ORGANISATIONS_FILE), lines);
  return lines.length - 1;
}

export function writeDemographics(outDir: string): number {
  const lines: string[] = [csvLine(DEMOGRAPHICS_HEADER)];
  for (const c of CCGS) {
    lines.push(
      csvLine([
        c.code,
        c.name,
        c.region,
        String(c.population),
        String(c.weightedPopulation),
        fixed(c.imdScore, 1),
        fixed(c.pctAged65Plus, 1),
        fixed(c.pctAged85Plus, 1),
        fixed(c.pctRural, 1),
        String(c.densityPerKm2),
        fixed(c.pctMinorityEthnic, 1),
      ]),
    );
  }
  writeLines(join(outDir, DEMOGRAPHICS_FILE), lines);
  return CCGS.length;
}
