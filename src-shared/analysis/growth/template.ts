import { tableToRows } from '../../engine/arrow-values';
import type { JsonValue } from '../../format/plain-json';
import { describeTables } from '../mapping';
import type { ResultTable, ViewHeadline, ViewResult, ViewTemplate } from '../view-types';
import { monthIndex } from '../view-kit/months';
import { num, str } from '../view-kit/numbers';
import { columnOf, tablesWithColumns } from '../view-kit/sources';
import { growthChangeChart, growthIndexChart, growthLineChart } from './charts';
import {
  buildSeries,
  changeRow,
  forecastRow,
  periodKey,
  periodLabel,
  seriesRows,
  ytdRow,
  type ForecastRow,
  type Periods,
  type RawValue,
  type YtdRow,
} from './measures';
import { growthParams } from './params';
import { GROWTH_ROLES } from './roles';
import { decidePeriodMode } from '../view-kit/period-mode';
import { growthAggregateSql, growthDataColumns, growthProfileSql, growthSourceSql, populationTableSql } from './sql';

/**
 * Activity growth by point of delivery (or any grouping), by financial year
 * or month: year-on-year and year-to-date change, change over n years, CAGR,
 * index, rate per 1,000 and a compounded forecast.
 */

function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

export const growthTemplate: ViewTemplate = {
  id: 'growth',
  title: 'Activity growth',
  description:
    'Growth by point of delivery or any grouping, by financial year or month: year-on-year and year-to-date change, change over n years, CAGR, index, rate per 1,000 population and a forecast from demographic and non-demographic growth.',
  roles: GROWTH_ROLES,
  roleAliases: { pod: 'group', pointOfDelivery: 'group' },
  params: growthParams,
  parseParams: (raw) => growthParams.json(raw),
  headline: growthHeadline,
  async run(db, spec, opts) {
    const params = growthParams.parse(spec.params);
    const warnings: string[] = [];
    const mapping = spec.mapping;
    if (!mapping.period || !mapping.value) throw new Error('Map the period and value columns (period, value).');
    const info = await describeTables(db, spec.tables);
    const required = [mapping.period, mapping.value];
    const { use } = tablesWithColumns(info, required);
    if (use.length === 0) throw new Error(`No table has both ${required.join(' and ')}.`);
    for (const col of growthDataColumns(mapping))
      if (!use.every((t) => columnOf(t, col))) warnings.push(`Column "${col}" is missing from some tables; their rows have no value for it.`);
    const popTable = mapping.population ? info.find((t) => columnOf(t, mapping.population!)) : undefined;
    const popInData = Boolean(popTable && use.some((t) => t.table === popTable.table));
    const source = growthSourceSql(use, mapping, { area: params.area, columns: params.filters }, popInData);

    // How to read the period.
    const prof = tableToRows(await db.query(growthProfileSql(source), opts))[0] ?? {};
    const mode = decidePeriodMode(prof, mapping.period);
    if ((num(prof.p_missing) ?? 0) > 0) warnings.push(`${num(prof.p_missing)} rows have no period and were left out.`);
    if ((num(prof.no_value) ?? 0) > 0) warnings.push(`${num(prof.no_value)} rows have no value (blank or suppressed) and count as nothing.`);
    if (params.grain === 'month' && mode !== 'month')
      throw new Error(`grain=month needs a period column with dates or months; "${mapping.period}" holds ${mode === 'fy' ? 'financial years' : 'years'}.`);
    const periods: Periods = { grain: params.grain, mode };

    // Values and population.
    const agg = tableToRows(await db.query(growthAggregateSql(source, mode), opts));
    const raw: RawValue[] = [];
    const dataPop = new Map<string, number>();
    for (const r of agg) {
      const p = str(r.p);
      const v = num(r.value);
      if (p === null || v === null) continue;
      if (r.kind === 'value') raw.push({ group: String(r.grp), label: str(r.grp_label), period: p, value: v });
      else dataPop.set(p, v);
    }
    const { series, spine, monthsInYear } = buildSeries(periods, raw);
    if (spine.length === 0) throw new Error('No values to compare.');
    const partial = [...monthsInYear].filter(([, m]) => m < 12).map(([k]) => periodLabel(periods, k));
    if (partial.length) warnings.push(`Incomplete financial years (fewer than 12 months of data): ${partial.join(', ')}.`);

    let tablePop: { period: string | null; fy: number | null; population: number }[] = [];
    if (popTable && !popInData) {
      tablePop = tableToRows(await db.query(populationTableSql(popTable, mapping, params.area), opts)).map((r) => ({
        period: str(r.period),
        fy: num(r.fy),
        population: num(r.population) ?? 0,
      }));
      const filtered = params.area.length > 0 && Boolean(mapping.populationArea && columnOf(popTable, mapping.populationArea));
      if (!filtered)
        warnings.push(
          `The population is the sum of every row of ${popTable.table}${mapping.populationPeriod ? ' for each period' : ''}; map populationArea and give area=… to pick one area.`,
        );
    }
    const populationOf = (key: number): number | null => {
      const label = periodLabel(periods, key);
      if (params.population[label] !== undefined) return params.population[label];
      if (params.population['*'] !== undefined) return params.population['*'];
      if (tablePop.length) {
        if (tablePop.length === 1 && tablePop[0]!.period === null) return tablePop[0]!.population;
        const fy = periods.grain === 'month' ? Math.floor((key - 3) / 12) : key;
        const exact = tablePop.find((t) => t.period === label);
        return exact?.population ?? tablePop.find((t) => t.fy === fy)?.population ?? null;
      }
      if (dataPop.size) {
        if (periods.grain === 'month' || mode !== 'month') return dataPop.get(mode === 'month' ? label : String(key)) ?? null;
        const values = [...dataPop].filter(([m]) => Math.floor((monthIndex(m) - 3) / 12) === key).map(([, v]) => v);
        return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
      }
      return null;
    };

    // Index base, change period.
    const keyOrFail = (label: string | null, name: string, dflt: number): number => {
      if (label === null) return dflt;
      const k = periodKey(periods, label);
      if (k === null || !spine.includes(k))
        throw new Error(
          `Parameter "${name}" (${label}) is not a period in the data (${periodLabel(periods, spine[0]!)} to ${periodLabel(periods, spine[spine.length - 1]!)}).`,
        );
      return k;
    };
    const base = keyOrFail(params.baseYear, 'baseYear', spine[0]!);
    const from = keyOrFail(params.from, 'from', spine[0]!);
    const to = keyOrFail(params.to, 'to', spine[spine.length - 1]!);
    if (to <= from && spine.length > 1) throw new Error(`Parameter "to" must come after "from".`);

    const rows = series.flatMap((s) => seriesRows(periods, s, spine, base, populationOf, params.ratePer, monthsInYear));
    const changes = series.map((s) => changeRow(periods, s, from, to));

    // Year to date (month data).
    let yearToDate: { throughMonth: string; year: string; rows: YtdRow[] } | null = null;
    if (mode === 'month') {
      const allMonths = [...new Set(raw.map((r) => monthIndex(r.period)))].sort((a, b) => a - b);
      const ytdMonth = params.ytdMonth ? monthIndex(params.ytdMonth) : allMonths[allMonths.length - 1]!;
      const ytd = series.map((s) => ytdRow(s, ytdMonth)).filter((r) => r !== null);
      if (ytd[0]) yearToDate = { throughMonth: ytd[0].throughMonth, year: ytd[0].year, rows: ytd };
    }

    // Forecast (financial years).
    let forecast: ForecastRow[] = [];
    let forecastInfo: Record<string, unknown> | null = null;
    if (params.forecastTo) {
      if (periods.grain !== 'year') warnings.push('The forecast is made on financial years: run with grain=year to see it.');
      else {
        const toKey = periodKey(periods, params.forecastTo)!;
        const baselineKey = params.baseline ? periodKey(periods, params.baseline)! : [...spine].reverse().find((k) => k < toKey);
        if (baselineKey === undefined || !spine.includes(baselineKey))
          throw new Error(
            `No baseline year in the data before ${params.forecastTo}${params.baseline ? ` (baseline=${params.baseline} is not in the data)` : ''}.`,
          );
        if (toKey <= baselineKey) throw new Error(`forecastTo (${params.forecastTo}) must come after the baseline (${periodLabel(periods, baselineKey)}).`);
        if (monthsInYear.size && (monthsInYear.get(baselineKey) ?? 0) < 12)
          warnings.push(`The baseline year ${periodLabel(periods, baselineKey)} has fewer than 12 months of data.`);
        const known = new Set(series.map((s) => s.group.toLowerCase()));
        for (const m of [params.growth, params.demographic, params.nonDemographic])
          for (const k of Object.keys(m)) if (k !== '*' && !known.has(k.toLowerCase())) warnings.push(`No group "${k}" in the data for its growth rate.`);
        forecast = series.map((s) => forecastRow(periods, s, baselineKey, toKey, params)).filter((r) => r !== null);
        const missing = series.filter((s) => !s.values.has(baselineKey)).map((s) => s.label);
        if (missing.length) warnings.push(`No baseline value in ${periodLabel(periods, baselineKey)} for ${missing.join(', ')}: not forecast.`);
        forecastInfo = { baseline: periodLabel(periods, baselineKey), forecastTo: periodLabel(periods, toKey), years: toKey - baselineKey };
      }
    }

    const periodLabels = spine.map((k) => periodLabel(periods, k));
    const baseLabel = periodLabel(periods, base);
    const json = toJson({
      grain: periods.grain,
      periodType: mode === 'fy' ? 'financial-year' : mode === 'number' ? 'year' : 'month',
      baseYear: baseLabel,
      ratePer: params.ratePer,
      periods: periodLabels,
      groups: series.map((s) => ({ group: s.group, label: s.label })),
      series: rows,
      changes: { from: periodLabel(periods, from), to: periodLabel(periods, to), rows: changes },
      yearToDate,
      forecast: forecastInfo
        ? {
            ...forecastInfo,
            rows: forecast.map(({ path: _path, ...r }) => r),
            path: forecast.flatMap((f) => f.path.map((p) => ({ group: f.group, label: f.label, period: p.period, value: p.value }))),
          }
        : null,
    });

    const tables = growthTables(rows, changes, yearToDate?.rows ?? [], forecast, periods, baseLabel, params.ratePer);
    const charts = [
      growthLineChart(periodLabels, rows, forecast),
      growthIndexChart(periodLabels, rows, forecast, baseLabel),
      growthChangeChart(changes, periodLabel(periods, from), periodLabel(periods, to)),
    ];
    return { template: 'growth', title: growthTemplate.title, tables, charts, json, warnings } satisfies ViewResult;
  },
};

/**
 * The growth view's headline: total activity's change between the two years compared, which the
 * header names, so the comparison is never chosen silently (`from`/`to` under Settings change it).
 */
export function growthHeadline(result: ViewResult): ViewHeadline | null {
  const json = result.json;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null;
  const changes = json.changes;
  if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) return null;
  const rows = Array.isArray(changes.rows) ? changes.rows : [];
  let start = 0;
  let end = 0;
  for (const r of rows) {
    if (r === null || typeof r !== 'object' || Array.isArray(r) || typeof r.startValue !== 'number' || typeof r.endValue !== 'number') continue;
    start += r.startValue;
    end += r.endValue;
  }
  if (start === 0 || typeof changes.from !== 'string' || typeof changes.to !== 'string' || changes.from === changes.to) return null;
  return {
    id: 'growth-change',
    label: `Activity change ${changes.from} to ${changes.to}`,
    value: (end - start) / start,
    format: 'percent',
    decimals: 1,
    detail: `(${Math.round(start).toLocaleString('en-GB')} to ${Math.round(end).toLocaleString('en-GB')}; the years to compare are under Settings)`,
  };
}

function growthTables(
  rows: ReturnType<typeof seriesRows>,
  changes: ReturnType<typeof changeRow>[],
  ytd: YtdRow[],
  forecast: ForecastRow[],
  periods: Periods,
  baseLabel: string,
  ratePerN: number,
): ResultTable[] {
  const asRows = (list: unknown[]) => toJson(list) as Record<string, JsonValue>[];
  const periodFormat = periods.grain === 'month' ? ('month' as const) : ('text' as const);
  const rateFormat = ratePerN === 1000 ? ('per_1000' as const) : ratePerN === 100000 ? ('per_100000' as const) : ('number' as const);
  const tables: ResultTable[] = [
    {
      id: 'growth-series',
      title: periods.grain === 'month' ? 'Activity by month' : 'Activity by financial year',
      columns: [
        { key: 'group', label: 'Group', format: 'text' },
        { key: 'label', label: 'Name', format: 'text' },
        { key: 'period', label: periods.grain === 'month' ? 'Month' : 'Year', format: periodFormat },
        { key: 'value', label: 'Activity', format: 'integer', count: true },
        { key: 'previous', label: periods.grain === 'month' ? 'Same month last year' : 'Previous year', format: 'integer', count: true },
        { key: 'change', label: 'Change', format: 'integer', count: true, differenceOf: ['value', 'previous'] },
        { key: 'changePct', label: 'Change %', format: 'percent', derivedFrom: 'change' },
        { key: 'index', label: `Index (${baseLabel} = 100)`, format: 'number', derivedFrom: 'value' },
        ...(rows.some((r) => r.population !== null)
          ? [
              { key: 'population', label: 'Population', format: 'integer' as const },
              { key: 'rate', label: `Rate per ${ratePerN.toLocaleString('en-GB')}`, format: rateFormat, derivedFrom: 'value' },
            ]
          : []),
        ...(periods.grain === 'year' && periods.mode === 'month' ? [{ key: 'months', label: 'Months of data', format: 'integer' as const }] : []),
        ...(periods.grain === 'month'
          ? [
              { key: 'ytdValue', label: 'Year to date', format: 'integer' as const, count: true },
              { key: 'ytdPrevious', label: 'Year to date last year', format: 'integer' as const, count: true },
              { key: 'ytdChangePct', label: 'Year to date change %', format: 'percent' as const, derivedFrom: 'ytdValue' },
            ]
          : []),
      ],
      rows: asRows(rows),
    },
    {
      id: 'growth-changes',
      title: changes[0] ? `Change ${changes[0].from} to ${changes[0].to}` : 'Change over the period',
      columns: [
        { key: 'label', label: 'Group', format: 'text' },
        { key: 'from', label: 'From', format: periodFormat },
        { key: 'to', label: 'To', format: periodFormat },
        { key: 'years', label: 'Years', format: 'number' },
        { key: 'startValue', label: 'Start', format: 'integer', count: true },
        { key: 'endValue', label: 'End', format: 'integer', count: true },
        { key: 'change', label: 'Change', format: 'integer', count: true, differenceOf: ['endValue', 'startValue'] },
        { key: 'changePct', label: 'Change %', format: 'percent', derivedFrom: 'change' },
        { key: 'cagr', label: 'CAGR', format: 'percent', derivedFrom: 'change' },
      ],
      rows: asRows(changes),
    },
  ];
  if (ytd.length)
    tables.push({
      id: 'growth-ytd',
      title: `Year to date: ${ytd[0]!.year} to ${ytd[0]!.throughMonth}`,
      columns: [
        { key: 'label', label: 'Group', format: 'text' },
        { key: 'value', label: 'Year to date', format: 'integer', count: true },
        { key: 'previousValue', label: 'Same period last year', format: 'integer', count: true },
        { key: 'change', label: 'Change', format: 'integer', count: true, differenceOf: ['value', 'previousValue'] },
        { key: 'changePct', label: 'Change %', format: 'percent', derivedFrom: 'change' },
      ],
      rows: asRows(ytd),
    });
  if (forecast.length) {
    const f = forecast[0]!;
    tables.push({
      id: 'growth-forecast',
      title: `Activity ${f.baselinePeriod} and forecast ${f.forecastPeriod}`,
      columns: [
        { key: 'label', label: 'Point of delivery', format: 'text' },
        { key: 'baseline', label: `Activity ${f.baselinePeriod}`, format: 'integer', count: true },
        { key: 'forecast', label: `Forecast ${f.forecastPeriod}`, format: 'integer', count: true },
        { key: 'changePct', label: 'Change %', format: 'percent' },
        { key: 'demographic', label: 'Demographic growth a year', format: 'percent' },
        { key: 'nonDemographic', label: 'Non-demographic growth a year', format: 'percent' },
        { key: 'growth', label: 'Other growth a year', format: 'percent' },
        { key: 'actual', label: `Actual ${f.forecastPeriod}`, format: 'integer', count: true },
      ],
      rows: asRows(forecast.map(({ path: _path, ...r }) => r)),
    });
  }
  return tables;
}
