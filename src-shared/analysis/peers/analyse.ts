import { benchmarkValue, computeBenchmarks, rankBest, type Benchmarks } from './benchmarks';
import { closestPeers, peerDistances, type DistanceResult } from './distance';
import { choosePopulation, NO_OPPORTUNITY, opportunityFor, totalOpportunity, worseGap, zeroed, type Opportunity, type PopulationUsed } from './opportunity';
import type { PeersParams } from './params';
import { isSignificant, valueInterval, type Interval } from './significance';
import { compareCodes } from './stats';
import { parseDirection, parseUnit, UNKNOWN_UNIT, type Direction, type UnitInfo } from './units';

/**
 * The peers analysis as one pure function over plain records (what the SQL in
 * sql.ts returns), so every rule can be tested without an engine.
 */

/** One organisation × indicator in the analysed period. */
export interface IndicatorRecord {
  org: string;
  indicator: string;
  indicatorName: string | null;
  unit: string | null;
  direction: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unitCost: number | null;
  /** How many source rows were combined into this record. */
  rows: number;
}

export interface OrgRecord {
  name: string | null;
  population: number | null;
  weightedPopulation: number | null;
}

export interface DemographicsInput {
  variables: string[];
  rows: { org: string; values: (number | null)[] }[];
}

export interface PeersInput {
  params: PeersParams;
  period: string | null;
  records: IndicatorRecord[];
  orgs: ReadonlyMap<string, OrgRecord>;
  demographics: DemographicsInput | null;
  /** Both numerator and denominator columns are mapped. */
  hasRatio: boolean;
}

export interface OrgIndicatorValue {
  org: string;
  role: 'home' | 'peer';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** 1 = best among the home and peers with a value; null without a value. */
  rank: number | null;
  inBest5: boolean;
}

export interface IndicatorResult {
  code: string;
  name: string;
  unit: UnitInfo;
  direction: Direction;
  homeRate: number | null;
  /** Home and peers, best first; those without a value last (by code). */
  values: OrgIndicatorValue[];
  /** Peers without a value (left out of the benchmarks). */
  missingPeers: string[];
  benchmarks: Benchmarks | null;
  /** The benchmark chosen by the `benchmark` parameter. */
  benchmark: number | null;
  /** Signed gap, positive = home worse than the benchmark. */
  gap: number | null;
  interval: Interval | null;
  /** Benchmark outside the home value's interval; null when not tested. */
  significant: boolean | null;
  /** The gap was not significant and is counted as zero. */
  excluded: boolean;
  base: number | null;
  baseUsed: PopulationUsed | null;
  unitCost: number | null;
  opportunity: Opportunity;
}

export type PeerSource = 'list' | 'derived' | 'all';

export interface PeersAnalysis {
  home: string;
  period: string | null;
  peers: string[];
  peerSource: PeerSource;
  /** Distances from home on the demographic variables; null without demographics. */
  distances: DistanceResult | null;
  /** Sorted by £ opportunity (largest first), then activity, then code. */
  indicators: IndicatorResult[];
  /** Full-precision totals across indicators. */
  total: { activity: number; value: number };
  warnings: string[];
}

function resolveCode(code: string, known: Iterable<string>): string | null {
  const all = [...known];
  return all.find((k) => k === code) ?? all.find((k) => k.toLowerCase() === code.toLowerCase()) ?? null;
}

function listed(codes: readonly string[], max = 8): string {
  return codes.length <= max ? codes.join(', ') : `${codes.slice(0, max).join(', ')} and ${codes.length - max} more`;
}

function deriveDistances(input: PeersInput, home: string, warnings: string[]): DistanceResult | null {
  const demo = input.demographics;
  if (!demo || demo.variables.length === 0) return null;
  const { params } = input;
  for (const key of Object.keys(params.weights)) {
    if (!demo.variables.includes(key)) throw new Error(`Parameter "weights": "${key}" is not one of the demographic variables (${demo.variables.join(', ')}).`);
  }
  const complete = demo.rows.filter((r) => r.values.every((v) => v !== null && Number.isFinite(v)));
  const incomplete = demo.rows.filter((r) => !complete.includes(r)).map((r) => r.org);
  if (incomplete.length) warnings.push(`Left out of the peer distances for missing demographic values: ${listed(incomplete)}.`);
  const negative = demo.variables.filter((_, k) => complete.some((r) => (r.values[k] ?? 0) < 0));
  if (negative.length) warnings.push(`Negative values of ${negative.join(', ')} were treated as 0 (a square root is taken).`);
  const sorted = [...complete].sort((a, b) => compareCodes(a.org, b.org));
  const demoHome = resolveCode(
    home,
    sorted.map((r) => r.org),
  );
  if (!demoHome) {
    if (params.peers.length === 0)
      throw new Error(
        `The home organisation ${home} has no complete row in the demographics table, so no peer group can be derived; give peers=A,B,… instead.`,
      );
    warnings.push(`The home organisation ${home} has no complete row in the demographics table: no distance table.`);
    return null;
  }
  const orgs = sorted.map((r) => r.org);
  const result = peerDistances(
    orgs,
    demo.variables.map((name, k) => ({ name, values: sorted.map((r) => r.values[k] as number), weight: params.weights[name] ?? 1 })),
    demoHome,
  );
  const flat = result.variables.filter((v) => !(v.rootSd > 0)).map((v) => v.name);
  if (flat.length) warnings.push(`Demographic variables that do not vary were ignored in the distances: ${flat.join(', ')}.`);
  return result;
}

function recordValue(r: IndicatorRecord | undefined, unit: UnitInfo, hasRatio: boolean): number | null {
  if (!r) return null;
  if (r.value !== null && Number.isFinite(r.value)) return r.value;
  if (hasRatio && r.numerator !== null && r.denominator !== null && r.denominator !== 0 && unit.multiplier !== null)
    return (r.numerator / r.denominator) * unit.multiplier;
  return null;
}

function sortIndicators(a: IndicatorResult, b: IndicatorResult): number {
  const byDesc = (x: number | null, y: number | null): number => (x === y ? 0 : x === null ? 1 : y === null ? -1 : y - x);
  return byDesc(a.opportunity.value, b.opportunity.value) || byDesc(a.opportunity.activity, b.opportunity.activity) || compareCodes(a.code, b.code);
}

/** Run the peer comparison over plain records. Throws when home or a listed peer is unknown. */
export function analysePeers(input: PeersInput): PeersAnalysis {
  const { params, records, hasRatio } = input;
  const warnings: string[] = [];
  const duplicated = records.filter((r) => r.rows > 1);
  if (duplicated.length)
    warnings.push(
      `${duplicated.length} organisation × indicator pairs have several rows${input.period ? ` in ${input.period}` : ''} (map the period?): values averaged, numerators and denominators summed.`,
    );

  const dataOrgs = [...new Set(records.map((r) => r.org))].sort(compareCodes);
  const home = resolveCode(params.home, dataOrgs);
  if (!home)
    throw new Error(
      `Parameter "home": ${params.home} has no indicator rows${input.period ? ` in ${input.period}` : ''}; organisations: ${listed(dataOrgs, 12)}.`,
    );

  const distances = deriveDistances(input, home, warnings);
  let peers: string[];
  let peerSource: PeerSource;
  if (params.peers.length > 0) {
    peerSource = 'list';
    const known = new Set([...dataOrgs, ...(input.demographics?.rows.map((r) => r.org) ?? []), ...input.orgs.keys()]);
    peers = [];
    for (const code of params.peers) {
      const found = resolveCode(code, known);
      if (!found) throw new Error(`Parameter "peers": ${code} is not an organisation in the data.`);
      if (found === home) warnings.push(`The home organisation ${home} was dropped from its own peer list.`);
      else if (!peers.includes(found)) peers.push(found);
    }
  } else if (distances) {
    peerSource = 'derived';
    peers = closestPeers(distances, params.peerCount);
    if (peers.length < params.peerCount) warnings.push(`Only ${peers.length} organisations are available for a peer group of ${params.peerCount}.`);
  } else {
    peerSource = 'all';
    peers = dataOrgs.filter((o) => o !== home);
    warnings.push(`No peers list and no demographic variables: ${home} is compared with all ${peers.length} other organisations in the data.`);
  }
  if (peers.length === 0) throw new Error(`There are no peers to compare ${home} with.`);
  const absent = peers.filter((p) => !dataOrgs.includes(p));
  if (absent.length) warnings.push(`Peers with no indicator rows${input.period ? ` in ${input.period}` : ''}: ${listed(absent)}.`);

  const byIndicator = new Map<string, Map<string, IndicatorRecord>>();
  for (const r of records) {
    let m = byIndicator.get(r.indicator);
    if (!m) byIndicator.set(r.indicator, (m = new Map<string, IndicatorRecord>()));
    m.set(r.org, r);
  }
  const codes = [...byIndicator.keys()].sort(compareCodes);
  for (const key of Object.keys(params.unitCosts)) if (!byIndicator.has(key)) warnings.push(`Parameter "unitCosts": ${key} is not an indicator in the data.`);

  const homeOrg = input.orgs.get(home) ?? null;
  const undirected: string[] = [];
  const indicators: IndicatorResult[] = codes.map((code) => {
    const rows = byIndicator.get(code)!;
    const homeRecord = rows.get(home);
    const ordered = [homeRecord, ...[...rows.values()].filter((r) => r.org !== home)].filter((r): r is IndicatorRecord => r !== undefined);
    const first = (get: (r: IndicatorRecord) => string | null): string | null => ordered.map(get).find((v) => v !== null && v.trim() !== '') ?? null;
    const name = first((r) => r.indicatorName) ?? code;
    const unitText = first((r) => r.unit);
    const parsedUnit = parseUnit(unitText) ?? parseUnit(name) ?? parseUnit(params.unit) ?? { ...UNKNOWN_UNIT, label: unitText ?? '' };
    // "£ per head" in the unit column of an indicator named "… per weighted head" is per weighted head.
    const unit = parsedUnit.weighted || !/\bweighted\b/i.test(name) ? parsedUnit : { ...parsedUnit, weighted: true };
    if (unit.kind === 'unknown')
      warnings.push(
        `${code}: the unit${unitText ? ` "${unitText}"` : ''} does not say per how many (e.g. per 1,000, %, £ per head), so no activity or £ is given; set the unit parameter.`,
      );
    const directionText = first((r) => r.direction);
    const parsedDirection = parseDirection(directionText);
    if (!parsedDirection) undirected.push(code);
    const direction = parsedDirection ?? params.direction;

    const homeRate = recordValue(homeRecord, unit, hasRatio);
    const peerValues = peers.map((org) => ({ org, value: recordValue(rows.get(org), unit, hasRatio) }));
    const withValue = peerValues.filter((p): p is { org: string; value: number } => p.value !== null);
    const missingPeers = peerValues.filter((p) => p.value === null).map((p) => p.org);
    if (missingPeers.length)
      warnings.push(`${code}: no value for ${missingPeers.length === 1 ? 'peer' : 'peers'} ${listed(missingPeers)}, left out of its benchmarks.`);
    const benchmarks = computeBenchmarks(withValue, direction);
    if (!benchmarks) warnings.push(`${code}: no peer has a value, so there is no benchmark.`);
    else if (benchmarks.count < 5) warnings.push(`${code}: only ${benchmarks.count} peers have a value; "best 5" averages all of them.`);
    if (homeRate === null) warnings.push(`${code}: ${home} has no value${input.period ? ` in ${input.period}` : ''}.`);

    const benchmark = benchmarks ? benchmarkValue(benchmarks, params.benchmark) : null;
    const gap = homeRate !== null && benchmark !== null ? worseGap(homeRate, benchmark, direction) : null;
    const interval = hasRatio ? valueInterval(unit, homeRecord?.numerator ?? null, homeRecord?.denominator ?? null, params.significance) : null;
    const significant = params.significance === 'none' ? null : isSignificant(interval, benchmark);
    const { base, used } = choosePopulation(params.basis, unit, {
      denominator: hasRatio ? (homeRecord?.denominator ?? null) : null,
      population: homeOrg?.population ?? null,
      weightedPopulation: homeOrg?.weightedPopulation ?? null,
    });
    if (gap !== null && unit.kind !== 'unknown') {
      if (base === null)
        warnings.push(`${code}: no ${params.basis === 'auto' ? 'denominator or population' : params.basis} for ${home}, so no activity or £ is given.`);
      else if (unit.weighted && used === 'population')
        warnings.push(`${code}: is per weighted head but no weighted population is mapped; the population is used.`);
    }
    const unitCost = params.unitCosts[code] ?? homeRecord?.unitCost ?? ordered.map((r) => r.unitCost).find((c) => c !== null) ?? params.unitCost;
    let opportunity = gap === null ? NO_OPPORTUNITY : opportunityFor(gap, unit, base, unitCost);
    const excluded = params.significance !== 'none' && params.excludeInsignificant && gap !== null && gap > 0 && significant === false;
    if (excluded) opportunity = zeroed(opportunity);

    const best5 = new Set(benchmarks?.best5Members ?? []);
    const ranked = rankBest([...(homeRate !== null ? [{ org: home, value: homeRate }] : []), ...withValue], direction);
    const rank = new Map(ranked.map((r, i) => [r.org, i + 1]));
    const values: OrgIndicatorValue[] = [...ranked.map((r) => r.org), ...[home, ...missingPeers].filter((o) => !rank.has(o)).sort(compareCodes)].map((org) => {
      const r = rows.get(org);
      return {
        org,
        role: org === home ? 'home' : 'peer',
        value: org === home ? homeRate : (peerValues.find((p) => p.org === org)?.value ?? null),
        numerator: r?.numerator ?? null,
        denominator: r?.denominator ?? null,
        rank: rank.get(org) ?? null,
        inBest5: best5.has(org),
      };
    });

    return {
      code,
      name,
      unit,
      direction,
      homeRate,
      values,
      missingPeers,
      benchmarks,
      benchmark,
      gap,
      interval,
      significant,
      excluded,
      base,
      baseUsed: used,
      unitCost: unit.kind === 'money' ? null : unitCost,
      opportunity,
    };
  });
  if (undirected.length) warnings.push(`No recognisable direction for ${listed(undirected)}: treated as ${params.direction} is better (direction parameter).`);

  indicators.sort(sortIndicators);
  return { home, period: input.period, peers, peerSource, distances, indicators, total: totalOpportunity(indicators.map((i) => i.opportunity)), warnings };
}
