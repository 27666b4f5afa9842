import { tableToRows } from '../../engine/arrow-values';
import type { JsonValue } from '../../format/plain-json';
import { categoryLabel } from '../../charts/time-grain';
import { fileStem } from '../../export/file-names';
import { quoteIdent } from '../../sql/identifiers';
import { describeTables } from '../mapping';
import { defineParams } from '../params/define';
import { param } from '../params/fields';
import type { ResultChart, ResultTable, RoleDefinition, ViewTemplate } from '../view-types';
import { num, str } from '../view-kit/numbers';
import { monthDateSql } from '../view-kit/period-sql';
import { spcChartOption } from './chart';
import { assuranceIcon, readDirection, variationIcon } from './icons';
import { xmr, type ImprovementDirection, type XmrResult } from './xmr';

/**
 * SPC (Making Data Count): an XmR chart per facet (e.g. per organisation or
 * measure) with special-cause points, the variation icon and, against a
 * target, the assurance icon — the XmR engine (xmr.ts) over a table of
 * periods and values.
 */

const SPC_ROLES: RoleDefinition[] = [
  {
    role: 'period',
    label: 'Period',
    description: 'Date of each point (a day, week or month)',
    required: true,
    kinds: ['date', 'string', 'number'],
    hints: ['month', 'period', 'date', 'week'],
  },
  {
    role: 'value',
    label: 'Value',
    description: 'The measure plotted',
    required: true,
    kinds: ['number'],
    hints: ['value', 'performance', 'rate', 'count', 'activity'],
  },
  {
    role: 'facet',
    label: 'Facet',
    description: 'One chart per value (organisation, measure)',
    required: false,
    kinds: ['string', 'number'],
    hints: ['measure', 'org', 'organisation', 'provider'],
  },
  { role: 'target', label: 'Target', description: 'Target for the assurance icon', required: false, kinds: ['number'], hints: ['target'] },
  {
    role: 'direction',
    label: 'Improvement direction',
    description: 'Per row: increase/higher, decrease/lower or neutral (else the Improvement setting)',
    required: false,
    kinds: ['string'],
    hints: ['improvement', 'direction', 'polarity'],
  },
];

export const spcParams = defineParams('spc', {
  improvement: param.choice(
    [
      ['increase', 'Higher is better'],
      ['decrease', 'Lower is better'],
      ['neutral', 'Neither'],
    ],
    { label: 'Improvement', default: 'increase' },
  ),
  /** Limits from the first N points of each segment (12 or more). */
  fixAfter: param.number({ label: 'Fix limits after (points)', min: 12, integer: true, placeholder: 'all points' }),
  /** Dates where the process changed: each starts a new segment with its own limits. */
  rebase: param.list({ label: 'Rebase at', placeholder: 'e.g. 2020-04-01', example: 'rebase=2020-04-01' }),
  /** A fixed target (else the mapped target column). */
  target: param.number({ label: 'Target' }),
  screenOutliers: param.boolean({ label: 'Screen moving-range outliers', default: true }),
});

interface SeriesPoint {
  period: string;
  value: number;
  target: number | null;
  direction: ImprovementDirection | null;
}

function isoDate(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const s = str(value);
  return s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null;
}

/** Axis labels: `Apr 2016` when every period is the first of a month (a monthly series), else the dates. */
function periodLabels(periods: readonly string[]): string[] {
  return periods.every((p) => p.endsWith('-01')) ? periods.map((p) => categoryLabel(p, 'month')) : [...periods];
}

/** `id`, or `id-2`, `id-3`… if taken: chart ids are file names in a rendered workbook, so they are slugs. */
function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
  used.add(candidate);
  return candidate;
}

const IMPROVEMENT_WORDS: Record<ImprovementDirection, string> = { increase: 'Higher', decrease: 'Lower', neutral: 'Neither' };

export const spcTemplate: ViewTemplate = {
  id: 'spc',
  title: 'SPC chart (Making Data Count)',
  description:
    'XmR statistical process control: mean, process limits, special-cause points (outside the limits, a trend of 7, two in three near a limit, a run of 7), variation and assurance icons, per facet.',
  roles: SPC_ROLES,
  params: spcParams,
  parseParams: (raw) => spcParams.json(raw),
  async run(db, spec, opts) {
    const params = spcParams.parse(spec.params);
    const { mapping } = spec;
    if (!mapping.period || !mapping.value) throw new Error('Map the period and value columns (period, value).');
    const table = spec.tables[0];
    if (!table) throw new Error('The SPC view needs a table.');
    const [info] = await describeTables(db, [table]);
    const column = (role: string) => info?.columns.find((c) => c.name === mapping[role]);
    for (const role of ['period', 'value', 'facet', 'target', 'direction'] as const) {
      if (mapping[role] && !column(role)) throw new Error(`Table "${table}" has no column "${mapping[role]}" (mapped to ${role}).`);
    }
    const periodColumn = column('period')!;
    const p = quoteIdent(periodColumn.name);
    const periodSql =
      periodColumn.kind === 'date' ? `CAST(${p} AS DATE)` : `COALESCE(TRY_CAST(trim(CAST(${p} AS VARCHAR)) AS DATE), ${monthDateSql(p, periodColumn.kind)})`;
    const facetSql = mapping.facet ? `CAST(${quoteIdent(mapping.facet)} AS VARCHAR)` : 'NULL';
    const targetSql = mapping.target ? `CAST(${quoteIdent(mapping.target)} AS DOUBLE)` : 'NULL';
    const directionSql = mapping.direction ? `CAST(${quoteIdent(mapping.direction)} AS VARCHAR)` : 'NULL';
    const sql = `SELECT ${facetSql} AS facet, ${periodSql} AS period, CAST(${quoteIdent(mapping.value)} AS DOUBLE) AS value, ${targetSql} AS target,
  ${directionSql} AS direction
FROM ${quoteIdent(table)} ORDER BY facet NULLS FIRST, period`;
    const rows = tableToRows(await db.query(sql, opts));

    const warnings: string[] = [];
    const series = new Map<string | null, SeriesPoint[]>();
    let skipped = 0;
    const unreadDirections = new Set<string>();
    for (const r of rows) {
      const period = isoDate(r.period);
      const value = num(r.value);
      if (period === null || value === null) {
        skipped++;
        continue;
      }
      const facet = str(r.facet);
      const list = series.get(facet) ?? [];
      const previous = list.at(-1);
      if (previous?.period === period)
        throw new Error(
          `${facet === null ? 'The series' : `Facet "${facet}"`} has two values for ${period}: an SPC chart takes one value per period (map a facet, or aggregate first).`,
        );
      const direction = readDirection(str(r.direction));
      if (direction === null && str(r.direction)) unreadDirections.add(str(r.direction)!);
      list.push({ period, value, target: num(r.target), direction });
      series.set(facet, list);
    }
    if (unreadDirections.size > 0)
      warnings.push(
        `Improvement direction${unreadDirections.size === 1 ? '' : 's'} ${[...unreadDirections].map((d) => `"${d}"`).join(', ')} not understood (use increase, decrease or neutral): the Improvement setting was used.`,
      );
    if (skipped) warnings.push(`${skipped} row${skipped === 1 ? '' : 's'} without a readable period or value ${skipped === 1 ? 'was' : 'were'} left out.`);
    if (series.size === 0) throw new Error('No rows with a period and a value.');

    const points: JsonValue[] = [];
    const summary: JsonValue[] = [];
    const charts: ResultChart[] = [];
    const tableRows: Record<string, JsonValue>[] = [];
    const summaryRows: Record<string, JsonValue>[] = [];
    const usedIds = new Set<string>();
    for (const [facet, list] of series) {
      const improvement = list.findLast((s) => s.direction !== null)?.direction ?? params.improvement;
      const target = params.target ?? list.findLast((s) => s.target !== null)?.target ?? null;
      const rebaseAt = params.rebase.map((d) => list.findIndex((s) => s.period === d.trim())).filter((i) => i > 0);
      const result: XmrResult = xmr(
        list.map((s) => s.value),
        { improvement, screenOutliers: params.screenOutliers, fixAfter: params.fixAfter, rebaseAt, target },
      );
      for (const w of result.warnings) warnings.push(facet === null ? w : `${facet}: ${w}`);
      result.points.forEach((pt, i) => {
        const row = { facet, period: list[i]!.period, value: pt.value, mean: pt.mean, lpl: pt.lpl, upl: pt.upl, pointType: pt.pointType };
        points.push(row);
        tableRows.push({ ...row, rule: pt.specialCauseType });
      });
      const last = result.points.at(-1)!;
      const chartId = uniqueId(facet === null ? 'spc' : `spc-${fileStem(facet, 'series')}`, usedIds);
      summary.push({ facet, variation: result.variation, assurance: result.assurance });
      summaryRows.push({
        facet,
        period: list.at(-1)!.period,
        latest: last.value,
        mean: last.mean,
        lpl: last.lpl,
        upl: last.upl,
        target,
        improvement: IMPROVEMENT_WORDS[improvement],
        variation: result.variation ? variationIcon(result.variation, improvement).label : null,
        assurance: result.assurance ? assuranceIcon(result.assurance).label : null,
        chartId,
      });
      const title = facet === null ? 'SPC chart' : `SPC chart: ${facet}`;
      charts.push({
        id: chartId,
        title,
        tableId: 'spc-points',
        option: spcChartOption(title, periodLabels(list.map((s) => s.period)), result, target, improvement),
      });
    }
    const pointsTable: ResultTable = {
      id: 'spc-points',
      title: 'Points',
      columns: [
        ...(mapping.facet ? [{ key: 'facet', label: mapping.facet, format: 'text' as const }] : []),
        { key: 'period', label: 'Period', format: 'date' },
        { key: 'value', label: 'Value', format: 'number' },
        { key: 'mean', label: 'Mean', format: 'number' },
        { key: 'lpl', label: 'Lower process limit', format: 'number' },
        { key: 'upl', label: 'Upper process limit', format: 'number' },
        { key: 'pointType', label: 'Point type', format: 'text' },
        { key: 'rule', label: 'Rule', format: 'text' },
      ],
      rows: tableRows,
    };
    const summaryTable: ResultTable = {
      id: 'spc-summary',
      title: 'Summary',
      columns: [
        { key: 'facet', label: mapping.facet ?? 'Series', format: 'text' },
        { key: 'period', label: 'Latest period', format: 'date' },
        { key: 'latest', label: 'Latest value', format: 'number' },
        { key: 'mean', label: 'Mean', format: 'number' },
        { key: 'lpl', label: 'Lower process limit', format: 'number' },
        { key: 'upl', label: 'Upper process limit', format: 'number' },
        { key: 'target', label: 'Target', format: 'number' },
        { key: 'improvement', label: 'Better when', format: 'text' },
        { key: 'variation', label: 'Variation', format: 'mdc-icon' },
        { key: 'assurance', label: 'Assurance', format: 'mdc-icon' },
      ],
      rows: summaryRows,
      rowChartKey: 'chartId',
    };
    return { template: 'spc', title: 'SPC chart', tables: [summaryTable, pointsTable], charts, json: { points, summary }, warnings };
  },
};
