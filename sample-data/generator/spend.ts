/**
 * Programme budgeting spend by CCG, category (all 23 PBCs) and care setting
 * for 2015/16 and 2016/17, as an XLSX workbook with a title row, a blank row,
 * the header on row 3 and a Notes sheet. Money in £000s (one decimal).
 *
 * The home CCG is pitched against its demographic peer group (peers.ts):
 * acute spend per weighted head about 5% above the peer average, primary care
 * prescribing about 12% below, community and mental health about equal
 * (DOMAIN.md, Somerset 2016 plan).
 */
import { join } from 'node:path';
import type { Ccg } from './organisations';
import { CCGS, HOME_CCG_CODE, homeCcg } from './organisations';
import { peerGroup } from './peers';
import { Rng } from './prng';
import type { Cell } from './xlsx-writer';
import { writeXlsx } from './xlsx-writer';
import { roundTo } from './format';
import { fyLabelSlash } from './calendar';

export const SPEND_FILE = 'spend_programme_budgeting.xlsx';
export const SPEND_SHEET = 'Spend by PBC';
export const SPEND_YEARS = [2015, 2016] as const;

export const SETTINGS = ['Primary care prescribing', 'Acute', 'Community and mental health', 'Other'] as const;
export type Setting = (typeof SETTINGS)[number];

export const SPEND_HEADER = [
  'Financial Year',
  'CCG Code',
  'CCG Name',
  'Population',
  'Weighted Population',
  'PBC Code',
  'Programme Budgeting Category',
  'Primary Care Prescribing (£000s)',
  'Acute (£000s)',
  'Community and Mental Health (£000s)',
  'Other (£000s)',
  'Total (£000s)',
] as const;

interface Pbc {
  code: number;
  name: string;
  /** Share of total spend. */
  share: number;
  /** Split across SETTINGS. */
  split: readonly [number, number, number, number];
}

export const PBCS: readonly Pbc[] = [
  { code: 1, name: 'Infectious diseases', share: 0.018, split: [0.25, 0.55, 0.1, 0.1] },
  { code: 2, name: 'Cancers and tumours', share: 0.065, split: [0.08, 0.8, 0.05, 0.07] },
  { code: 3, name: 'Disorders of blood', share: 0.012, split: [0.15, 0.75, 0.03, 0.07] },
  { code: 4, name: 'Endocrine nutritional and metabolic problems', share: 0.035, split: [0.45, 0.35, 0.08, 0.12] },
  { code: 5, name: 'Mental health disorders', share: 0.115, split: [0.08, 0.07, 0.75, 0.1] },
  { code: 6, name: 'Problems of learning disability', share: 0.028, split: [0.02, 0.03, 0.55, 0.4] },
  { code: 7, name: 'Neurological', share: 0.045, split: [0.18, 0.55, 0.15, 0.12] },
  { code: 8, name: 'Problems of vision', share: 0.02, split: [0.1, 0.8, 0.03, 0.07] },
  { code: 9, name: 'Problems of hearing', share: 0.006, split: [0.01, 0.75, 0.1, 0.14] },
  { code: 10, name: 'Problems of circulation', share: 0.07, split: [0.2, 0.62, 0.08, 0.1] },
  { code: 11, name: 'Problems of the respiratory system', share: 0.045, split: [0.33, 0.5, 0.07, 0.1] },
  { code: 12, name: 'Dental problems', share: 0.004, split: [0.02, 0.7, 0.08, 0.2] },
  { code: 13, name: 'Problems of the gastro-intestinal system', share: 0.05, split: [0.12, 0.72, 0.06, 0.1] },
  { code: 14, name: 'Problems of the skin', share: 0.017, split: [0.15, 0.5, 0.15, 0.2] },
  { code: 15, name: 'Problems of the musculo-skeletal system', share: 0.055, split: [0.1, 0.65, 0.13, 0.12] },
  { code: 16, name: 'Problems due to trauma and injuries', share: 0.04, split: [0.03, 0.8, 0.07, 0.1] },
  { code: 17, name: 'Problems of the genito-urinary system', share: 0.045, split: [0.1, 0.75, 0.06, 0.09] },
  { code: 18, name: 'Maternity and reproductive health', share: 0.037, split: [0.02, 0.88, 0.04, 0.06] },
  { code: 19, name: 'Conditions of neonates', share: 0.012, split: [0.01, 0.92, 0.03, 0.04] },
  { code: 20, name: 'Adverse effects and poisoning', share: 0.008, split: [0.02, 0.85, 0.05, 0.08] },
  { code: 21, name: 'Healthy individuals', share: 0.013, split: [0.05, 0.15, 0.3, 0.5] },
  { code: 22, name: 'Social care needs', share: 0.012, split: [0, 0.05, 0.4, 0.55] },
  { code: 23, name: 'Other', share: 0.248, split: [0.06, 0.3, 0.2, 0.44] },
];

/** Spend per weighted head (£) in 2016/17 for an average CCG before the setting scale; 2015/16 is 2.8% lower. */
const BASE_PER_WEIGHTED_HEAD = 1220;
/** Scale by setting so that prescribing is about £150–£190 per head (England 2016/17). */
const SETTING_SCALE = [1.2, 1, 1, 1] as const;
const YEAR_FACTOR: Record<number, number> = { 2015: 0.972, 2016: 1 };
/** Population in 2015/16 relative to 2016/17. */
const PRIOR_YEAR_POPULATION = 1 / 1.007;

/** Home CCG position against the peer average, by setting. */
const HOME_VS_PEERS: Record<Setting, number> = {
  'Primary care prescribing': 0.88,
  Acute: 1.05,
  'Community and mental health': 1.0,
  Other: 1.02,
};

export interface SpendRow {
  fyStart: number;
  ccg: Ccg;
  population: number;
  weightedPopulation: number;
  pbc: Pbc;
  /** £000s by setting (rounded to one decimal), in SETTINGS order. */
  bySetting: [number, number, number, number];
  total: number;
}

export function populationsFor(ccg: Ccg, fyStart: number): { population: number; weightedPopulation: number } {
  if (fyStart === 2016) return { population: ccg.population, weightedPopulation: ccg.weightedPopulation };
  return {
    population: Math.round(ccg.population * PRIOR_YEAR_POPULATION),
    weightedPopulation: Math.round(ccg.weightedPopulation * PRIOR_YEAR_POPULATION),
  };
}

export function buildSpend(): SpendRow[] {
  // Per-CCG setting factors; the home CCG's come from its peers' average.
  const factors = new Map<string, number[]>();
  for (const ccg of CCGS) {
    if (ccg.code === HOME_CCG_CODE) continue;
    const rng = Rng.forLabel(`spend-factors:${ccg.code}`);
    const overall = 1 + 0.004 * (ccg.imdScore - 18) + 0.04 * rng.normal();
    factors.set(
      ccg.code,
      SETTINGS.map(() => overall * (1 + 0.05 * rng.normal())),
    );
  }
  const peers = peerGroup(homeCcg(), CCGS);
  factors.set(
    HOME_CCG_CODE,
    SETTINGS.map((s, i) => {
      const mean = peers.reduce((a, p) => a + (factors.get(p.code)?.[i] ?? 1), 0) / peers.length;
      return mean * HOME_VS_PEERS[s];
    }),
  );

  const rows: SpendRow[] = [];
  for (const fyStart of SPEND_YEARS) {
    const yearRows: SpendRow[] = [];
    const unrounded = new Map<SpendRow, number[]>();
    for (const ccg of CCGS) {
      const rng = Rng.forLabel(`spend:${ccg.code}:${fyStart}`);
      const pops = populationsFor(ccg, fyStart);
      const f = factors.get(ccg.code) ?? [1, 1, 1, 1];
      for (const pbc of PBCS) {
        const pbcNoise = rng.noise(0.06);
        const thousands = pbc.split.map(
          (split, i) =>
            (pops.weightedPopulation *
              BASE_PER_WEIGHTED_HEAD *
              (YEAR_FACTOR[fyStart] ?? 1) *
              pbc.share *
              split *
              (SETTING_SCALE[i] ?? 1) *
              (f[i] ?? 1) *
              pbcNoise *
              rng.noise(0.03)) /
            1000,
        );
        const row: SpendRow = { fyStart, ccg, ...pops, pbc, bySetting: [0, 0, 0, 0], total: 0 };
        unrounded.set(row, thousands);
        yearRows.push(row);
      }
    }
    // Re-centre the home CCG on its peers so its position does not depend on the PBC noise.
    const perHead = (code: string, setting: number): number => {
      let sum = 0;
      let weighted = 0;
      for (const r of yearRows) {
        if (r.ccg.code !== code) continue;
        sum += unrounded.get(r)?.[setting] ?? 0;
        weighted = r.weightedPopulation;
      }
      return (sum * 1000) / weighted;
    };
    const homeScale = SETTINGS.map((s, i) => {
      const peerMean = peers.reduce((a, p) => a + perHead(p.code, i), 0) / peers.length;
      return (peerMean * HOME_VS_PEERS[s]) / perHead(HOME_CCG_CODE, i);
    });
    for (const r of yearRows) {
      const values = unrounded.get(r) ?? [0, 0, 0, 0];
      r.bySetting = values.map((v, i) => roundTo(r.ccg.code === HOME_CCG_CODE ? v * (homeScale[i] ?? 1) : v, 1)) as [number, number, number, number];
      r.total = roundTo(
        r.bySetting.reduce((a, b) => a + b, 0),
        1,
      );
      rows.push(r);
    }
  }
  return rows;
}

const NOTES: string[] = [
  'Programme budgeting spend by CCG - notes',
  '',
  'SYNTHETIC sample data generated for Commissioning Workbench. Not official NHS statistics.',
  'Grain: one row per financial year x CCG x programme budgeting category (PBC).',
  'Money: £ thousands (£000s), gross expenditure, rounded to one decimal place. Total = sum of the four settings.',
  'Settings: Primary care prescribing; Acute (secondary care); Community and mental health; Other (primary care, continuing healthcare, running costs and other).',
  'Population: GP registered population. Weighted population: need-weighted population used for per-head comparisons.',
  'Programme budgeting categories 1-23 follow the national programme budgeting classification; 23 "Other" includes GMS/PMS and other non-disease spend.',
  'Per-head figures: divide £000s x 1,000 by the weighted population.',
  'Source: Commissioning Workbench sample-data generator (sample-data/generator/spend.ts).',
];

export function writeSpend(outDir: string, rows: readonly SpendRow[]): number {
  const data: Cell[][] = [['Programme budgeting spend by CCG and care setting, 2015/16 and 2016/17 (£000s) - SYNTHETIC sample data'], [], [...SPEND_HEADER]];
  for (const r of rows) {
    data.push([fyLabelSlash(r.fyStart), r.ccg.code, r.ccg.name, r.population, r.weightedPopulation, r.pbc.code, r.pbc.name, ...r.bySetting, r.total]);
  }
  writeXlsx(
    join(outDir, SPEND_FILE),
    [
      { name: SPEND_SHEET, rows: data, widths: [12, 9, 44, 12, 12, 9, 44, 16, 14, 18, 14, 14], merges: ['A1:L1'] },
      { name: 'Notes', rows: NOTES.map((n) => [n]), widths: [120] },
    ],
    'Programme budgeting spend by CCG (synthetic)',
  );
  return rows.length;
}
