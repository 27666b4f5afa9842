import type { JsonValue } from '../../format/plain-json';
import { roundActivity, roundMoney, roundRate } from '../../format/rounding';
import type { ResultChart, ResultTable, ViewResult } from '../view-types';
import type { IndicatorResult, PeersAnalysis } from './analyse';
import { chooseQuadrant, quadrantOption, quadrantPoints, rankedBarOption } from './charts';
import type { PeersParams } from './params';

/**
 * Tables, charts and the CLI's JSON from a PeersAnalysis. Every number leaves
 * here rounded (src-shared/format/rounding.ts): £ to the penny, activity to 2 dp, rates, gaps,
 * z-scores and distances to 4 dp; totals are summed unrounded, then rounded.
 */

export const PEERS_TABLE_IDS = {
  opportunity: 'opportunity',
  distances: 'distances',
  distanceVariables: 'distance-variables',
  peerValues: 'peer-values',
  quadrant: 'quadrant',
} as const;

const BENCHMARK_LABEL: Record<PeersParams['benchmark'], string> = { average: 'peer average', best5: 'best 5 average', quartile: 'peer quartile' };

function yesNo(value: boolean | null): string {
  return value === null ? '' : value ? 'yes' : 'no';
}

function significanceText(ind: IndicatorResult, params: PeersParams): string {
  if (params.significance === 'none') return '';
  if (ind.significant === null) return 'not tested';
  if (ind.excluded) return 'no (excluded)';
  return yesNo(ind.significant);
}

/** The JSON `--json` prints: home, period, peers, indicators sorted by £ opportunity, and the headline total. */
export function peersJson(a: PeersAnalysis, params: PeersParams, homeName: string | null): JsonValue {
  return {
    home: a.home,
    homeName,
    period: a.period,
    benchmark: params.benchmark,
    significance: params.significance,
    peerSource: a.peerSource,
    peers: a.peers,
    indicators: a.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      homeRate: roundRate(i.homeRate),
      peerAverage: roundRate(i.benchmarks?.peerAverage ?? null),
      best5: roundRate(i.benchmarks?.best5 ?? null),
      benchmark: roundRate(i.benchmark),
      gap: roundRate(i.gap),
      opportunityActivity: roundActivity(i.opportunity.activity),
      opportunityValue: roundMoney(i.opportunity.value),
      quartile: roundRate(i.benchmarks?.quartile ?? null),
      unit: i.unit.label,
      direction: i.direction,
      peersWithValue: i.benchmarks?.count ?? 0,
      significant: i.significant,
      excluded: i.excluded,
      population: i.base,
      unitCost: i.unitCost,
    })),
    total: { opportunityValue: roundMoney(a.total.value), opportunityActivity: roundActivity(a.total.activity) },
  };
}

export function opportunityTable(a: PeersAnalysis, params: PeersParams): ResultTable {
  const rows: Record<string, JsonValue>[] = a.indicators.map((i) => ({
    code: i.code,
    name: i.name,
    unit: i.unit.label,
    direction: i.direction,
    homeRate: roundRate(i.homeRate),
    peerAverage: roundRate(i.benchmarks?.peerAverage ?? null),
    best5: roundRate(i.benchmarks?.best5 ?? null),
    quartile: roundRate(i.benchmarks?.quartile ?? null),
    benchmark: roundRate(i.benchmark),
    gap: roundRate(i.gap),
    significant: significanceText(i, params),
    population: i.base,
    unitCost: i.unitCost,
    opportunityActivity: roundActivity(i.opportunity.activity),
    opportunityValue: roundMoney(i.opportunity.value),
  }));
  rows.push({
    code: '',
    name: 'Total',
    unit: '',
    direction: '',
    homeRate: null,
    peerAverage: null,
    best5: null,
    quartile: null,
    benchmark: null,
    gap: null,
    significant: '',
    population: null,
    unitCost: null,
    opportunityActivity: roundActivity(a.total.activity),
    opportunityValue: roundMoney(a.total.value),
  });
  return {
    id: PEERS_TABLE_IDS.opportunity,
    title: `Opportunity against the ${BENCHMARK_LABEL[params.benchmark]}`,
    columns: [
      { key: 'code', label: 'Indicator', format: 'text' },
      { key: 'name', label: 'Name', format: 'text' },
      { key: 'unit', label: 'Unit', format: 'text' },
      { key: 'direction', label: 'Better', format: 'text' },
      { key: 'homeRate', label: `${a.home} value`, format: 'number' },
      { key: 'peerAverage', label: 'Peer average', format: 'number' },
      { key: 'best5', label: 'Best 5 average', format: 'number' },
      { key: 'quartile', label: 'Peer quartile', format: 'number' },
      { key: 'benchmark', label: 'Benchmark', format: 'number' },
      { key: 'gap', label: 'Gap (+ = worse)', format: 'number' },
      { key: 'significant', label: params.significance === 'none' ? 'Significant' : `Significant (${params.significance}%)`, format: 'text' },
      { key: 'population', label: 'Population', format: 'integer' },
      { key: 'unitCost', label: 'Unit cost', format: 'gbp' },
      { key: 'opportunityActivity', label: 'Opportunity (activity)', format: 'number' },
      { key: 'opportunityValue', label: 'Opportunity (£)', format: 'gbp' },
    ],
    rows,
  };
}

export function distanceTables(a: PeersAnalysis, names: ReadonlyMap<string, string | null>): ResultTable[] {
  const d = a.distances;
  const vars = d?.variables ?? [];
  const peers = new Set(a.peers);
  const distances: ResultTable = {
    id: PEERS_TABLE_IDS.distances,
    title: `Demographic distance from ${a.home}`,
    columns: [
      { key: 'rank', label: 'Rank', format: 'integer' },
      { key: 'org', label: 'Organisation', format: 'text' },
      { key: 'orgName', label: 'Name', format: 'text' },
      { key: 'group', label: 'Group', format: 'text' },
      { key: 'distance', label: 'Distance', format: 'number' },
      ...vars.flatMap((v) => [
        { key: `value:${v.name}`, label: v.name, format: 'number' as const },
        { key: `z:${v.name}`, label: `${v.name} (z)`, format: 'number' as const },
      ]),
    ],
    rows: (d?.rows ?? []).map((r) => {
      const row: Record<string, JsonValue> = {
        rank: r.rank,
        org: r.org,
        orgName: names.get(r.org) ?? null,
        group: r.rank === 0 ? 'home' : peers.has(r.org) ? 'peer' : '',
        distance: roundRate(r.distance),
      };
      vars.forEach((v, k) => {
        row[`value:${v.name}`] = r.values[k] ?? null;
        row[`z:${v.name}`] = roundRate(r.z[k] ?? null);
      });
      return row;
    }),
  };
  const variables: ResultTable = {
    id: PEERS_TABLE_IDS.distanceVariables,
    title: 'Demographic variables: cap at mean + 5 SD, square root, z-score',
    columns: [
      { key: 'variable', label: 'Variable', format: 'text' },
      { key: 'weight', label: 'Weight', format: 'number' },
      { key: 'mean', label: 'Mean', format: 'number' },
      { key: 'sd', label: 'SD (population)', format: 'number' },
      { key: 'cap', label: 'Cap (mean + 5 SD)', format: 'number' },
      { key: 'cappedCount', label: 'Values capped', format: 'integer' },
      { key: 'rootMean', label: 'Mean of √', format: 'number' },
      { key: 'rootSd', label: 'SD of √', format: 'number' },
    ],
    rows: vars.map((v) => ({
      variable: v.name,
      weight: v.weight,
      mean: roundRate(v.mean),
      sd: roundRate(v.sd),
      cap: roundRate(v.cap),
      cappedCount: v.cappedCount,
      rootMean: roundRate(v.rootMean),
      rootSd: roundRate(v.rootSd),
    })),
  };
  return [distances, variables];
}

export function peerValuesTable(a: PeersAnalysis, names: ReadonlyMap<string, string | null>): ResultTable {
  const byCode = [...a.indicators].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  return {
    id: PEERS_TABLE_IDS.peerValues,
    title: 'Indicator values of home and peers',
    columns: [
      { key: 'indicator', label: 'Indicator', format: 'text' },
      { key: 'indicatorName', label: 'Indicator name', format: 'text' },
      { key: 'rank', label: 'Rank (1 = best)', format: 'integer' },
      { key: 'org', label: 'Organisation', format: 'text' },
      { key: 'orgName', label: 'Name', format: 'text' },
      { key: 'role', label: 'Role', format: 'text' },
      { key: 'value', label: 'Value', format: 'number' },
      { key: 'inBest5', label: 'In best 5', format: 'text' },
      { key: 'numerator', label: 'Numerator', format: 'number', count: true },
      { key: 'denominator', label: 'Denominator', format: 'number', count: true },
    ],
    rows: byCode.flatMap((i) =>
      i.values.map((v) => ({
        indicator: i.code,
        indicatorName: i.name,
        rank: v.rank,
        org: v.org,
        orgName: names.get(v.org) ?? null,
        role: v.role,
        value: roundRate(v.value),
        inBest5: v.role === 'peer' ? yesNo(v.inBest5) : '',
        numerator: v.numerator,
        denominator: v.denominator,
      })),
    ),
  };
}

/** Tables, charts and JSON of the view. */
export function buildPeersResult(
  a: PeersAnalysis,
  params: PeersParams,
  names: ReadonlyMap<string, string | null>,
  extraWarnings: readonly string[] = [],
): ViewResult {
  const warnings = [...extraWarnings, ...a.warnings];
  const homeName = names.get(a.home) ?? null;
  const tables: ResultTable[] = [opportunityTable(a, params), ...distanceTables(a, names), peerValuesTable(a, names)];
  const charts: ResultChart[] = a.indicators.map((i) => ({
    id: `rank-${i.code}`,
    title: i.name,
    tableId: PEERS_TABLE_IDS.peerValues,
    option: rankedBarOption(i, a.period, params.benchmark, names),
  }));
  const quadrant = chooseQuadrant(a.indicators, params, warnings);
  if (quadrant) {
    const points = quadrantPoints(quadrant.x, quadrant.y);
    tables.push({
      id: PEERS_TABLE_IDS.quadrant,
      title: `${quadrant.x.name} vs ${quadrant.y.name}`,
      columns: [
        { key: 'org', label: 'Organisation', format: 'text' },
        { key: 'orgName', label: 'Name', format: 'text' },
        { key: 'role', label: 'Role', format: 'text' },
        { key: 'x', label: quadrant.x.name, format: 'number' },
        { key: 'y', label: quadrant.y.name, format: 'number' },
      ],
      rows: points.map((p) => ({ org: p.org, orgName: names.get(p.org) ?? null, role: p.role, x: roundRate(p.x), y: roundRate(p.y) })),
    });
    charts.push({
      id: 'quadrant',
      title: `${quadrant.x.name} vs ${quadrant.y.name}`,
      tableId: PEERS_TABLE_IDS.quadrant,
      option: quadrantOption(quadrant.x, quadrant.y, points, a.period, a.home),
    });
  }
  return {
    template: 'peers',
    title: `Peer benchmarking: ${homeName ? `${homeName} (${a.home})` : a.home}${a.period ? `, ${a.period}` : ''}`,
    tables,
    charts,
    json: peersJson(a, params, homeName),
    warnings,
  };
}
