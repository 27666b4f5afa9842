/**
 * workforce_gp_practices.csv: quarterly GP practice workforce for the home
 * CCG's practices, following DOMAIN.md's Somerset skill-mix plan (GP FTE
 * 310 → 254, GP headcount 414 → 354, total 1,256 → 1,905 FTE). Quirks: UK
 * `dd/mm/yyyy` dates, `ND` where a practice did not submit, one practice
 * merging part-way through.
 */
import { join } from 'node:path';
import { fyLabelSlash } from './calendar';
import { writeLines } from './csv-writer';
import { csvLine, fixed } from './format';
import { HOME_CCG_CODE, homeCcg } from './organisations';
import { Rng } from './prng';

export const GP_WORKFORCE_FILE = 'workforce_gp_practices.csv';
export const NO_DATA_MARKER = 'ND';

export const GP_WORKFORCE_HEADER = [
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
] as const;

const TOWNS = [
  'Taunton',
  'Yeovil',
  'Bridgwater',
  'Frome',
  'Wellington',
  'Minehead',
  'Glastonbury',
  'Street',
  'Wells',
  'Shepton Mallet',
  'Chard',
  'Crewkerne',
  'Ilminster',
  'Burnham-on-Sea',
  'Highbridge',
  'Cheddar',
  'Wincanton',
  'Castle Cary',
  'Langport',
  'Somerton',
  'Martock',
  'Williton',
  'Dulverton',
  'Porlock',
  'Watchet',
  'Wiveliscombe',
  'Milborne Port',
  'Bruton',
  'Axbridge',
  'Nether Stowey',
  'North Petherton',
  'Ilchester',
  'Bishops Lydeard',
  'Creech St Michael',
  'North Curry',
  'Queen Camel',
  'Stoke-sub-Hamdon',
  'Coleford',
  'Cannington',
  'Wedmore',
] as const;
const LARGE_TOWNS = ['Taunton', 'Yeovil', 'Bridgwater', 'Frome', 'Burnham-on-Sea', 'Wellington', 'Chard', 'Street'];
const SUFFIXES = ['Surgery', 'Medical Centre', 'Health Centre', 'Medical Practice', 'Family Practice'] as const;

interface Practice {
  code: string;
  name: string;
  listSize: number;
  /** Relative staffing intensity (per patient). */
  intensity: number;
  /** Last quarter index (0-based) the practice reports, for a merged practice. */
  lastQuarter: number;
}

const PRACTICE_COUNT = 67;
const QUARTERS = 20; // 2016/17 Q1 … 2020/21 Q4

/** Somerset primary care totals at the first and last quarter (DOMAIN.md). */
const GP_TOTALS = {
  gpHeadcount: [414, 354],
  gpFte: [310, 254],
  nurseFte: [255, 290],
  dpcFte: [160, 650],
  adminFte: [531, 711],
} as const;

/** Practice-quarters that did not submit (practice index, quarter index). */
const NOT_SUBMITTED: ReadonlyArray<readonly [number, number]> = [
  [8, 5],
  [23, 11],
  [41, 16],
];
const MERGED_PRACTICE = 48;
const MERGED_AFTER_QUARTER = 9; // last return 2018/19 Q2

function buildPractices(): Practice[] {
  const rng = Rng.forLabel('gp-practices');
  const practices: Practice[] = [];
  const usedNames = new Set<string>();
  let codeNumber = 0;
  for (let i = 0; i < PRACTICE_COUNT; i++) {
    codeNumber += rng.next() < 0.12 ? 2 : 1; // occasional gaps, as in real code lists
    const code = `L85${String(codeNumber).padStart(3, '0')}`;
    let name = '';
    for (let attempt = 0; attempt < 50 && (name === '' || usedNames.has(name)); attempt++) {
      const town = i < 20 ? rng.pick(LARGE_TOWNS) : rng.pick(TOWNS);
      name = `${town} ${rng.pick(SUFFIXES)}`;
    }
    if (usedNames.has(name)) name = `${name} ${i}`;
    usedNames.add(name);
    const size = i < 20 ? rng.uniform(9000, 22000) : rng.uniform(2200, 10000);
    practices.push({
      code,
      name,
      listSize: size,
      intensity: rng.uniform(0.85, 1.15),
      lastQuarter: i === MERGED_PRACTICE ? MERGED_AFTER_QUARTER : QUARTERS - 1,
    });
  }
  // Scale list sizes so the CCG total is the home population at the start.
  const total = practices.reduce((a, p) => a + p.listSize, 0);
  for (const p of practices) p.listSize = (p.listSize * homeCcg().population) / total;
  return practices;
}

function quarterEnd(q: number): { fy: number; quarter: number; date: string } {
  const fy = 2016 + Math.floor(q / 4);
  const quarter = (q % 4) + 1;
  const date = [`30/06/${fy}`, `30/09/${fy}`, `31/12/${fy}`, `31/03/${fy + 1}`][quarter - 1] ?? '';
  return { fy, quarter, date };
}

export function writeGpWorkforce(outDir: string): number {
  const practices = buildPractices();
  const rng = Rng.forLabel('gp-workforce');
  const lines: string[] = [csvLine(GP_WORKFORCE_HEADER)];
  let rows = 0;
  const merged = practices[MERGED_PRACTICE];
  for (let q = 0; q < QUARTERS; q++) {
    const t = q / (QUARTERS - 1);
    const target = (pair: readonly [number, number]): number => pair[0] + (pair[1] - pair[0]) * t;
    const listGrowth = 1 + 0.0015 * q;
    const active = practices.filter((p) => q <= p.lastQuarter);
    // The merged practice's patients move to practice 0 afterwards.
    const listOf = (p: Practice, index: number): number => (p.listSize + (index === 0 && merged && q > merged.lastQuarter ? merged.listSize : 0)) * listGrowth;
    const weightTotal = active.reduce((a, p) => a + listOf(p, practices.indexOf(p)) * p.intensity, 0);
    const { fy, quarter, date } = quarterEnd(q);
    for (const p of active) {
      const index = practices.indexOf(p);
      const patients = Math.round(listOf(p, index) * rng.noise(0.004));
      const weight = (listOf(p, index) * p.intensity) / weightTotal;
      const share = (pair: readonly [number, number], sd: number): number => target(pair) * weight * rng.noise(sd);
      const gpFte = share(GP_TOTALS.gpFte, 0.05);
      const gpHeadcount = Math.max(1, Math.round(share(GP_TOTALS.gpHeadcount, 0.05)));
      const nurse = share(GP_TOTALS.nurseFte, 0.08);
      const dpc = share(GP_TOTALS.dpcFte, 0.12);
      const admin = share(GP_TOTALS.adminFte, 0.05);
      const notSubmitted = NOT_SUBMITTED.some(([pi, qi]) => pi === index && qi === q);
      const f = (v: number): string => (notSubmitted ? NO_DATA_MARKER : fixed(v, 2));
      const total = Number(fixed(gpFte, 2)) + Number(fixed(nurse, 2)) + Number(fixed(dpc, 2)) + Number(fixed(admin, 2));
      lines.push(
        csvLine([
          p.code,
          p.name,
          HOME_CCG_CODE,
          fyLabelSlash(fy),
          `Q${quarter}`,
          date,
          String(patients),
          String(gpHeadcount),
          fixed(gpFte, 2),
          f(nurse),
          f(dpc),
          f(admin),
          f(total),
        ]),
      );
      rows++;
    }
  }
  writeLines(join(outDir, GP_WORKFORCE_FILE), lines);
  return rows;
}
