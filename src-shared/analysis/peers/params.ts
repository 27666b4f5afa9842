import type { JsonValue } from '../../format/plain-json';
import type { Direction } from './units';

/**
 * Parameters of the peers view. Values may arrive as strings from the command
 * line (`--param peers=11J,11N`) or typed from the UI (`peers: ['11J','11N']`);
 * `parsePeersParams` accepts both and returns this normalised, JSON-safe form.
 */
export type BenchmarkKind = 'average' | 'best5' | 'quartile';
export type SignificanceLevel = 'none' | '95' | '99.8';
export type PopulationBasis = 'auto' | 'denominator' | 'population' | 'weightedPopulation';

export interface PeersParams {
  /** Home organisation code (required). */
  home: string;
  /** Explicit peer codes; empty → derive the peer group from demographics. */
  peers: string[];
  /** How many nearest organisations a derived peer group takes. */
  peerCount: number;
  /** Demographic variables (columns of the demographics table); empty → every numeric, unmapped column of that table. */
  demographics: string[];
  /** Weight per demographic variable (applied to its squared z-score difference); missing → 1. */
  weights: Record<string, number>;
  /** Which benchmark the gap and opportunity are measured against. */
  benchmark: BenchmarkKind;
  /** Confidence level for the significance test of the home value; `none` skips it. */
  significance: SignificanceLevel;
  /** With a significance level: count a gap that is not significant as zero opportunity (else only flag it). */
  excludeInsignificant: boolean;
  /** Period to analyse; null → the latest. */
  period: string | null;
  /** £ per unit of activity for every activity indicator without a more specific cost. */
  unitCost: number | null;
  /** £ per unit of activity by indicator code (wins over the unitCost column and `unitCost`). */
  unitCosts: Record<string, number>;
  /** The population a gap is scaled by (see opportunity.ts). */
  basis: PopulationBasis;
  /** Unit text for indicators whose unit column and name say nothing about scale, e.g. `per 1,000`. */
  unit: string | null;
  /** Direction for indicators without a (recognisable) direction. */
  direction: Direction;
  /** Indicator codes for the quadrant chart's x (spend) and y (outcome) axes; null → chosen automatically. */
  quadrantX: string | null;
  quadrantY: string | null;
}

export const PEERS_PARAM_DEFAULTS: Omit<PeersParams, 'home'> = {
  peers: [],
  peerCount: 10,
  demographics: [],
  weights: {},
  benchmark: 'average',
  significance: 'none',
  excludeInsignificant: true,
  period: null,
  unitCost: null,
  unitCosts: {},
  basis: 'auto',
  unit: null,
  direction: 'lower',
  quadrantX: null,
  quadrantY: null,
};

const KEYS = ['home', ...Object.keys(PEERS_PARAM_DEFAULTS)];

function bad(name: string, expected: string, got: JsonValue | undefined): Error {
  return new Error(`Parameter "${name}": expected ${expected}, got ${JSON.stringify(got)}`);
}

function text(raw: Record<string, JsonValue>, name: string): string | null {
  const v = raw[name];
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw bad(name, 'a text value', v);
  const t = v.trim();
  return t === '' ? null : t;
}

/** Codes split on commas, semicolons or spaces; column names (which may hold spaces) on commas and semicolons only. */
function list(raw: Record<string, JsonValue>, name: string, separators: RegExp): string[] {
  const v = raw[name];
  if (v === undefined || v === null) return [];
  const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(separators) : null;
  if (!items || items.some((i) => typeof i !== 'string' && typeof i !== 'number')) throw bad(name, 'a comma-separated list (A,B,C) or an array of text', v);
  const out: string[] = [];
  for (const item of items) {
    const t = String(item).trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

function number(value: JsonValue | undefined, name: string, min: number, integer = false): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim().replace(/^£/, '').replaceAll(',', '')) : NaN;
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) throw bad(name, `${integer ? 'a whole number' : 'a number'} ≥ ${min}`, value);
  return n;
}

/** `a:2,b:1` / `a=2;b=1` or `{ "a": 2 }` → { a: 2, b: 1 }. */
function numberMap(raw: Record<string, JsonValue>, name: string): Record<string, number> {
  const v = raw[name];
  if (v === undefined || v === null || v === '') return {};
  const out: Record<string, number> = {};
  if (typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) out[k.trim()] = number(x, `${name}.${k}`, 0);
    return out;
  }
  if (typeof v !== 'string') throw bad(name, 'key:number pairs, e.g. a:2,b:1', v);
  for (const part of v.split(/[,;]+/)) {
    if (part.trim() === '') continue;
    const m = /^\s*([^:=]+?)\s*[:=]\s*(.+?)\s*$/.exec(part);
    if (!m) throw bad(name, 'key:number pairs, e.g. a:2,b:1', v);
    out[m[1]!] = number(m[2]!, `${name}.${m[1]!}`, 0);
  }
  return out;
}

function choice<T extends string>(raw: Record<string, JsonValue>, name: string, options: readonly T[], fallback: T, aliases: Record<string, T> = {}): T {
  const v = raw[name];
  if (v === undefined || v === null || v === '') return fallback;
  const key = String(v).trim();
  const found = options.find((o) => o.toLowerCase() === key.toLowerCase()) ?? aliases[key.toLowerCase()];
  if (!found) throw bad(name, `one of ${options.join(', ')}`, v);
  return found;
}

function bool(raw: Record<string, JsonValue>, name: string, fallback: boolean): boolean {
  const v = raw[name];
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v === 'boolean') return v;
  const t = String(v).trim().toLowerCase();
  if (['true', 'yes', 'y', '1', 'on'].includes(t)) return true;
  if (['false', 'no', 'n', '0', 'off'].includes(t)) return false;
  throw bad(name, 'true or false', v);
}

/** Validate and normalise the peers view's parameters; throws naming the bad parameter. */
export function parsePeersParams(raw: Record<string, JsonValue>): PeersParams {
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) throw new Error(`Unknown parameter "${key}" for the peers view; expected one of ${KEYS.join(', ')}`);
  }
  const home = text(raw, 'home');
  if (!home) throw new Error('Parameter "home": expected the home organisation\'s code, e.g. home=11X');
  const d = PEERS_PARAM_DEFAULTS;
  const unitCost = raw.unitCost === undefined || raw.unitCost === null || raw.unitCost === '' ? null : number(raw.unitCost, 'unitCost', 0);
  return {
    home,
    peers: list(raw, 'peers', /[,;\s]+/),
    peerCount: raw.peerCount === undefined || raw.peerCount === null || raw.peerCount === '' ? d.peerCount : number(raw.peerCount, 'peerCount', 1, true),
    demographics: list(raw, 'demographics', /[,;]+/),
    weights: numberMap(raw, 'weights'),
    benchmark: choice(raw, 'benchmark', ['average', 'best5', 'quartile'] as const, d.benchmark, { mean: 'average', 'best 5': 'best5', best: 'best5', quartile: 'quartile' }),
    significance: choice(raw, 'significance', ['none', '95', '99.8'] as const, d.significance, { '0': 'none', '95%': '95', '99.8%': '99.8', '0.95': '95', '0.998': '99.8' }),
    excludeInsignificant: bool(raw, 'excludeInsignificant', d.excludeInsignificant),
    period: text(raw, 'period'),
    unitCost,
    unitCosts: numberMap(raw, 'unitCosts'),
    basis: choice(raw, 'basis', ['auto', 'denominator', 'population', 'weightedPopulation'] as const, d.basis, { weighted: 'weightedPopulation', weighted_population: 'weightedPopulation' }),
    unit: text(raw, 'unit'),
    direction: choice(raw, 'direction', ['lower', 'higher'] as const, d.direction),
    quadrantX: text(raw, 'quadrantX'),
    quadrantY: text(raw, 'quadrantY'),
  };
}

/** The normalised parameters as the JSON record the ViewTemplate contract returns. */
export function paramsToJson(p: PeersParams): Record<string, JsonValue> {
  return { ...p, peers: [...p.peers], demographics: [...p.demographics], weights: { ...p.weights }, unitCosts: { ...p.unitCosts } };
}
