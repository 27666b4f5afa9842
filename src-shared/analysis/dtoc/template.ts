import type { QueryOptions } from '../../engine/engine';
import { tableToRows } from '../../engine/arrow-values';
import { quoteLiteral } from '../../sql/identifiers';
import type { JsonValue } from '../../format/plain-json';
import { describeTables } from '../mapping';
import type { ResultTable, SqlRunner, TableInfo, ViewResult, ViewSpec, ViewTemplate } from '../view-types';
import { num, str, sum } from '../view-kit/numbers';
import { columnOf, tablesWithColumns } from '../view-kit/sources';
import { monthlyStackChart, paretoChart } from './charts';
import { daysInMonths, monthRows, pareto, periodMeasures, targetProgress, type MonthInput, type TargetSpec } from './measures';
import { dtocParams, type DtocParams } from './params';
import { AGENCIES, classifyAgency, classifyReason, classifySetting, DELAY_REASONS, NOT_STATED, reasonOrder } from './reasons';
import { DTOC_ROLES, recogniseDtoc } from './roles';
import {
  caseMapSql,
  DTOC_OPTIONAL_ROLES,
  dtocAggregateSql,
  dtocDataColumns,
  dtocLayout,
  dtocMappingGaps,
  dtocProfileSql,
  dtocSourceSql,
  populationSql,
} from './sql';

/**
 * DTOC bed days: monthly bed days lost by reason, agency and setting, with
 * average beds occupied, cost, rate per 100,000 aged 18+, change against the
 * same month last year, a reduction target and a Pareto of reasons.
 */

function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

interface PopulationResult {
  total: number | null;
  byArea: Map<string, number> | null;
}

async function population(
  db: SqlRunner,
  info: TableInfo[],
  spec: ViewSpec,
  params: DtocParams,
  las: { code: string | null; name: string | null; days: number }[],
  warnings: string[],
  opts?: QueryOptions,
): Promise<PopulationResult> {
  const popColumn = spec.mapping.population18;
  let byArea: Map<string, number> | null = null;
  if (popColumn) {
    const table = info.find((t) => columnOf(t, popColumn));
    const area = spec.mapping.populationArea;
    if (!table) warnings.push(`The population column "${popColumn}" was not found; rates per 100,000 need population18=… or a population table.`);
    else if (!area || !columnOf(table, area))
      warnings.push(`The population table ${table.table} needs its area code column mapped (populationArea) to match local authorities.`);
    else {
      byArea = new Map();
      for (const r of tableToRows(await db.query(populationSql(table.table, area, popColumn), opts))) {
        const key = str(r.area)?.trim().toLowerCase();
        const value = num(r.population);
        if (key && value !== null) byArea.set(key, (byArea.get(key) ?? 0) + value);
      }
    }
  }
  if (params.population18 !== null) return { total: params.population18, byArea };
  if (!byArea) return { total: null, byArea };
  if (!spec.mapping.localAuthority && !spec.mapping.localAuthorityName) {
    warnings.push('A population table needs the local authority mapped (localAuthority) to give rates per 100,000.');
    return { total: null, byArea };
  }
  const missing: string[] = [];
  let total = 0;
  for (const la of las) {
    if (la.days === 0) continue;
    const pop = lookupPopulation(byArea, la.code, la.name);
    if (pop === null) missing.push(la.name ?? la.code ?? NOT_STATED);
    else total += pop;
  }
  if (missing.length) {
    warnings.push(`No population aged 18+ for ${missing.join(', ')}: no overall rate per 100,000 (filter with localAuthority=… or give population18=…).`);
    return { total: null, byArea };
  }
  const counted = las.filter((l) => l.days !== 0).length;
  if (counted > 1 && params.localAuthority.length === 0)
    warnings.push(
      `The rate per 100,000 uses the combined population aged 18+ of the ${counted} local authorities in the data; filter with localAuthority=… for one area.`,
    );
  return { total: total || null, byArea };
}

function lookupPopulation(byArea: Map<string, number>, code: string | null, name: string | null): number | null {
  for (const k of [code, name]) {
    const v = k ? byArea.get(k.trim().toLowerCase()) : undefined;
    if (v !== undefined) return v;
  }
  return null;
}

export const dtocTemplate: ViewTemplate = {
  id: 'dtoc',
  title: 'Delayed transfers of care: bed days lost',
  description:
    'Monthly bed days lost to delayed transfers of care by reason, agency and setting: average beds occupied, cost, rate per 100,000 aged 18+, change against last year, progress against a reduction target and a Pareto of reasons.',
  roles: DTOC_ROLES,
  params: dtocParams,
  parseParams: (raw) => dtocParams.json(raw),
  recognise: recogniseDtoc,
  mappingGaps: dtocMappingGaps,
  async run(db, spec, opts) {
    const params = dtocParams.parse(spec.params);
    const warnings: string[] = [];
    const mapping = spec.mapping;
    if (!mapping.month) throw new Error('Map the month column (month).');
    const layout = dtocLayout(mapping);
    if (layout.kind === 'long' && (mapping.nhsDays || mapping.socialCareDays || mapping.bothDays))
      warnings.push('Both "bedDays" and per-agency columns are mapped; using "bedDays".');
    const info = await describeTables(db, spec.tables);
    const required = dtocDataColumns(mapping, layout);
    const { use, partial } = tablesWithColumns(info, required);
    if (use.length === 0) throw new Error(`No table has the mapped month and bed-day columns (${required.join(', ')}).`);
    for (const p of partial) warnings.push(`Table ${p.table} was not read: it lacks ${p.missing.join(', ')}.`);
    for (const role of DTOC_OPTIONAL_ROLES) {
      const column = role === 'agency' && layout.kind === 'wide' ? undefined : mapping[role];
      const lacking = column ? use.filter((t) => !columnOf(t, column)).map((t) => t.table) : [];
      if (column && lacking.length && !(role === 'year' && mapping.month && use.every((t) => columnOf(t, mapping.month!)?.kind === 'date')))
        warnings.push(`Column "${column}" (${role}) is missing from ${lacking.join(', ')}; those rows have no ${role}.`);
    }
    const source = dtocSourceSql(use, mapping, layout);

    // Profile: classify raw categories, find the months.
    // In a fixed order: a multi-threaded engine returns the groups in any order, and the CASE mappings
    // below are written in this order, so the same data always gives the same SQL.
    const key = (r: Record<string, unknown>) => `${String(r.kind)}\u0000${r.value === null || r.value === undefined ? '' : `\u0001${String(r.value)}`}`;
    const profile = tableToRows(await db.query(dtocProfileSql(source), opts)).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const reasonMap = new Map<string | null, string>();
    const agencyMap = new Map<string | null, string>();
    const settingMap = new Map<string | null, string>();
    const unknownReasons: string[] = [];
    let spine: string[] = [];
    for (const r of profile) {
      const value = str(r.value);
      const n = num(r.n) ?? 0;
      if (r.kind === 'reason') {
        const c = classifyReason(value);
        reasonMap.set(value, c.code);
        if (!c.known && value !== null && value.trim() !== '') unknownReasons.push(value);
      } else if (r.kind === 'agency') agencyMap.set(value, classifyAgency(value));
      else if (r.kind === 'setting') settingMap.set(value, classifySetting(value));
      else if (r.kind === 'month' && value) spine.push(value);
      else if (r.kind === 'no-month' && n > 0) warnings.push(`${n} rows have no recognisable month and were left out.`);
    }
    if (unknownReasons.length) warnings.push(`Reasons not recognised as A–I (kept as they are): ${unknownReasons.sort().join(', ')}.`);
    spine.sort();
    if (params.from) spine = spine.filter((m) => m >= params.from!);
    if (params.to) spine = spine.filter((m) => m <= params.to!);
    if (spine.length === 0) throw new Error('No months with data in the chosen range.');

    const hasAgency = layout.kind === 'wide' || layout.agency !== null;
    const hasSetting = Boolean(mapping.setting);
    for (const [param, role] of [
      ['provider', 'provider'],
      ['localAuthority', 'localAuthority'],
    ] as const) {
      if (params[param].length && !mapping[role] && !mapping[`${role}Name`]) throw new Error(`The ${param} filter needs the ${role} column mapped.`);
    }
    if (params.setting !== 'all' && !hasSetting) throw new Error('The setting filter needs the acute / non-acute column mapped (setting).');
    if (params.agency.length && !hasAgency) throw new Error('The agency filter needs an agency column (agency) or per-agency bed-day columns.');
    const aggSql = dtocAggregateSql(
      source,
      {
        reason: caseMapSql('reason_raw', reasonMap, `coalesce(trim(reason_raw), ${quoteLiteral(NOT_STATED)})`),
        agency: caseMapSql('agency_raw', agencyMap, `coalesce(trim(agency_raw), ${quoteLiteral(NOT_STATED)})`),
        setting: caseMapSql('setting_raw', settingMap, `coalesce(trim(setting_raw), ${quoteLiteral(NOT_STATED)})`),
      },
      {
        from: params.from,
        to: params.to,
        provider: params.provider,
        localAuthority: params.localAuthority,
        settings: params.setting === 'all' ? null : [params.setting === 'acute' ? 'Acute' : 'Non-acute'],
        reasons: params.reason.length ? params.reason.map((r) => classifyReason(r).code) : null,
        agencies: params.agency.length ? params.agency.map(classifyAgency) : null,
      },
    );
    const agg = tableToRows(await db.query(aggSql, opts));

    const inputs = new Map<string, MonthInput>();
    const input = (m: string): MonthInput => {
      let i = inputs.get(m);
      if (!i) inputs.set(m, (i = { month: m, bedDays: 0, agency: {}, setting: {} }));
      return i;
    };
    const monthReason: { month: string; code: string; bedDays: number }[] = [];
    const providers: { code: string | null; name: string | null; days: number }[] = [];
    const las: { code: string | null; name: string | null; days: number }[] = [];
    for (const r of agg) {
      const days = num(r.days) ?? 0;
      const m = str(r.m);
      switch (r.kind) {
        case 'month':
          if (m) input(m).bedDays = days;
          break;
        case 'reason':
          if (m) monthReason.push({ month: m, code: String(r.reason), bedDays: days });
          break;
        case 'agency':
          if (m) input(m).agency[String(r.agency)] = days;
          break;
        case 'setting':
          if (m) input(m).setting[String(r.setting)] = days;
          break;
        case 'provider':
          providers.push({ code: str(r.provider), name: str(r.provider_name), days });
          break;
        case 'la':
          las.push({ code: str(r.la), name: str(r.la_name), days });
          break;
      }
    }

    const pop = await population(db, info, spec, params, las, warnings, opts);
    const target: TargetSpec | null =
      params.target !== null && params.baseline && params.targetMonth
        ? { target: params.target, baselineMonth: params.baseline, targetMonth: params.targetMonth, path: params.targetPath }
        : null;
    if (target && !spine.includes(target.baselineMonth))
      throw new Error(`The baseline month ${target.baselineMonth} is not in the data (${spine[0]} to ${spine[spine.length - 1]}).`);
    const months = monthRows(spine, inputs, { costPerBedDay: params.costPerBedDay, population18: pop.total, hasAgency, hasSetting, target });
    const totalDays = sum(months.map((m) => m.bedDays));
    const periodDays = daysInMonths(spine);
    const measures = (days: number, population18: number | null = pop.total) =>
      periodMeasures(days, totalDays, periodDays, spine.length, params.costPerBedDay, population18);

    // Reasons: totals (Pareto order) and the monthly split.
    const reasonTotals = new Map<string, number>();
    for (const r of monthReason) if (spine.includes(r.month)) reasonTotals.set(r.code, (reasonTotals.get(r.code) ?? 0) + r.bedDays);
    const labelOf = (code: string): string => DELAY_REASONS.find((d) => d.code === code)?.label ?? code;
    const byReason = pareto([...reasonTotals].map(([code, bedDays]) => ({ code, label: labelOf(code), bedDays }))).map((p) => ({
      ...p,
      ...measures(p.bedDays),
    }));
    const reasonCodes = [...reasonTotals.keys()].sort((a, b) => reasonOrder(a) - reasonOrder(b) || a.localeCompare(b));
    const monthReasonIndex = new Map(monthReason.map((r) => [`${r.month}|${r.code}`, r.bedDays]));
    const monthsByReason = spine.flatMap((month) =>
      reasonCodes.map((code) => ({ month, code, label: labelOf(code), bedDays: monthReasonIndex.get(`${month}|${code}`) ?? 0 })),
    );

    const agencyTotals = new Map<string, number>();
    const settingTotals = new Map<string, number>();
    for (const m of spine) {
      for (const [k, v] of Object.entries(inputs.get(m)?.agency ?? {})) agencyTotals.set(k, (agencyTotals.get(k) ?? 0) + v);
      for (const [k, v] of Object.entries(inputs.get(m)?.setting ?? {})) settingTotals.set(k, (settingTotals.get(k) ?? 0) + v);
    }
    const agencyOrder = (a: string): number => {
      const i = (AGENCIES as readonly string[]).indexOf(a);
      return i < 0 ? AGENCIES.length : i;
    };
    const byAgency = hasAgency
      ? [...agencyTotals].sort((a, b) => agencyOrder(a[0]) - agencyOrder(b[0]) || a[0].localeCompare(b[0])).map(([agency, d]) => ({ agency, ...measures(d) }))
      : [];
    const bySetting = hasSetting ? [...settingTotals].sort((a, b) => a[0].localeCompare(b[0])).map(([setting, d]) => ({ setting, ...measures(d) })) : [];
    const byProvider =
      mapping.provider || mapping.providerName
        ? providers
            .sort((a, b) => b.days - a.days || String(a.code).localeCompare(String(b.code)))
            .map((p) => ({ code: p.code, name: p.name, ...measures(p.days, null) }))
        : [];
    const byLocalAuthority =
      mapping.localAuthority || mapping.localAuthorityName
        ? las
            .sort((a, b) => b.days - a.days || String(a.code).localeCompare(String(b.code)))
            .map((l) => {
              const p18 = pop.byArea ? lookupPopulation(pop.byArea, l.code, l.name) : null;
              return { code: l.code, name: l.name, population18: p18, ...measures(l.days, p18) };
            })
        : [];
    const progress = target ? targetProgressFor(target, months) : null;

    const json = toJson({
      costPerBedDay: params.costPerBedDay,
      population18: pop.total,
      filters: {
        provider: params.provider,
        localAuthority: params.localAuthority,
        setting: params.setting,
        reason: params.reason,
        agency: params.agency,
        from: params.from,
        to: params.to,
      },
      period: { from: spine[0], to: spine[spine.length - 1], months: spine.length, days: periodDays },
      totals: measures(totalDays),
      months,
      monthsByReason,
      byReason,
      byAgency,
      bySetting,
      byProvider,
      byLocalAuthority,
      target: progress,
    });

    const tables = buildTables(
      months,
      reasonCodes,
      monthsByReason,
      byReason,
      byAgency,
      bySetting,
      byProvider,
      byLocalAuthority,
      hasAgency,
      hasSetting,
      pop.total !== null,
    );
    const charts = [
      monthlyStackChart(
        'dtoc-monthly-by-reason',
        'Bed days lost by reason for delay',
        'dtoc-monthly-by-reason',
        months,
        reasonCodes.map((code) => ({ name: `${code} ${labelOf(code)}`.trim(), values: spine.map((m) => monthReasonIndex.get(`${m}|${code}`) ?? 0) })),
        params.targetPath,
      ),
      ...(hasAgency
        ? [
            monthlyStackChart(
              'dtoc-monthly-by-agency',
              'Bed days lost by responsible agency',
              'dtoc-months',
              months,
              [...agencyTotals.keys()]
                .sort((a, b) => agencyOrder(a) - agencyOrder(b))
                .map((a) => ({ name: a, values: spine.map((m) => inputs.get(m)?.agency[a] ?? 0) })),
              params.targetPath,
            ),
          ]
        : []),
      paretoChart('dtoc-pareto', 'Bed days lost by reason: Pareto', 'dtoc-by-reason', byReason),
    ];
    return { template: 'dtoc', title: dtocTemplate.title, tables, charts, json, warnings } satisfies ViewResult;
  },
};

function targetProgressFor(target: TargetSpec, months: { month: string; bedDays: number }[]) {
  return targetProgress(
    target,
    new Map(months.map((m) => [m.month, m.bedDays])),
    months.map((m) => m.month),
  );
}

function buildTables(
  months: ReturnType<typeof monthRows>,
  reasonCodes: string[],
  monthsByReason: { month: string; code: string; bedDays: number }[],
  byReason: Record<string, unknown>[],
  byAgency: Record<string, unknown>[],
  bySetting: Record<string, unknown>[],
  byProvider: Record<string, unknown>[],
  byLocalAuthority: Record<string, unknown>[],
  hasAgency: boolean,
  hasSetting: boolean,
  hasRate: boolean,
): ResultTable[] {
  const rows = (list: unknown[]) => toJson(list) as Record<string, JsonValue>[];
  const monthColumns: ResultTable['columns'] = [
    { key: 'month', label: 'Month', format: 'month' },
    { key: 'bedDays', label: 'Bed days lost', format: 'integer', count: true },
    { key: 'averageBedsOccupied', label: 'Average beds occupied', format: 'number', derivedFrom: 'bedDays' },
    { key: 'cost', label: 'Cost', format: 'gbp', derivedFrom: 'bedDays' },
    ...(hasRate
      ? [
          { key: 'ratePer100k', label: 'Bed days per 100,000 aged 18+', format: 'number' as const, derivedFrom: 'bedDays' },
          { key: 'bedsPer100k', label: 'Beds per 100,000 aged 18+', format: 'number' as const, derivedFrom: 'bedDays' },
        ]
      : []),
    { key: 'lastYearBedDays', label: 'Same month last year', format: 'integer', count: true },
    { key: 'change', label: 'Change', format: 'integer', count: true, differenceOf: ['bedDays', 'lastYearBedDays'] },
    { key: 'changePct', label: 'Change %', format: 'percent', derivedFrom: 'change' },
    ...(hasAgency
      ? [
          { key: 'nhs', label: 'NHS', format: 'integer' as const, count: true },
          { key: 'socialCare', label: 'Social Care', format: 'integer' as const, count: true },
          { key: 'both', label: 'Both', format: 'integer' as const, count: true },
        ]
      : []),
    ...(hasSetting
      ? [
          { key: 'acute', label: 'Acute', format: 'integer' as const, count: true },
          { key: 'nonAcute', label: 'Non-acute', format: 'integer' as const, count: true },
        ]
      : []),
    ...(months.some((m) => m.target !== null) ? [{ key: 'target', label: 'Target', format: 'integer' as const }] : []),
  ];
  const wide = months.map((m) => {
    const row: Record<string, JsonValue> = { month: m.month };
    for (const code of reasonCodes) row[code] = 0;
    return row;
  });
  const index = new Map(wide.map((r) => [r.month as string, r]));
  for (const r of monthsByReason) {
    const row = index.get(r.month);
    if (row) row[r.code] = r.bedDays;
  }
  months.forEach((m, i) => {
    wide[i]!.total = m.bedDays;
    if (m.target !== null) wide[i]!.target = m.target;
  });
  const measureColumns = (first: ResultTable['columns']): ResultTable['columns'] => [
    ...first,
    { key: 'bedDays', label: 'Bed days lost', format: 'integer', count: true },
    { key: 'share', label: 'Share', format: 'percent', derivedFrom: 'bedDays' },
    { key: 'averagePerMonth', label: 'Average a month', format: 'number', derivedFrom: 'bedDays' },
    { key: 'averageBedsOccupied', label: 'Average beds occupied', format: 'number', derivedFrom: 'bedDays' },
    { key: 'cost', label: 'Cost', format: 'gbp', derivedFrom: 'bedDays' },
  ];
  const tables: ResultTable[] = [
    { id: 'dtoc-months', title: 'Bed days lost by month', columns: monthColumns, rows: rows(months) },
    {
      id: 'dtoc-monthly-by-reason',
      title: 'Bed days lost by month and reason',
      columns: [
        { key: 'month', label: 'Month', format: 'month' },
        ...reasonCodes.map((c) => ({ key: c, label: c, format: 'integer' as const, count: true })),
        { key: 'total', label: 'Total', format: 'integer', count: true },
        ...(months.some((m) => m.target !== null) ? [{ key: 'target', label: 'Target', format: 'integer' as const }] : []),
      ],
      rows: wide,
    },
    {
      id: 'dtoc-by-reason',
      title: 'Bed days lost by reason (Pareto)',
      columns: measureColumns([
        { key: 'rank', label: 'Rank', format: 'integer' },
        { key: 'code', label: 'Code', format: 'text' },
        { key: 'label', label: 'Reason for delay', format: 'text' },
      ]).concat([{ key: 'cumulativeShare', label: 'Cumulative %', format: 'percent', derivedFrom: 'bedDays' }]),
      rows: rows(byReason),
    },
  ];
  if (hasAgency)
    tables.push({
      id: 'dtoc-by-agency',
      title: 'Bed days lost by agency',
      columns: measureColumns([{ key: 'agency', label: 'Agency', format: 'text' }]),
      rows: rows(byAgency),
    });
  if (hasSetting)
    tables.push({
      id: 'dtoc-by-setting',
      title: 'Bed days lost: acute and non-acute',
      columns: measureColumns([{ key: 'setting', label: 'Setting', format: 'text' }]),
      rows: rows(bySetting),
    });
  if (byProvider.length)
    tables.push({
      id: 'dtoc-by-provider',
      title: 'Bed days lost by provider',
      columns: measureColumns([
        { key: 'code', label: 'Provider code', format: 'text' },
        { key: 'name', label: 'Provider', format: 'text' },
      ]),
      rows: rows(byProvider),
    });
  if (byLocalAuthority.length)
    tables.push({
      id: 'dtoc-by-local-authority',
      title: 'Bed days lost by local authority',
      columns: measureColumns([
        { key: 'code', label: 'Local authority code', format: 'text' },
        { key: 'name', label: 'Local authority', format: 'text' },
      ]).concat([
        { key: 'population18', label: 'Population 18+', format: 'integer' },
        { key: 'ratePer100k', label: 'Bed days per 100,000 aged 18+', format: 'number' },
        { key: 'bedsPer100k', label: 'Beds per 100,000 aged 18+', format: 'number' },
      ]),
      rows: rows(byLocalAuthority),
    });
  return tables;
}
