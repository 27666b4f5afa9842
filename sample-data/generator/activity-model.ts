/**
 * The activity model: points of delivery, seasonality, growth, COVID-19
 * effects and unit costs, and a per-CCG generator of monthly counts by
 * provider and point of delivery.
 *
 * Calibration: the home CCG's 2016/17 totals equal DOMAIN.md's Somerset
 * figures in expectation (A&E 226,564; non-elective 72,991; elective + day
 * case 90,162; outpatients 760,303; community 902,781; mental health
 * 212,426). Other CCGs scale by population with demographic modifiers.
 */
import type { Month } from './calendar';
import type { Ccg, Provider } from './organisations';
import { HOME_CCG_CODE, homeCcg, provider } from './organisations';
import { Rng } from './prng';

export type PodCode = 'AE' | 'NEL' | 'EL' | 'DC' | 'OPFA' | 'OPFU' | 'OPPROC' | 'COM' | 'MH';

export interface Pod {
  code: PodCode;
  description: string;
  /** Home CCG (Somerset) 2016/17 annual total. */
  home201617: number;
  /** Annual growth rate (before COVID-19). */
  growth: number;
  /** Unit cost in £ at 2016/17 prices, before the market forces factor. */
  unitCost: number;
  /** Seasonal profile by financial-year month (April first). */
  season: readonly number[];
  /** Relative activity in 2020/21 by financial-year month (April first). */
  covid: readonly number[];
  /** Relative activity in March 2020. */
  covidMarch2020: number;
  /** Effect of deprivation (per IMD point / 100) and of age (per % 65+ / 100) on use. */
  imdEffect: number;
  ageEffect: number;
}

const ELECTIVE_SEASON = [0.96, 1.0, 1.04, 1.05, 0.89, 1.02, 1.06, 1.08, 0.84, 1.02, 1.0, 1.07];
const OUTPATIENT_SEASON = [0.95, 1.0, 1.04, 1.06, 0.9, 1.02, 1.07, 1.08, 0.85, 1.03, 1.0, 1.05];
const ELECTIVE_COVID = [0.2, 0.3, 0.45, 0.58, 0.66, 0.78, 0.8, 0.72, 0.75, 0.55, 0.64, 0.85];
const OUTPATIENT_COVID = [0.4, 0.5, 0.65, 0.75, 0.78, 0.85, 0.88, 0.85, 0.85, 0.78, 0.82, 0.92];

export const PODS: readonly Pod[] = [
  {
    code: 'AE',
    description: 'A&E attendance',
    home201617: 226564,
    growth: 0.03,
    unitCost: 145,
    season: [0.97, 1.0, 0.98, 1.01, 0.96, 0.96, 0.99, 0.98, 1.05, 1.03, 0.99, 1.06],
    covid: [0.43, 0.58, 0.7, 0.78, 0.82, 0.82, 0.78, 0.68, 0.7, 0.6, 0.63, 0.78],
    covidMarch2020: 0.8,
    imdEffect: 1.2,
    ageEffect: -0.3,
  },
  {
    code: 'NEL',
    description: 'Non-elective admission',
    home201617: 72991,
    growth: 0.027,
    unitCost: 1650,
    season: [0.96, 0.99, 0.96, 0.99, 0.94, 0.95, 1.0, 1.0, 1.07, 1.08, 1.0, 1.08],
    covid: [0.62, 0.75, 0.84, 0.88, 0.89, 0.9, 0.88, 0.84, 0.86, 0.82, 0.84, 0.92],
    covidMarch2020: 0.9,
    imdEffect: 1.0,
    ageEffect: 1.2,
  },
  {
    code: 'EL',
    description: 'Elective inpatient admission',
    home201617: 18032,
    growth: 0.017,
    unitCost: 3300,
    season: ELECTIVE_SEASON,
    covid: ELECTIVE_COVID,
    covidMarch2020: 0.8,
    imdEffect: 0.3,
    ageEffect: 2.0,
  },
  {
    code: 'DC',
    description: 'Day case admission',
    home201617: 72130,
    growth: 0.017,
    unitCost: 720,
    season: ELECTIVE_SEASON,
    covid: ELECTIVE_COVID,
    covidMarch2020: 0.8,
    imdEffect: 0.3,
    ageEffect: 2.0,
  },
  {
    code: 'OPFA',
    description: 'Outpatient first attendance',
    home201617: 212885,
    growth: 0.016,
    unitCost: 165,
    season: OUTPATIENT_SEASON,
    covid: OUTPATIENT_COVID,
    covidMarch2020: 0.82,
    imdEffect: 0.3,
    ageEffect: 1.5,
  },
  {
    code: 'OPFU',
    description: 'Outpatient follow-up attendance',
    home201617: 471388,
    growth: 0.016,
    unitCost: 95,
    season: OUTPATIENT_SEASON,
    covid: OUTPATIENT_COVID,
    covidMarch2020: 0.82,
    imdEffect: 0.3,
    ageEffect: 1.5,
  },
  {
    code: 'OPPROC',
    description: 'Outpatient procedure',
    home201617: 76030,
    growth: 0.016,
    unitCost: 155,
    season: OUTPATIENT_SEASON,
    covid: ELECTIVE_COVID,
    covidMarch2020: 0.8,
    imdEffect: 0.3,
    ageEffect: 1.5,
  },
  {
    code: 'COM',
    description: 'Community contact',
    home201617: 902781,
    growth: 0.028,
    unitCost: 58,
    season: [0.98, 1.0, 1.01, 1.02, 0.94, 1.0, 1.04, 1.04, 0.92, 1.03, 0.98, 1.05],
    covid: [0.7, 0.78, 0.85, 0.9, 0.9, 0.93, 0.93, 0.92, 0.92, 0.9, 0.9, 0.95],
    covidMarch2020: 0.92,
    imdEffect: 0.2,
    ageEffect: 2.5,
  },
  {
    code: 'MH',
    description: 'Mental health care contact',
    home201617: 212426,
    growth: 0.015,
    unitCost: 185,
    season: [0.99, 1.01, 1.0, 1.01, 0.97, 1.0, 1.02, 1.01, 0.96, 1.01, 0.99, 1.02],
    covid: [0.85, 0.88, 0.92, 0.95, 0.95, 0.96, 0.96, 0.95, 0.95, 0.94, 0.95, 0.97],
    covidMarch2020: 0.96,
    imdEffect: 1.5,
    ageEffect: -0.5,
  },
];

export const ACUTE_PODS: readonly PodCode[] = ['AE', 'NEL', 'EL', 'DC', 'OPFA', 'OPFU', 'OPPROC'];
export const INDEPENDENT_PODS: readonly PodCode[] = ['EL', 'DC', 'OPFA', 'OPFU', 'OPPROC'];

/** Share of each planned pod that goes to the independent sector. */
const INDEPENDENT_SHARE: Partial<Record<PodCode, number>> = { EL: 0.06, DC: 0.06, OPFA: 0.04, OPFU: 0.02, OPPROC: 0.03 };

/** Smaller, more distant acute providers see relatively more planned and less urgent care. */
const DISTANT_TILT: Record<PodCode, number> = {
  AE: 0.4,
  NEL: 0.6,
  EL: 1.4,
  DC: 1.2,
  OPFA: 1.3,
  OPFU: 1.3,
  OPPROC: 1.2,
  COM: 1,
  MH: 1,
};

/** National tariff price index by financial year start (2016/17 = 1). */
const TARIFF_INDEX: Record<number, number> = {
  2014: 0.985,
  2015: 0.99,
  2016: 1.0,
  2017: 1.012,
  2018: 1.03,
  2019: 1.06,
  2020: 1.085,
};

const BASE_FY = 2016;

export function pod(code: PodCode): Pod {
  const p = PODS.find((x) => x.code === code);
  if (!p) throw new Error(`Unknown pod ${code}`);
  return p;
}

/** Growth relative to the 2016/17 average month, compounded by whole years and linear within a year. */
export function growthFactor(rate: number, m: Month): number {
  let f = 1;
  const years = m.fyStart - BASE_FY;
  for (let i = 0; i < years; i++) f *= 1 + rate;
  for (let i = 0; i > years; i--) f /= 1 + rate;
  return f * (1 + (rate * (m.fyMonth - 6.5)) / 12);
}

export function covidFactor(p: Pod, m: Month): number {
  if (m.year === 2020 && m.month === 3) return p.covidMarch2020;
  if (m.fyStart === 2020) return p.covid[m.fyMonth - 1] ?? 1;
  if (m.fyStart > 2020) return p.covid[11] ?? 1;
  return 1;
}

export function tariffIndex(fyStart: number): number {
  return TARIFF_INDEX[fyStart] ?? 1;
}

/** One commissioner → provider → pod cell. */
export interface ActivityFlow {
  provider: Provider;
  pod: Pod;
  /** Expected count in an average 2016/17 month with no seasonality. */
  base: number;
  /** Growth rate used for this CCG and pod. */
  growth: number;
  /** Normaliser so the seasonal profile sums to the annual total in 2016/17. */
  seasonNorm: number;
}

function normaliseSeason(p: Pod, growth: number): number {
  let sum = 0;
  for (let fyMonth = 1; fyMonth <= 12; fyMonth++) {
    const s = p.season[fyMonth - 1] ?? 1;
    sum += s * (1 + (growth * (fyMonth - 6.5)) / 12);
  }
  return 12 / sum;
}

/**
 * The flows of one CCG, in output order: each acute provider's seven pods,
 * the independent sector provider's five planned pods, then community, then
 * mental health.
 */
export function buildFlows(ccg: Ccg): ActivityFlow[] {
  const home = homeCcg();
  const rng = Rng.forLabel(`activity-modifiers:${ccg.code}`);
  const isHome = ccg.code === HOME_CCG_CODE;
  const annual = new Map<PodCode, number>();
  const growth = new Map<PodCode, number>();
  for (const p of PODS) {
    let modifier = 1;
    let g = p.growth;
    if (!isHome) {
      modifier =
        1 + (p.imdEffect * (ccg.imdScore - home.imdScore)) / 100 + (p.ageEffect * (ccg.pctAged65Plus - home.pctAged65Plus)) / 100 + 0.05 * rng.normal();
      if (modifier < 0.5) modifier = 0.5;
      g = p.growth + 0.003 * rng.normal();
    }
    annual.set(p.code, (p.home201617 * ccg.population * modifier) / home.population);
    growth.set(p.code, g);
  }

  const flows: ActivityFlow[] = [];
  const add = (prov: Provider, code: PodCode, share: number): void => {
    const p = pod(code);
    const g = growth.get(code) ?? p.growth;
    flows.push({ provider: prov, pod: p, base: ((annual.get(code) ?? 0) * share) / 12, growth: g, seasonNorm: normaliseSeason(p, g) });
  };

  // Acute shares per pod, tilting distant providers towards planned care.
  const acuteShare = (rank: number, code: PodCode): number => {
    let total = 0;
    ccg.acute.forEach(([, share], r) => {
      total += share * (r >= 2 ? DISTANT_TILT[code] : 1);
    });
    const entry = ccg.acute[rank];
    if (!entry) return 0;
    const raw = (entry[1] * (rank >= 2 ? DISTANT_TILT[code] : 1)) / total;
    return raw * (1 - (INDEPENDENT_SHARE[code] ?? 0));
  };
  ccg.acute.forEach(([code], rank) => {
    const prov = provider(code);
    for (const podCode of ACUTE_PODS) add(prov, podCode, acuteShare(rank, podCode));
  });
  const independent = provider(ccg.independent);
  for (const podCode of INDEPENDENT_PODS) add(independent, podCode, INDEPENDENT_SHARE[podCode] ?? 0);
  add(provider(ccg.community), 'COM', 1);
  add(provider(ccg.mentalHealth), 'MH', 1);
  return flows;
}

/** A CCG's monthly generator. Its random stream depends only on the CCG code. */
export class CcgActivity {
  readonly flows: ActivityFlow[];
  private readonly rng: Rng;

  constructor(readonly ccg: Ccg) {
    this.flows = buildFlows(ccg);
    this.rng = Rng.forLabel(`activity:${ccg.code}`);
  }

  /** Calls emit for every flow in a month (months must be visited in order). */
  month(m: Month, emit: (flow: ActivityFlow, count: number, cost: number) => void): void {
    const tariff = tariffIndex(m.fyStart);
    for (const flow of this.flows) {
      const p = flow.pod;
      const expected = flow.base * flow.seasonNorm * (p.season[m.fyMonth - 1] ?? 1) * growthFactor(flow.growth, m) * covidFactor(p, m);
      const relSd = expected > 0 ? Math.sqrt(0.0009 + 1 / expected) : 0;
      const count = expected > 0 ? Math.max(0, Math.round(expected * this.rng.noise(relSd))) : 0;
      const unit = p.unitCost * flow.provider.mff * tariff * this.rng.noise(0.02);
      emit(flow, count, count * unit);
    }
  }
}
