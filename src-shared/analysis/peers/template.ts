import { tableToRows, type PlainRow } from '../../engine/arrow-values';
import type { QueryOptions } from '../../engine/engine';
import type { JsonValue } from '../../format/plain-json';
import { parseFinancialYear } from '../financial-year';
import { describeTables } from '../mapping';
import type { SqlRunner, ViewResult, ViewSpec, ViewTemplate } from '../view-types';
import { analysePeers, type DemographicsInput, type IndicatorRecord, type OrgRecord } from './analyse';
import { peersHeadline } from './headline';
import { peersParams } from './params';
import { buildPeersResult } from './result';
import { PEERS_ROLES, peersCompanionTables, peersMappingGaps, resolvePeersColumns, type IndicatorColumns, type OrgColumn, type PeersColumns } from './roles';
import { indicatorRowsSql, orgColumnsSql, periodsSql } from './sql';

/**
 * RightCare-style peer benchmarking (GitHub issue 6) as a view template:
 * read the mapped columns with SQL (sql.ts), compare the home organisation
 * with its peers (analyse.ts) and build tables, charts and JSON (result.ts).
 */

function str(v: PlainRow[string] | undefined): string | null {
  return v === null || v === undefined ? null : String(v);
}

function numOrNull(v: PlainRow[string] | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The latest of several periods: by financial year when every label is one (2015/16, 16/17…), else by text. */
export function latestPeriod(periods: readonly string[]): string | null {
  if (periods.length === 0) return null;
  const years = periods.map((p) => parseFinancialYear(p));
  if (years.every((y) => y !== null)) {
    let best = 0;
    years.forEach((y, i) => {
      if (y > (years[best] as number)) best = i;
    });
    return periods[best]!;
  }
  return [...periods].sort().at(-1)!;
}

async function choosePeriod(db: SqlRunner, c: IndicatorColumns, wanted: string | null, warnings: string[], opts?: QueryOptions): Promise<string | null> {
  if (!c.period) {
    if (wanted !== null) warnings.push(`Parameter "period" (${wanted}) is ignored: no period column is mapped.`);
    return null;
  }
  const periods = tableToRows(await db.query(periodsSql(c.table, c.period), opts)).map((r) => String(r.period));
  if (wanted === null) return latestPeriod(periods);
  const found =
    periods.find((p) => p === wanted) ?? periods.find((p) => parseFinancialYear(p) !== null && parseFinancialYear(p) === parseFinancialYear(wanted));
  if (!found) throw new Error(`Parameter "period": ${wanted} is not in the data; periods: ${periods.join(', ')}.`);
  return found;
}

async function loadOrgRecords(
  db: SqlRunner,
  cols: PeersColumns,
  period: string | null,
  warnings: string[],
  opts?: QueryOptions,
): Promise<Map<string, OrgRecord>> {
  const orgs = new Map<string, OrgRecord>();
  const sources: [keyof OrgRecord, OrgColumn | null][] = [
    ['name', cols.orgName],
    ['population', cols.population],
    ['weightedPopulation', cols.weightedPopulation],
  ];
  const groups = new Map<string, { table: string; key: string; periodColumn: string | null; fields: [keyof OrgRecord, string][] }>();
  for (const [field, src] of sources) {
    if (!src) continue;
    const id = JSON.stringify([src.table, src.key, src.periodColumn]);
    const g = groups.get(id) ?? { table: src.table, key: src.key, periodColumn: src.periodColumn, fields: [] };
    g.fields.push([field, src.column]);
    groups.set(id, g);
  }
  for (const g of groups.values()) {
    const numeric = g.fields.filter(([f]) => f !== 'name');
    const text = g.fields.filter(([f]) => f === 'name');
    const sql = orgColumnsSql(
      g.table,
      g.key,
      numeric.map(([, c]) => c),
      text.map(([, c]) => c),
      g.periodColumn && period !== null ? { column: g.periodColumn, value: period } : null,
    );
    const rows = tableToRows(await db.query(sql, opts));
    if (g.table !== cols.indicators.table) {
      const dup = rows.filter((r) => (numOrNull(r.n_rows) ?? 0) > 1).map((r) => String(r.org));
      if (dup.length)
        warnings.push(`Table ${g.table} has several rows for ${dup.slice(0, 8).join(', ')}: their ${g.fields.map(([, c]) => c).join(', ')} are averaged.`);
    }
    for (const r of rows) {
      const org = String(r.org);
      const rec = orgs.get(org) ?? { name: null, population: null, weightedPopulation: null };
      numeric.forEach(([f], i) => {
        (rec as unknown as Record<string, number | null>)[f] = numOrNull(r[`n${i}`]);
      });
      if (text.length) rec.name = str(r.t0);
      orgs.set(org, rec);
    }
  }
  return orgs;
}

async function loadDemographics(db: SqlRunner, cols: PeersColumns, warnings: string[], opts?: QueryOptions): Promise<DemographicsInput | null> {
  const d = cols.demographics;
  if (!d) return null;
  const rows = tableToRows(await db.query(orgColumnsSql(d.table, d.key, d.variables, []), opts));
  const dup = rows.filter((r) => (numOrNull(r.n_rows) ?? 0) > 1).map((r) => String(r.org));
  if (dup.length) warnings.push(`Table ${d.table} has several rows for ${dup.slice(0, 8).join(', ')}: their demographic values are averaged.`);
  return { variables: d.variables, rows: rows.map((r) => ({ org: String(r.org), values: d.variables.map((_, i) => numOrNull(r[`n${i}`])) })) };
}

export const peersTemplate: ViewTemplate = {
  id: 'peers',
  title: 'Peer benchmarking (RightCare)',
  description:
    'Compare an organisation with its peers — a given list, or the N most similar on demographic variables — indicator by indicator: peer average, best 5 and quartile benchmarks, optional significance, and the opportunity in activity and £ if it matched the benchmark.',
  roles: PEERS_ROLES,
  params: peersParams,
  parseParams: (raw: Record<string, JsonValue>) => peersParams.json(raw),
  mappingGaps: peersMappingGaps,
  companionTables: peersCompanionTables,
  headline: peersHeadline,
  async run(db: SqlRunner, spec: ViewSpec, opts?: QueryOptions): Promise<ViewResult> {
    const params = peersParams.parse(spec.params);
    const warnings: string[] = [];
    const info = await describeTables(db, spec.tables);
    const cols = resolvePeersColumns(info, spec.mapping, params.demographics);
    const period = await choosePeriod(db, cols.indicators, params.period, warnings, opts);
    const records: IndicatorRecord[] = tableToRows(await db.query(indicatorRowsSql(cols.indicators, period), opts)).map((r) => ({
      org: String(r.org),
      indicator: String(r.indicator),
      indicatorName: str(r.indicator_name),
      unit: str(r.unit),
      direction: str(r.direction),
      value: numOrNull(r.value),
      numerator: numOrNull(r.numerator),
      denominator: numOrNull(r.denominator),
      unitCost: numOrNull(r.unit_cost),
      rows: numOrNull(r.n_rows) ?? 1,
    }));
    if (records.length === 0) throw new Error(`No indicator rows${period ? ` in ${period}` : ''} in ${cols.indicators.table}.`);
    const orgs = await loadOrgRecords(db, cols, period, warnings, opts);
    const demographics = await loadDemographics(db, cols, warnings, opts);
    const analysis = analysePeers({
      params,
      period,
      records,
      orgs,
      demographics,
      hasRatio: cols.indicators.numerator !== null && cols.indicators.denominator !== null,
    });
    const names = new Map([...orgs].map(([code, o]) => [code, o.name]));
    return buildPeersResult(analysis, params, names, warnings);
  },
};
