/**
 * Organisations: CCGs (with demographics for peer grouping), providers,
 * local authorities and the commissioner → provider flows used by the
 * activity model. Codes are real-looking ODS / ONS codes; populations,
 * demographics and flows are illustrative, not official figures.
 */
import { Rng } from './prng';

export const HOME_CCG_CODE = '11X';

export type ProviderType = 'Acute trust' | 'Community trust' | 'Mental health trust' | 'Community and mental health trust' | 'Independent sector provider';

export interface Provider {
  code: string;
  name: string;
  type: ProviderType;
  /** Market forces factor applied to unit costs. */
  mff: number;
}

export interface Demographics {
  /** Registered population, 2016/17. */
  population: number;
  /** IMD 2015 population-weighted average score. */
  imdScore: number;
  pctAged65Plus: number;
  pctAged85Plus: number;
  pctRural: number;
  /** Persons per square kilometre. */
  densityPerKm2: number;
  pctMinorityEthnic: number;
}

export interface Ccg extends Demographics {
  code: string;
  name: string;
  region: string;
  /** Need-weighted population, 2016/17. */
  weightedPopulation: number;
  /** Acute providers with their approximate share of the CCG's acute activity. */
  acute: ReadonlyArray<readonly [string, number]>;
  /** Independent sector provider for elective and outpatient work. */
  independent: string;
  community: string;
  mentalHealth: string;
  synthetic: boolean;
}

export interface LocalAuthority {
  code: string;
  name: string;
  population: number;
  population18Plus: number;
}

const P = (code: string, name: string, type: ProviderType, mff = 1.0): Provider => ({ code, name, type, mff });

export const PROVIDERS: readonly Provider[] = [
  // Home system
  P('RBA', 'Taunton and Somerset NHS Foundation Trust', 'Acute trust', 1.02),
  P('RA4', 'Yeovil District Hospital NHS Foundation Trust', 'Acute trust', 1.01),
  P('RH5', 'Somerset Partnership NHS Foundation Trust', 'Community and mental health trust', 1.01),
  // Acute trusts used by Somerset and the other CCGs
  P('RD1', 'Royal United Hospitals Bath NHS Foundation Trust', 'Acute trust', 1.04),
  P('RA7', 'University Hospitals Bristol NHS Foundation Trust', 'Acute trust', 1.05),
  P('RA3', 'Weston Area Health NHS Trust', 'Acute trust', 1.03),
  P('RDZ', 'The Royal Bournemouth and Christchurch Hospitals NHS Foundation Trust', 'Acute trust', 1.03),
  P('RD3', 'Poole Hospital NHS Foundation Trust', 'Acute trust', 1.03),
  P('RBD', 'Dorset County Hospital NHS Foundation Trust', 'Acute trust', 1.02),
  P('RNZ', 'Salisbury NHS Foundation Trust', 'Acute trust', 1.04),
  P('REF', 'Royal Cornwall Hospitals NHS Trust', 'Acute trust', 1.0),
  P('RK9', 'Plymouth Hospitals NHS Trust', 'Acute trust', 1.0),
  P('RH8', 'Royal Devon and Exeter NHS Foundation Trust', 'Acute trust', 1.01),
  P('RBZ', 'Northern Devon Healthcare NHS Trust', 'Acute trust', 1.0),
  P('RA9', 'Torbay and South Devon NHS Foundation Trust', 'Acute trust', 1.0),
  P('RTE', 'Gloucestershire Hospitals NHS Foundation Trust', 'Acute trust', 1.03),
  P('RN3', 'Great Western Hospitals NHS Foundation Trust', 'Acute trust', 1.05),
  P('RLQ', 'Wye Valley NHS Trust', 'Acute trust', 1.01),
  P('RXW', 'The Shrewsbury and Telford Hospital NHS Trust', 'Acute trust', 1.02),
  P('RL1', 'The Robert Jones and Agnes Hunt Orthopaedic Hospital NHS Foundation Trust', 'Acute trust', 1.02),
  P('RRK', 'University Hospitals Birmingham NHS Foundation Trust', 'Acute trust', 1.05),
  P('RWA', 'Hull and East Yorkshire Hospitals NHS Trust', 'Acute trust', 1.01),
  P('RCB', 'York Teaching Hospital NHS Foundation Trust', 'Acute trust', 1.02),
  P('RR8', 'Leeds Teaching Hospitals NHS Trust', 'Acute trust', 1.04),
  P('RJL', 'Northern Lincolnshire and Goole NHS Foundation Trust', 'Acute trust', 1.0),
  P('RTF', 'Northumbria Healthcare NHS Foundation Trust', 'Acute trust', 1.0),
  P('RTD', 'The Newcastle upon Tyne Hospitals NHS Foundation Trust', 'Acute trust', 1.02),
  P('RR7', 'Gateshead Health NHS Foundation Trust', 'Acute trust', 1.0),
  P('RLN', 'City Hospitals Sunderland NHS Foundation Trust', 'Acute trust', 1.0),
  P('R1F', 'Isle of Wight NHS Trust', 'Acute trust', 1.03),
  P('RHU', 'Portsmouth Hospitals NHS Trust', 'Acute trust', 1.04),
  P('RHM', 'University Hospital Southampton NHS Foundation Trust', 'Acute trust', 1.05),
  P('RN5', 'Hampshire Hospitals NHS Foundation Trust', 'Acute trust', 1.05),
  P('RM1', 'Norfolk and Norwich University Hospitals NHS Foundation Trust', 'Acute trust', 1.01),
  P('RCX', "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust", 'Acute trust', 1.0),
  P('RGP', 'James Paget University Hospitals NHS Foundation Trust', 'Acute trust', 1.0),
  P('RGT', 'Cambridge University Hospitals NHS Foundation Trust', 'Acute trust', 1.06),
  P('RGR', 'West Suffolk NHS Foundation Trust', 'Acute trust', 1.02),
  P('RDE', 'Colchester Hospital University NHS Foundation Trust', 'Acute trust', 1.03),
  P('RYR', 'Western Sussex Hospitals NHS Foundation Trust', 'Acute trust', 1.06),
  P('RXH', 'Brighton and Sussex University Hospitals NHS Trust', 'Acute trust', 1.07),
  P('RA2', 'Royal Surrey County Hospital NHS Foundation Trust', 'Acute trust', 1.1),
  P('RQ6', 'Royal Liverpool and Broadgreen University Hospitals NHS Trust', 'Acute trust', 1.02),
  P('REM', 'Aintree University Hospital NHS Foundation Trust', 'Acute trust', 1.02),
  P('RBQ', 'Liverpool Heart and Chest Hospital NHS Foundation Trust', 'Acute trust', 1.02),
  P('RBS', "Alder Hey Children's NHS Foundation Trust", 'Acute trust', 1.02),
  P('RQX', 'Homerton University Hospital NHS Foundation Trust', 'Acute trust', 1.18),
  P('R1H', 'Barts Health NHS Trust', 'Acute trust', 1.18),
  P('RAP', 'North Middlesex University Hospital NHS Trust', 'Acute trust', 1.17),
  P('RRV', 'University College London Hospitals NHS Foundation Trust', 'Acute trust', 1.19),
  P('RMC', 'Bolton NHS Foundation Trust', 'Acute trust', 1.0),
  P('RM3', 'Salford Royal NHS Foundation Trust', 'Acute trust', 1.02),
  P('RW3', 'Central Manchester University Hospitals NHS Foundation Trust', 'Acute trust', 1.03),
  P('RRF', 'Wrightington, Wigan and Leigh NHS Foundation Trust', 'Acute trust', 1.0),
  P('RQ8', 'Mid Essex Hospital Services NHS Trust', 'Acute trust', 1.05),
  P('RAJ', 'Southend University Hospital NHS Foundation Trust', 'Acute trust', 1.05),
  P('RWD', 'United Lincolnshire Hospitals NHS Trust', 'Acute trust', 1.0),
  P('RX1', 'Nottingham University Hospitals NHS Trust', 'Acute trust', 1.02),
  P('RGN', 'Peterborough and Stamford Hospitals NHS Foundation Trust', 'Acute trust', 1.02),
  // Independent sector
  P('NT2', 'Nuffield Health', 'Independent sector provider', 0.97),
  P('NT3', 'Spire Healthcare', 'Independent sector provider', 0.97),
  P('NT4', 'BMI Healthcare', 'Independent sector provider', 0.97),
  P('NVC', 'Ramsay Health Care UK', 'Independent sector provider', 0.97),
  // Community and mental health
  P('RDY', 'Dorset HealthCare University NHS Foundation Trust', 'Community and mental health trust', 1.02),
  P('RJ8', 'Cornwall Partnership NHS Foundation Trust', 'Community and mental health trust', 1.0),
  P('R1J', 'Gloucestershire Care Services NHS Trust', 'Community trust', 1.02),
  P('RTQ', '2gether NHS Foundation Trust', 'Mental health trust', 1.02),
  P('RVN', 'Avon and Wiltshire Mental Health Partnership NHS Trust', 'Mental health trust', 1.04),
  P('RWV', 'Devon Partnership NHS Trust', 'Mental health trust', 1.0),
  P('R1D', 'Shropshire Community Health NHS Trust', 'Community trust', 1.01),
  P('RRE', 'South Staffordshire and Shropshire Healthcare NHS Foundation Trust', 'Mental health trust', 1.01),
  P('RV9', 'Humber NHS Foundation Trust', 'Community and mental health trust', 1.0),
  P('RX4', 'Northumberland, Tyne and Wear NHS Foundation Trust', 'Mental health trust', 1.0),
  P('RY3', 'Norfolk Community Health and Care NHS Trust', 'Community trust', 1.0),
  P('RMY', 'Norfolk and Suffolk NHS Foundation Trust', 'Mental health trust', 1.0),
  P('RDR', 'Sussex Community NHS Foundation Trust', 'Community trust', 1.06),
  P('RX2', 'Sussex Partnership NHS Foundation Trust', 'Mental health trust', 1.06),
  P('RY1', 'Liverpool Community Health NHS Trust', 'Community trust', 1.01),
  P('RW4', 'Mersey Care NHS Foundation Trust', 'Mental health trust', 1.01),
  P('RWK', 'East London NHS Foundation Trust', 'Community and mental health trust', 1.18),
  P('RXV', 'Greater Manchester West Mental Health NHS Foundation Trust', 'Mental health trust', 1.01),
  P('RWN', 'South Essex Partnership University NHS Foundation Trust', 'Community and mental health trust', 1.05),
  P('RRD', 'North Essex Partnership University NHS Foundation Trust', 'Mental health trust', 1.05),
  P('RY5', 'Lincolnshire Community Health Services NHS Trust', 'Community trust', 1.0),
  P('RP7', 'Lincolnshire Partnership NHS Foundation Trust', 'Mental health trust', 1.0),
];

const providerIndex = new Map(PROVIDERS.map((p) => [p.code, p]));

export function provider(code: string): Provider {
  const p = providerIndex.get(code);
  if (!p) throw new Error(`Unknown provider ${code}`);
  return p;
}

/** Need weighting: older and more deprived populations need more care. */
export function needIndex(d: Pick<Demographics, 'pctAged65Plus' | 'imdScore'>): number {
  return 0.72 + 0.012 * d.pctAged65Plus + 0.004 * d.imdScore;
}

type CcgSeed = Omit<Ccg, 'weightedPopulation' | 'synthetic'>;

const C = (
  code: string,
  name: string,
  region: string,
  population: number,
  imdScore: number,
  pctAged65Plus: number,
  pctAged85Plus: number,
  pctRural: number,
  densityPerKm2: number,
  pctMinorityEthnic: number,
  acute: ReadonlyArray<readonly [string, number]>,
  independent: string,
  community: string,
  mentalHealth: string,
): CcgSeed => ({
  code,
  name,
  region,
  population,
  imdScore,
  pctAged65Plus,
  pctAged85Plus,
  pctRural,
  densityPerKm2,
  pctMinorityEthnic,
  acute,
  independent,
  community,
  mentalHealth,
});

const CCG_SEEDS: readonly CcgSeed[] = [
  C(
    '11X',
    'NHS Somerset CCG',
    'South West',
    560000,
    17.9,
    23.6,
    3.3,
    48,
    153,
    4.6,
    [
      ['RBA', 0.56],
      ['RA4', 0.31],
      ['RD1', 0.06],
      ['RA7', 0.04],
      ['RA3', 0.03],
    ],
    'NT3',
    'RH5',
    'RH5',
  ),
  C(
    '11J',
    'NHS Dorset CCG',
    'South West',
    790000,
    15.2,
    25.9,
    3.8,
    40,
    290,
    4.4,
    [
      ['RDZ', 0.38],
      ['RD3', 0.3],
      ['RBD', 0.26],
      ['RNZ', 0.06],
    ],
    'NT3',
    'RDY',
    'RDY',
  ),
  C(
    '11N',
    'NHS Kernow CCG',
    'South West',
    560000,
    23.8,
    23.4,
    3.0,
    54,
    157,
    3.6,
    [
      ['REF', 0.82],
      ['RK9', 0.1],
      ['RH8', 0.04],
      ['RA7', 0.04],
    ],
    'NVC',
    'RJ8',
    'RJ8',
  ),
  C(
    '11M',
    'NHS Gloucestershire CCG',
    'South West',
    630000,
    15.4,
    20.6,
    2.8,
    35,
    235,
    7.8,
    [
      ['RTE', 0.85],
      ['RA7', 0.06],
      ['RLQ', 0.05],
      ['RN3', 0.04],
    ],
    'NT4',
    'R1J',
    'RTQ',
  ),
  C(
    '99N',
    'NHS Wiltshire CCG',
    'South West',
    480000,
    13.1,
    20.4,
    2.7,
    48,
    147,
    5.5,
    [
      ['RN3', 0.34],
      ['RNZ', 0.32],
      ['RD1', 0.3],
      ['RA7', 0.04],
    ],
    'NT3',
    'RN3',
    'RVN',
  ),
  C(
    '99P',
    'NHS Northern, Eastern and Western Devon CCG',
    'South West',
    900000,
    18.5,
    22.4,
    3.1,
    46,
    150,
    4.8,
    [
      ['RK9', 0.45],
      ['RH8', 0.38],
      ['RBZ', 0.14],
      ['RA7', 0.03],
    ],
    'NVC',
    'RBZ',
    'RWV',
  ),
  C(
    '99Q',
    'NHS South Devon and Torbay CCG',
    'South West',
    285000,
    22.0,
    25.5,
    3.6,
    38,
    310,
    3.5,
    [
      ['RA9', 0.86],
      ['RH8', 0.06],
      ['RK9', 0.06],
      ['RA7', 0.02],
    ],
    'NVC',
    'RA9',
    'RWV',
  ),
  C(
    '05F',
    'NHS Herefordshire CCG',
    'Midlands',
    190000,
    18.3,
    23.4,
    3.0,
    58,
    88,
    6.2,
    [
      ['RLQ', 0.86],
      ['RTE', 0.05],
      ['RRK', 0.05],
      ['RXW', 0.04],
    ],
    'NT2',
    'RLQ',
    'RTQ',
  ),
  C(
    '05N',
    'NHS Shropshire CCG',
    'Midlands',
    310000,
    16.6,
    22.8,
    2.9,
    57,
    98,
    3.3,
    [
      ['RXW', 0.84],
      ['RL1', 0.08],
      ['RRK', 0.05],
      ['RLQ', 0.03],
    ],
    'NT3',
    'R1D',
    'RRE',
  ),
  C(
    '02Y',
    'NHS East Riding of Yorkshire CCG',
    'North East and Yorkshire',
    315000,
    14.5,
    24.4,
    3.0,
    50,
    140,
    3.1,
    [
      ['RWA', 0.55],
      ['RCB', 0.35],
      ['RR8', 0.06],
      ['RJL', 0.04],
    ],
    'NT4',
    'RV9',
    'RV9',
  ),
  C(
    '00L',
    'NHS Northumberland CCG',
    'North East and Yorkshire',
    320000,
    20.3,
    22.6,
    2.6,
    45,
    63,
    2.4,
    [
      ['RTF', 0.7],
      ['RTD', 0.25],
      ['RR7', 0.03],
      ['RLN', 0.02],
    ],
    'NT2',
    'RTF',
    'RX4',
  ),
  C(
    '10L',
    'NHS Isle of Wight CCG',
    'South East',
    140000,
    21.4,
    27.2,
    3.7,
    35,
    365,
    3.1,
    [
      ['R1F', 0.88],
      ['RHM', 0.06],
      ['RHU', 0.05],
      ['RN5', 0.01],
    ],
    'NT4',
    'R1F',
    'R1F',
  ),
  C(
    '06V',
    'NHS North Norfolk CCG',
    'East of England',
    170000,
    16.2,
    29.4,
    3.9,
    64,
    101,
    2.6,
    [
      ['RM1', 0.8],
      ['RCX', 0.1],
      ['RGP', 0.06],
      ['RGT', 0.04],
    ],
    'NT3',
    'RY3',
    'RMY',
  ),
  C(
    '07K',
    'NHS West Suffolk CCG',
    'East of England',
    230000,
    14.7,
    21.0,
    2.7,
    48,
    125,
    6.8,
    [
      ['RGR', 0.84],
      ['RGT', 0.08],
      ['RM1', 0.05],
      ['RDE', 0.03],
    ],
    'NT2',
    'RGR',
    'RMY',
  ),
  C(
    '09G',
    'NHS Coastal West Sussex CCG',
    'South East',
    500000,
    15.6,
    24.5,
    3.9,
    18,
    620,
    6.3,
    [
      ['RYR', 0.75],
      ['RXH', 0.12],
      ['RHU', 0.08],
      ['RA2', 0.05],
    ],
    'NVC',
    'RDR',
    'RX2',
  ),
  C(
    '03T',
    'NHS Lincolnshire East CCG',
    'Midlands',
    240000,
    25.1,
    26.0,
    3.1,
    62,
    95,
    2.4,
    [
      ['RWD', 0.82],
      ['RX1', 0.07],
      ['RJL', 0.06],
      ['RGN', 0.05],
    ],
    'NT3',
    'RY5',
    'RP7',
  ),
  C(
    '06Q',
    'NHS Mid Essex CCG',
    'East of England',
    390000,
    13.8,
    19.8,
    2.5,
    38,
    395,
    6.2,
    [
      ['RQ8', 0.85],
      ['RDE', 0.05],
      ['RAJ', 0.05],
      ['RGT', 0.05],
    ],
    'NT2',
    'RWN',
    'RRD',
  ),
  C(
    '99A',
    'NHS Liverpool CCG',
    'North West',
    520000,
    42.4,
    15.0,
    1.9,
    0,
    4200,
    13.8,
    [
      ['RQ6', 0.45],
      ['REM', 0.35],
      ['RBS', 0.15],
      ['RBQ', 0.05],
    ],
    'NT3',
    'RY1',
    'RW4',
  ),
  C(
    '00T',
    'NHS Bolton CCG',
    'North West',
    290000,
    30.2,
    16.2,
    2.0,
    4,
    2000,
    21.0,
    [
      ['RMC', 0.85],
      ['RM3', 0.07],
      ['RW3', 0.05],
      ['RRF', 0.03],
    ],
    'NVC',
    'RMC',
    'RXV',
  ),
  C(
    '07T',
    'NHS City and Hackney CCG',
    'London',
    300000,
    35.2,
    7.1,
    0.9,
    0,
    12500,
    47.0,
    [
      ['RQX', 0.65],
      ['R1H', 0.2],
      ['RRV', 0.1],
      ['RAP', 0.05],
    ],
    'NT4',
    'RQX',
    'RWK',
  ),
];

function finishCcg(seed: CcgSeed, synthetic: boolean): Ccg {
  return { ...seed, weightedPopulation: Math.round(seed.population * needIndex(seed)), synthetic };
}

/** The committed CCGs: the home CCG (11X) first, then its comparators. */
export const CCGS: readonly Ccg[] = CCG_SEEDS.map((s) => finishCcg(s, false));

export function homeCcg(): Ccg {
  const ccg = CCGS[0];
  if (!ccg || ccg.code !== HOME_CCG_CODE) throw new Error('home CCG must come first');
  return ccg;
}

export const LOCAL_AUTHORITIES: readonly LocalAuthority[] = [
  { code: 'E10000027', name: 'Somerset', population: 555200, population18Plus: 447300 },
  { code: 'E10000008', name: 'Devon', population: 779800, population18Plus: 637900 },
  { code: 'E10000009', name: 'Dorset', population: 422900, population18Plus: 349800 },
  { code: 'E06000022', name: 'Bath and North East Somerset', population: 187800, population18Plus: 151500 },
  { code: 'E06000024', name: 'North Somerset', population: 211700, population18Plus: 167300 },
  { code: 'E06000054', name: 'Wiltshire', population: 488400, population18Plus: 383700 },
];

export function localAuthority(code: string): LocalAuthority {
  const la = LOCAL_AUTHORITIES.find((l) => l.code === code);
  if (!la) throw new Error(`Unknown local authority ${code}`);
  return la;
}

/** Trusts of the home (Somerset) system, used by DTOC, workforce and finance. */
export const HOME_TRUST_CODES = ['RBA', 'RA4', 'RH5'] as const;

/** Three-character codes for synthetic CCGs in the large-activity mode. */
function syntheticCode(i: number, used: ReadonlySet<string>): string {
  const letters = 'ABCDEFGHJKLMNPQRTVWXY';
  let k = 0;
  for (let n = 0; n < 100; n++) {
    for (const letter of letters) {
      const code = `${n < 10 ? '0' : ''}${n}${letter}`;
      if (used.has(code)) continue;
      if (k === i) return code;
      k++;
    }
  }
  return `Z${String(i).padStart(4, '0')}`;
}

/**
 * Extra synthetic CCGs for the benchmark mode, beyond the committed ones.
 * Deterministic: CCG i is always the same whatever the count requested.
 */
export function syntheticCcg(i: number): Ccg {
  const used = new Set(CCGS.map((c) => c.code));
  const code = syntheticCode(i, used);
  const rng = Rng.forLabel(`synthetic-ccg:${code}`);
  const acuteTrusts = PROVIDERS.filter((p) => p.type === 'Acute trust');
  const picks: string[] = [];
  while (picks.length < 4) {
    const p = rng.pick(acuteTrusts).code;
    if (!picks.includes(p)) picks.push(p);
  }
  const main = rng.uniform(0.6, 0.85);
  const second = (1 - main) * rng.uniform(0.45, 0.65);
  const rest = 1 - main - second;
  const seed: CcgSeed = {
    code,
    name: `NHS Synthetic Area ${code} CCG`,
    region: 'Synthetic',
    population: Math.round(rng.uniform(120000, 900000) / 100) * 100,
    imdScore: Math.round(rng.uniform(10, 40) * 10) / 10,
    pctAged65Plus: Math.round(rng.uniform(8, 28) * 10) / 10,
    pctAged85Plus: Math.round(rng.uniform(1, 4) * 10) / 10,
    pctRural: Math.round(rng.uniform(0, 60)),
    densityPerKm2: Math.round(rng.uniform(60, 6000)),
    pctMinorityEthnic: Math.round(rng.uniform(2, 40) * 10) / 10,
    acute: [
      [picks[0] ?? 'RBA', main],
      [picks[1] ?? 'RA4', second],
      [picks[2] ?? 'RD1', rest * 0.6],
      [picks[3] ?? 'RA7', rest * 0.4],
    ],
    independent: rng.pick(['NT2', 'NT3', 'NT4', 'NVC']),
    community: rng.pick(['RY3', 'R1D', 'RY5', 'RDR', 'RY1', 'R1J']),
    mentalHealth: rng.pick(['RMY', 'RRE', 'RP7', 'RX2', 'RW4', 'RTQ', 'RVN', 'RWV']),
  };
  return finishCcg(seed, true);
}
